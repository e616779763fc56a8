// The workbook API the ribbon command and the taskpane use, over any ExcelHost.
import type { ExcelHost, SelectionSubscriber } from "../office/host";
import { requireRuns } from "../office/snapshot";
import { readSealPartText } from "../office/sealStore";
import { WorkbookError, type SealOutcome, type WorkbookApi } from "./api";
import { checkInWorkbook } from "./check";
import { detailsOf, runIdOfRow, snapshotOf } from "./context";
import { listRunsInWorkbook } from "./runs";
import { previewSealInWorkbook, sealInWorkbook } from "./seal";
import { inWriteQueue } from "./writeQueue";

export * from "./api";

/**
 * Keeping the sealed file as a custom XML part, unprotecting and protecting PATCH_LOG and saving
 * are not undoable in Excel: each clears the undo stack (Microsoft's "Undo support with the Excel
 * JavaScript API" lists WorksheetProtection.protect/unprotect and Workbook.save; custom XML parts:
 * OfficeDev/office-js#4484, #6415). Evidence: packages/excel-simulator/README.md, rule 13.
 */
export const UNDO_NOTICE =
  "Note: Excel cannot undo past a seal. Keeping the sealed file in the workbook, protecting PATCH_LOG and saving clear Excel's undo history, so changes made before the seal can no longer be undone with Ctrl+Z (⌘Z). This is said once a session.";

export function createWorkbookApi(
  host: ExcelHost,
  subscribe?: SelectionSubscriber,
): WorkbookApi {
  // Every write goes through the host's queue (see writeQueue.ts); reads do not wait.
  const write = <T>(job: () => Promise<T>) => inWriteQueue(host, job);
  // Said once per session, with the first seal: what a seal does to Excel's undo history.
  let undoNoticeGiven = false;
  const noticeUndo = (outcome: SealOutcome): SealOutcome => {
    if (outcome.kind === "sealed" && !undoNoticeGiven) {
      undoNoticeGiven = true;
      outcome.undoNotice = UNDO_NOTICE;
    }
    return outcome;
  };
  return {
    listRuns: () => listRunsInWorkbook(host),
    async selectedRunId() {
      const snap = await snapshotOf(host, { selection: true, log: false });
      requireRuns(snap);
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
      write(() => sealInWorkbook(host, { kind: "selection" }, opts)).then(
        noticeUndo,
      ),
    sealRun: (runId, opts) =>
      write(() =>
        sealInWorkbook(
          host,
          { kind: "run", runId, rowHint: opts.rowHint },
          opts,
        ),
      ).then(noticeUndo),
    previewSeal: (runId, opts) =>
      previewSealInWorkbook(
        host,
        { kind: "run", runId, rowHint: opts.rowHint },
        opts,
      ),
    // Patching, the log, repairs and the template load with their first use, not with the pane.
    recordPatch: (req) =>
      write(async () =>
        (await import("./patch")).recordPatchInWorkbook(host, req),
      ),
    checkAgainstWorkbook: (doc) => checkInWorkbook(host, doc),
    readLog: async () => (await import("./log")).readLogView(host),
    async listStoredSeals() {
      const snap = await snapshotOf(host, { seals: true, log: false });
      return (await detailsOf(host, snap, null)).seals;
    },
    async fetchStoredSeal(id) {
      const stored = (await this.listStoredSeals()).find((s) => s.id === id);
      if (!stored)
        throw new WorkbookError(
          "That seal is no longer kept in this workbook.",
          "no-seal",
        );
      return {
        fileName: stored.fileName,
        text: await readSealPartText(host, id),
      };
    },
    repairOrphans: (actor) =>
      write(async () =>
        (await import("./log")).repairOrphansInWorkbook(host, actor),
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
    // Signing loads with its first use, like patching.
    keepSignature: (doc, fileName, envelope) =>
      write(async () =>
        (await import("./signatures")).keepSignatureInWorkbook(
          host,
          doc,
          fileName,
          envelope,
        ),
      ),
    checkKeptSignature: async (doc) =>
      (await import("./signatures")).checkKeptSignatureInWorkbook(host, doc),
    registerActorKey: (actor, spki) =>
      write(async () =>
        (await import("./signatures")).registerActorKeyInWorkbook(
          host,
          actor,
          spki,
        ),
      ),
    readActorKeys: async () =>
      (await import("./signatures")).readActorKeysInWorkbook(host),
    onSelectionChanged: (cb) =>
      subscribe ? subscribe(cb) : Promise.resolve(() => undefined),
  };
}
