// The workbook API: the ribbon command and the taskpane use it over an ExcelHost (the Office.js
// store, officeStore.ts); the CLI uses its store half over a workbook file (src/node/xlsxStore.ts).
import type { ExcelHost, SelectionSubscriber } from "../office/host";
import { requireRuns } from "../office/tables";
import { WorkbookError, type SealOutcome, type WorkbookApi } from "./api";
import { detailsOf, runIdOfRow, snapshotOf } from "./context";
import { officeStore } from "./officeStore";
import { listRunsInWorkbook } from "./runs";
import { previewSealInWorkbook, sealInWorkbook } from "./seal";
import type { WorkbookStore } from "./store";
import { inWriteQueue } from "./writeQueue";

export * from "./api";
export type { SealWrite, WorkbookStore } from "./store";

/**
 * Keeping the sealed file as a custom XML part, unprotecting and protecting PATCH_LOG and saving
 * are not undoable in Excel: each clears the undo stack (Microsoft's "Undo support with the Excel
 * JavaScript API" lists WorksheetProtection.protect/unprotect and Workbook.save; custom XML parts:
 * OfficeDev/office-js#4484, #6415). Evidence: packages/excel-simulator/README.md, rule 13.
 */
export const UNDO_NOTICE =
  "Note: Excel cannot undo past a seal. Keeping the sealed file in the workbook, protecting PATCH_LOG and saving clear Excel's undo history, so changes made before the seal can no longer be undone with Ctrl+Z (⌘Z). This is said once a session.";

/**
 * What a shell without Excel can do with a workbook it holds as a store (the CLI with a workbook
 * file): seal, preview, read the log, list and fetch the kept seals and signatures, register a
 * key. The add-in's API below adds what needs Excel itself (the selection, the run list, the
 * template) and what only the taskpane offers (patches, checks, repairs, over the same store).
 */
export type StoreApi = Pick<
  WorkbookApi,
  | "sealRun"
  | "previewSeal"
  | "readLog"
  | "listStoredSeals"
  | "fetchStoredSeal"
  | "keepSignature"
  | "checkKeptSignature"
  | "readActorKeys"
  | "registerActorKey"
>;

export function createStoreApi(
  store: WorkbookStore,
  /** Writes are queued on this key (the Excel host, so that every writer of one workbook waits its turn). */
  queueKey: object = store,
): StoreApi {
  const write = <T>(job: () => Promise<T>) => inWriteQueue(queueKey, job);
  const listStoredSeals = async () => {
    const snap = await store.snapshot({ seals: true, log: false });
    return (await store.details(snap, null)).seals;
  };
  return {
    sealRun: (runId, opts) =>
      write(() =>
        sealInWorkbook(
          store,
          { kind: "run", runId, rowHint: opts.rowHint },
          opts,
        ),
      ),
    previewSeal: (runId, opts) =>
      previewSealInWorkbook(
        store,
        { kind: "run", runId, rowHint: opts.rowHint },
        opts,
      ),
    // The log view and repairs load with their first use, not with the pane.
    readLog: async () => (await import("./log")).readLogView(store),
    listStoredSeals,
    async fetchStoredSeal(id) {
      const stored = (await listStoredSeals()).find((s) => s.id === id);
      if (!stored)
        throw new WorkbookError(
          "That seal is no longer kept in this workbook.",
          "no-seal",
        );
      return { fileName: stored.fileName, text: await store.sealText(id) };
    },
    // Signing loads with its first use, like patching.
    keepSignature: (doc, fileName, envelope) =>
      write(async () =>
        (await import("./signatures")).keepSignatureInWorkbook(
          store,
          doc,
          fileName,
          envelope,
        ),
      ),
    checkKeptSignature: async (doc) =>
      (await import("./signatures")).checkKeptSignatureInWorkbook(store, doc),
    readActorKeys: () => store.actorKeys(),
    registerActorKey: (actor, spki, now) =>
      write(async () =>
        (await import("./signatures")).registerActorKeyInWorkbook(
          store,
          actor,
          spki,
          now,
        ),
      ),
  };
}

export function createWorkbookApi(
  host: ExcelHost,
  subscribe?: SelectionSubscriber,
): WorkbookApi {
  const store = officeStore(host);
  const shared = createStoreApi(store, host);
  // Every write goes through the host's queue (see writeQueue.ts); reads do not wait.
  const write = <T>(job: () => Promise<T>) => inWriteQueue(host, job);
  // Said once per session, with the first seal: what a seal does to Excel's undo history.
  let undoNoticeGiven = false;
  const noticeUndo = (outcome: SealOutcome): SealOutcome => {
    if (outcome.kind !== "sealed" || undoNoticeGiven) return outcome;
    undoNoticeGiven = true;
    return { ...outcome, undoNotice: UNDO_NOTICE };
  };
  return {
    ...shared,
    listRuns: () => listRunsInWorkbook(host),
    async selectedRunId() {
      const snap = await snapshotOf(host, { selection: true, log: false });
      requireRuns(snap.runs);
      const sel = snap.selection;
      if (!sel || "problem" in sel)
        throw new WorkbookError(
          sel && "problem" in sel ? sel.problem : "Select a run's row.",
          "selection",
        );
      const d = await detailsOf(host, snap, sel.row);
      return runIdOfRow(snap, d.row?.values ?? []);
    },
    sealSelectedRun: (opts) =>
      write(() => sealInWorkbook(store, { kind: "selection" }, opts)).then(
        noticeUndo,
      ),
    sealRun: (runId, opts) => shared.sealRun(runId, opts).then(noticeUndo),
    // Patching, repairs and the template load with their first use, not with the pane.
    recordPatch: (req) =>
      write(async () =>
        (await import("./patch")).recordPatchInWorkbook(store, req),
      ),
    // The check of a sealed file loads with the Verify view's first use.
    checkAgainstWorkbook: async (doc) =>
      (await import("./check")).checkInWorkbook(store, doc),
    repairOrphans: (actor) =>
      write(async () =>
        (await import("./log")).repairOrphansInWorkbook(store, actor),
      ),
    async inspect() {
      const snap = await snapshotOf(host, { log: false });
      return {
        hasRunTable: !!snap.runs,
        hasGovernance: snap.hasGovernance,
        hasPrompts: snap.hasPrompts,
        hasLog: snap.log.exists,
      };
    },
    createGovernanceTemplate: () =>
      write(async () =>
        (await import("./template")).createGovernanceTemplateInWorkbook(host),
      ),
    onSelectionChanged: (cb) =>
      subscribe ? subscribe(cb) : Promise.resolve(() => undefined),
  };
}
