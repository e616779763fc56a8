// The ribbon functions and the task pane share one runtime (manifest: shared runtime), so they talk
// through this tiny store: a command publishes which view to show and what happened; the App shows
// it. The latest message is kept, so an App that mounts after the command still gets it.
import type { SealOutcome } from "../workflows/api";

export type View = "seal" | "verify" | "patch" | "log";

export type CommandNotice =
  | { kind: "seal"; outcome: SealOutcome }
  /** A ribbon seal with no actor known: the task pane asks, then the user seals again. */
  | { kind: "need-actor"; message: string }
  | { kind: "error"; message: string };

export interface BusMessage {
  view: View;
  notice?: CommandNotice;
  /** Increases with every message, so the same notice twice is still two events. */
  seq: number;
}

export interface TaskpaneBus {
  publish(message: { view: View; notice?: CommandNotice }): void;
  latest(): BusMessage | null;
  subscribe(listener: (message: BusMessage) => void): () => void;
}

export function createBus(): TaskpaneBus {
  let last: BusMessage | null = null;
  let seq = 0;
  const listeners = new Set<(m: BusMessage) => void>();
  return {
    publish(message) {
      last = { ...message, seq: ++seq };
      for (const l of [...listeners]) l(last);
    },
    latest: () => last,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The one bus of the shared runtime. */
export const taskpaneBus: TaskpaneBus = createBus();
