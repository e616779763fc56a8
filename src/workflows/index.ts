// The workbook API the ribbon command and the taskpane use, over any ExcelHost.
import type { ExcelHost, SelectionSubscriber } from "../office/host";
import { requireRuns } from "../office/snapshot";
import { readSealPartText } from "../office/sealStore";
import { WorkbookError, type WorkbookApi } from "./api";
import { checkInWorkbook } from "./check";
import { detailsOf, runIdOfRow, snapshotOf } from "./context";
import { readLogView, repairOrphansInWorkbook } from "./log";
import { recordPatchInWorkbook } from "./patch";
import { listRunsInWorkbook } from "./runs";
import { previewSealInWorkbook, sealInWorkbook } from "./seal";
import { createGovernanceTemplateInWorkbook } from "./template";
import { inWriteQueue } from "./writeQueue";

export * from "./api";

export function createWorkbookApi(
  host: ExcelHost,
  subscribe?: SelectionSubscriber,
): WorkbookApi {
  // Every write goes through the host's queue (see writeQueue.ts); reads do not wait.
  const write = <T>(job: () => Promise<T>) => inWriteQueue(host, job);
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
      write(() => sealInWorkbook(host, { kind: "selection" }, opts)),
    sealRun: (runId, opts) =>
      write(() =>
        sealInWorkbook(host, { kind: "run", runId, rowHint: opts.rowHint }, opts),
      ),
    previewSeal: (runId, opts) =>
      previewSealInWorkbook(
        host,
        { kind: "run", runId, rowHint: opts.rowHint },
        opts,
      ),
    recordPatch: (req) => write(() => recordPatchInWorkbook(host, req)),
    checkAgainstWorkbook: (doc) => checkInWorkbook(host, doc),
    readLog: () => readLogView(host),
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
    repairOrphans: (actor) => write(() => repairOrphansInWorkbook(host, actor)),
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
      write(() => createGovernanceTemplateInWorkbook(host)),
    onSelectionChanged: (cb) =>
      subscribe ? subscribe(cb) : Promise.resolve(() => undefined),
  };
}
