// The ribbon's ExecuteFunction handlers (manifest: sealRun, showVerify, showSealLog). They run in
// the shared runtime beside the task pane and hand results to it through the bus. Office waits
// for event.completed() on every path, or the button stays busy: each handler publishes its
// message, asks for the pane without waiting for it (Office.addin.showAsTaskpane is not honoured
// by every Excel and may never settle; the manifest's "Open Sealed Run" ShowTaskpane button
// reaches the pane anyway) and completes at once. Evidence: packages/excel-simulator/README.md, rule 12.
import type { Actor, SealOutcome, WorkbookApi } from "../workflows/api";
import type { TaskpaneBus } from "../taskpane/bus";
import { messageOf } from "../taskpane/errors";
import { NO_EXCEL_MESSAGE_TEXT } from "./messages";

/** What Office passes an ExecuteFunction handler. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  /** The workbook api; null when the runtime is not in Excel. */
  getApi: () => Promise<WorkbookApi | null>;
  /** Office.addin.showAsTaskpane in the add-in; a fake in tests and the workbench. */
  showTaskpane: () => Promise<void>;
  bus: TaskpaneBus;
  /** The remembered actor (see src/taskpane/actorStore.ts), null when none is known. */
  getActor: () => Actor | null | Promise<Actor | null>;
  /** After a ribbon seal wrote to the workbook (Office.addin.setStartupBehavior in the add-in). */
  afterWrite?: () => void;
}

export interface Commands {
  sealRun(event: CommandEvent): Promise<void>;
  /** Opening a view waits for nothing: the bus holds the message until the pane reads it. */
  showVerify(event: CommandEvent): void;
  showSealLog(event: CommandEvent): void;
}

export const NEED_ACTOR_MESSAGE =
  "Say who is sealing (your name and role) below, then press Seal Run again. It is asked once and remembered on this computer.";

export function createCommands(deps: CommandDeps): Commands {
  /** Asks for the pane and does not wait: the bus holds the message for whenever it opens. */
  const show = () => {
    try {
      void deps.showTaskpane().catch(() => undefined);
    } catch {
      // Nothing more to do from a ribbon button; the message waits on the bus.
    }
  };

  const complete = (event: CommandEvent) => {
    try {
      event.completed();
    } catch {
      // Office already considers the command finished.
    }
  };

  const wrote = (outcome: SealOutcome) => {
    if (outcome.kind === "sealed" || outcome.logEntry) {
      try {
        deps.afterWrite?.();
      } catch {
        // Only an optimisation for the next opening of this workbook.
      }
    }
  };

  return {
    async sealRun(event) {
      try {
        const actor = await deps.getActor();
        if (!actor) {
          deps.bus.publish({
            view: "seal",
            notice: { kind: "need-actor", message: NEED_ACTOR_MESSAGE },
          });
          return;
        }
        const api = await deps.getApi();
        if (!api) {
          deps.bus.publish({
            view: "seal",
            notice: { kind: "error", message: NO_EXCEL_MESSAGE_TEXT },
          });
          return;
        }
        const outcome = await api.sealSelectedRun({ actor });
        deps.bus.publish({ view: "seal", notice: { kind: "seal", outcome } });
        wrote(outcome);
      } catch (e) {
        deps.bus.publish({
          view: "seal",
          notice: { kind: "error", message: messageOf(e) },
        });
      } finally {
        show();
        complete(event);
      }
    },
    showVerify(event) {
      try {
        deps.bus.publish({ view: "verify" });
      } finally {
        show();
        complete(event);
      }
    },
    showSealLog(event) {
      try {
        deps.bus.publish({ view: "log" });
      } finally {
        show();
        complete(event);
      }
    },
  };
}

/** Register the handlers under the manifest's FunctionName values, where Office offers it. */
export function registerCommands(commands: Commands): boolean {
  if (
    typeof Office === "undefined" ||
    !Office.actions ||
    typeof Office.actions.associate !== "function"
  )
    return false;
  Office.actions.associate(
    "sealRun",
    (event: CommandEvent) => void commands.sealRun(event),
  );
  Office.actions.associate("showVerify", (event: CommandEvent) =>
    commands.showVerify(event),
  );
  Office.actions.associate("showSealLog", (event: CommandEvent) =>
    commands.showSealLog(event),
  );
  return true;
}

/** Office.addin.showAsTaskpane, which needs the shared runtime (manifest: SharedRuntime 1.1). */
export function officeShowTaskpane(): Promise<void> {
  if (typeof Office === "undefined" || !Office.addin?.showAsTaskpane)
    return Promise.reject(
      new Error("Office.addin.showAsTaskpane is not available"),
    );
  return Office.addin.showAsTaskpane();
}

/**
 * Load this add-in's runtime when this workbook opens (Office.addin.setStartupBehavior,
 * SharedRuntime 1.1): a workbook sealed from the ribbon then has its handlers registered before
 * the first click of the next session. Office stores it with the document; failures are ignored.
 */
export function officeLoadOnOpen(): void {
  if (
    typeof Office === "undefined" ||
    typeof Office.addin?.setStartupBehavior !== "function"
  )
    return;
  void Office.addin
    .setStartupBehavior(Office.StartupBehavior.load)
    .catch(() => undefined);
}
