// Seal a run of the open workbook (CONTRACT §3–§6), in three syncs whatever the table's size:
// (1) snapshot, (2) the row and the stored seals, (3) store the document, then append the log
// entry, read it back, save. Office.js promises no transaction, so the document is stored before
// its entry: an interruption leaves a stored seal without an entry, which every later run reports
// and the Log view repairs, never an entry without its document.
import {
  exportTimestamp,
  makeEntry,
  usedColumnOf,
  sealRun,
  type SealResult,
} from "../core";
import { queueAppend, queueUnprotect, checkAppend } from "../office/ledger";
import { sealPartXml } from "../office/sealStore";
import { requireRuns, runCellName } from "../office/snapshot";
import { translateOfficeError } from "../office/errors";
import { RUN_TABLE } from "../office/names";
import type { ExcelHost } from "../office/host";
import { WorkbookError, type SealOptions, type SealOutcome } from "./api";
import {
  detailsOf,
  orphansOf,
  orphanWarning,
  rowOfRun,
  runIdOfRow,
  snapshotOf,
  rowSource,
} from "./context";

export type SealTarget =
  { kind: "selection" } | { kind: "run"; runId: string; rowHint?: number };

export async function sealInWorkbook(
  host: ExcelHost,
  target: SealTarget,
  opts: SealOptions,
): Promise<SealOutcome> {
  const now = opts.now ?? (() => new Date());
  const snap = await snapshotOf(host, {
    selection: target.kind === "selection",
    seals: true,
  });
  const runs = requireRuns(snap);
  if (snap.log.layoutProblem)
    throw new WorkbookError(snap.log.layoutProblem, "log-layout");

  let rowIndex: number | null;
  if (target.kind === "selection") {
    const sel = snap.selection;
    if (!sel || "problem" in sel)
      throw new WorkbookError(
        sel && "problem" in sel ? sel.problem : "Select a run's row.",
        "selection",
      );
    rowIndex = sel.row;
  } else {
    rowIndex = target.rowHint ?? (runs.rowCount > 0 ? 0 : null);
  }
  let details = await detailsOf(host, snap, rowIndex);
  const runId =
    target.kind === "run"
      ? target.runId
      : runIdOfRow(snap, details.row?.values ?? []);
  const lookup = rowOfRun(snap, details.row?.runIds ?? null, runId);
  if (lookup.rowIndex !== null && lookup.rowIndex !== rowIndex) {
    // The hint was stale (rows moved since the list was read): read the right row.
    rowIndex = lookup.rowIndex;
    details = await detailsOf(host, snap, rowIndex);
  }
  const row = lookup.rowIndex !== null ? details.row : null;
  const source = row
    ? rowSource(snap, row.address, row.values, row.numberFormats)
    : null;
  const used = runs.headers
    .map((_, c) => c)
    .filter((c) => usedColumnOf(runs.headers[c]) !== undefined);
  const orphans = orphansOf(details.seals, snap.log.entries);
  const timestamp = exportTimestamp(now());

  const result: SealResult = await sealRun({
    runId,
    lookup: lookup.check,
    source,
    cellNames: row
      ? used.map((c) => runCellName(runs, row.index, c))
      : undefined,
    tableHeaders: runs.headers,
    governance: snap.governance,
    actor: opts.actor.name,
    role: opts.actor.role,
    scope: { workbook: snap.workbookName, sheet: runs.sheet, table: RUN_TABLE },
    log: snap.log.entries,
    knownHeads: details.seals.map((s) => ({
      head: s.head,
      recordedBy: s.fileName,
    })),
    priorSeals: [
      ...orphans
        .filter((o) => o.runId === runId)
        .map((o) => ({
          hash: o.hash,
          exportTimestamp: "",
          where: `${o.fileName} (kept in the workbook, not logged)`,
        })),
      ...(opts.priorSeals ?? []),
    ],
    newVersionReason: opts.newVersionReason,
    exportTimestamp: timestamp,
  });
  const warnings = orphanWarning(orphans);
  let entry = result.logEntry!;
  if (result.sealed && opts.fileName && opts.fileName !== result.fileName) {
    // The file bears the name the caller chose (CLI --out): the SEAL entry and the kept seal name it.
    const e = entry;
    result.fileName = opts.fileName;
    entry = await makeEntry(snap.log.entries, {
      Timestamp: e.Timestamp,
      Action: "SEAL",
      RunID: e.RunID,
      SealHash: e.SealHash,
      FileName: opts.fileName,
      Actor: e.Actor,
      Reason: e.Reason,
    });
  }
  const save = host.supports("ExcelApi", "1.11");
  try {
    await host.run({ delayForCellEdit: true }, async (ctx) => {
      const unprotected = queueUnprotect(ctx.workbook, snap.log);
      if (result.sealed) {
        const d = result.document;
        ctx.workbook.customXmlParts.add(
          sealPartXml(
            {
              fileName: result.fileName,
              runId: d.meta.run_id,
              hash: d.hash,
              head: d.reconstruction.patch_log_head,
            },
            result.text,
          ),
        );
      }
      const q = queueAppend(ctx.workbook, snap.log, [entry], unprotected);
      if (save) ctx.workbook.save("Save" as Excel.SaveBehavior);
      await ctx.sync();
      warnings.push(...checkAppend(q, entry));
    });
  } catch (e) {
    throw translateOfficeError(
      e,
      result.sealed
        ? "Storing the seal and its log entry"
        : "Logging the refusal",
    );
  }
  if (!save)
    warnings.push(
      "Save the workbook now (this version of Excel cannot save from an add-in): the log entry and the kept seal are in it.",
    );
  if (!result.sealed)
    return {
      kind: "refused",
      runId,
      checks: result.checks,
      gates: result.gates,
      reason: result.reason,
      logEntry: entry,
      warnings,
    };
  return {
    kind: "sealed",
    document: result.document,
    fileName: result.fileName,
    text: result.text,
    bytes: result.bytes,
    logEntry: entry,
    saved: save,
    warnings,
  };
}
