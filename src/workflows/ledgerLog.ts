// PATCH_LOG in a workbook as a LogStore (src/core/log/state.ts), beside PATCH_LOG.csv
// (src/node/patchLogCsv.ts): read whole, appended in one batch that moves the checkpoint. It keeps
// the snapshot it read, so that a workflow reads the kept seals from that same read.
import {
  logStateOf,
  type LogState,
  type LogStore,
  type PatchLogEntry,
} from "../core";
import type { Snapshot } from "../office/snapshot";
import { WorkbookError } from "./api";
import type { WorkbookStore } from "./store";

/** The office layer's read of the log, as the core's LogState. */
export function logStateOfSnapshot(
  snap: Snapshot,
): LogState<readonly PatchLogEntry[]> {
  const { layoutProblem, appendProblem } = snap.log;
  return logStateOf(
    snap.log.entries,
    snap.log.index?.checkpoint ?? null,
    [layoutProblem, appendProblem].filter((p): p is string => !!p),
  );
}

export interface LedgerLogStore extends LogStore<readonly PatchLogEntry[]> {
  /** The workbook as the last read found it (its kept seals' ids among the rest). */
  readonly snapshot: Snapshot | null;
}

export function ledgerLogStore(
  store: WorkbookStore,
  /** What the append is doing, for the messages of a failure: "Recording the patch". */
  doing: string,
): LedgerLogStore {
  let snap: Snapshot | null = null;
  return {
    get snapshot() {
      return snap;
    },
    async read() {
      snap = await store.snapshot({ seals: true });
      return logStateOfSnapshot(snap);
    },
    async append(entries, checkpoint) {
      if (!snap)
        throw new WorkbookError(
          `${doing}: PATCH_LOG was not read before appending to it.`,
          "log-layout",
        );
      return store.commit(
        snap,
        { part: null, entries: [...entries], checkpoint },
        doing,
      );
    },
  };
}
