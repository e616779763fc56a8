// Seal a run of the open workbook (CONTRACT §3–§6), in three syncs whatever the table's size:
// (1) snapshot with the log's index and checkpoint, (2) the row, the stored seals and the log from
// the checkpoint on, (3) store the document, then append the log entry and move the checkpoint,
// read it back; then (4) save, in its own batch (a failed save is a warning, never a refusal).
// The log is checked from its verified checkpoint on (the entries before it
// are trusted); without a checkpoint that matches, the whole log is read and checked. Office.js
// promises no transaction, so the document is stored before its entry: an interruption leaves a
// stored seal without an entry, which every later run reports and the Log view repairs, never an
// entry without its document.
import {
  exportTimestamp,
  usedColumnOf,
  sealRun,
  type PatchLogEntry,
  type SealResult,
  type VerifiedLog,
} from "../core";
import type { Details } from "../office/details";
import { latestSealAt } from "../office/logRead";
import type { Snapshot } from "../office/snapshot";
import { requireRuns, runCellName } from "../office/tables";
import { translateOfficeError } from "../office/errors";
import { unsavedWarning } from "../office/save";
import { RUN_TABLE } from "../office/names";
import {
  WorkbookError,
  type SealOptions,
  type SealOutcome,
  type SealPreview,
} from "./api";
import {
  orphansOf,
  orphansOfIndexed,
  orphanWarning,
  rowOfRun,
  runIdOfRow,
  rowSource,
} from "./context";
import type { WorkbookStore } from "./store";

/**
 * The log as a seal needs it, from the index (sync 1) and the tail (sync 2): a verified log when
 * the checkpoint's entry is where it says and still has its EntryHash; otherwise the whole log,
 * read (one sync per 4 MB, unless the tail read from the top was the whole log) and checked in
 * full. Then the snapshot's log state holds those entries, for the append.
 */
async function logForSeal(
  store: WorkbookStore,
  snap: Snapshot,
  details: Details,
  runId: string,
): Promise<{ verified: VerifiedLog } | { entries: PatchLogEntry[] }> {
  const index = snap.log.index;
  const tail = details.log;
  const g = snap.log.geometry;
  if (!index || !tail || !g) return { entries: snap.log.entries };
  const cp = index.checkpoint;
  if (
    cp &&
    tail.from === cp.count - 1 &&
    tail.entries[0]?.EntryHash === cp.head
  ) {
    let before = tail.sealBefore;
    const inTail = [...tail.entries]
      .reverse()
      .find((e) => e.Action === "SEAL" && e.RunID === runId);
    const at = latestSealAt(index, runId);
    if (!inTail && !before && at >= 0 && at < tail.from)
      // Sealing the selection: the run was not known in sync 2. One more sync, only for a run
      // already sealed before the checkpoint.
      before = await store.logEntry(snap, at);
    return {
      verified: {
        verifiedCount: cp.count,
        verifiedHead: cp.head,
        tail: tail.entries,
        latestSeal: (r) =>
          r === runId
            ? (inTail ??
              (before?.Action === "SEAL" && before.RunID === r
                ? before
                : undefined))
            : undefined,
      },
    };
  }
  const entries = tail.from === 0 ? tail.entries : await store.wholeLog(snap);
  return { entries };
}

export type SealTarget =
  { kind: "selection" } | { kind: "run"; runId: string; rowHint?: number };

/** Everything a seal reads and decides, before it writes (two syncs, or more as stated in README). */
async function prepareSeal(
  store: WorkbookStore,
  target: SealTarget,
  opts: SealOptions,
) {
  const now = opts.now ?? (() => new Date());
  const snap = await store.snapshot({
    selection: target.kind === "selection",
    seals: true,
    log: "index",
  });
  const runs = requireRuns(snap.runs);
  const logProblem = snap.log.layoutProblem ?? snap.log.appendProblem;
  if (logProblem) throw new WorkbookError(logProblem, "log-layout");

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
  let details = await store.details(
    snap,
    rowIndex,
    target.kind === "run" ? target.runId : undefined,
    target.kind === "selection",
  );
  const runId =
    target.kind === "run"
      ? target.runId
      : runIdOfRow(snap, details.row?.values ?? []);
  const lookup = rowOfRun(snap, details.row?.runIds ?? null, runId);
  if (lookup.rowIndex !== null && lookup.rowIndex !== rowIndex) {
    // The hint was stale (rows moved since the list was read): read the right row.
    rowIndex = lookup.rowIndex;
    details = await store.details(snap, rowIndex, runId);
  }
  let log: Awaited<ReturnType<typeof logForSeal>>;
  try {
    log = await logForSeal(store, snap, details, runId);
  } catch (e) {
    throw translateOfficeError(e, "Reading PATCH_LOG");
  }
  const row = lookup.rowIndex !== null ? details.row : null;
  const source = row
    ? rowSource(snap, row.address, row.values, row.numberFormats)
    : null;
  const used = runs.headers
    .map((_, c) => c)
    .filter((c) => usedColumnOf(runs.headers[c]) !== undefined);
  const latest = "verified" in log ? log.verified.latestSeal(runId) : undefined;
  const orphans =
    "verified" in log && snap.log.index
      ? orphansOfIndexed(details.seals, snap.log.index, [
          ...log.verified.tail,
          ...(latest ? [latest] : []),
        ])
      : orphansOf(details.seals, "entries" in log ? log.entries : []);
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
    log: "verified" in log ? log.verified : log.entries,
    knownHeads: details.seals.map((s) => ({
      head: s.head,
      recordedBy: s.fileName,
      sealHash: s.hash,
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
    // The file bears the name the caller chose (CLI --out): the SEAL entry and the kept seal name it.
    fileName: opts.fileName,
  });
  const warnings = orphanWarning(orphans);
  // A workbook always keeps a log, so sealRun always made the entry.
  const entry = result.logEntry!;
  // The log, with this entry, is verified through it when the chain checked intact (in full, or
  // from the checkpoint on): the checkpoint moves with the append, in the same batch.
  const checkpoint = result.chain?.intact
    ? { count: Number(entry.EntryID.slice(3)), head: entry.EntryHash }
    : undefined;
  // The log as the seal read it: its whole body when the checkpoint did not serve (the append follows it).
  const read: Snapshot =
    "entries" in log && snap.log.index
      ? {
          ...snap,
          log: { ...snap.log, entries: log.entries, index: undefined },
        }
      : snap;
  return { snap: read, runId, result, entry, checkpoint, warnings };
}

/** What sealing this run would give now: the document, or the checks that would refuse it. Nothing is written. */
export async function previewSealInWorkbook(
  store: WorkbookStore,
  target: SealTarget,
  opts: SealOptions,
): Promise<SealPreview> {
  const { runId, result, warnings } = await prepareSeal(store, target, opts);
  return result.sealed
    ? {
        kind: "would-seal",
        document: result.document,
        fileName: result.fileName,
        text: result.text,
        warnings,
      }
    : {
        kind: "would-refuse",
        runId,
        checks: result.checks,
        gates: result.gates,
        reason: result.reason,
        warnings,
      };
}

export async function sealInWorkbook(
  store: WorkbookStore,
  target: SealTarget,
  opts: SealOptions,
): Promise<SealOutcome> {
  const { snap, runId, result, entry, checkpoint, warnings } =
    await prepareSeal(store, target, opts);
  const d = result.sealed ? result.document : null;
  const written = await store.commit(
    snap,
    {
      part:
        result.sealed && d
          ? {
              meta: {
                fileName: result.fileName,
                runId: d.meta.run_id,
                hash: d.hash,
                head: d.reconstruction.patch_log_head,
              },
              text: result.text,
            }
          : null,
      entries: [entry],
      checkpoint,
    },
    result.sealed
      ? "Storing the seal and its log entry"
      : "Logging the refusal",
  );
  // Saved apart, once the writes have synced: a failed save cannot undo what was written.
  const save = await store.save();
  const said = [
    ...warnings,
    ...written,
    ...unsavedWarning(
      result.sealed ? "Sealed and logged" : "The refusal is logged",
      save,
    ),
  ];
  if (!result.sealed)
    return {
      kind: "refused",
      runId,
      checks: result.checks,
      gates: result.gates,
      reason: result.reason,
      logEntry: entry,
      warnings: said,
    };
  return {
    kind: "sealed",
    document: result.document,
    fileName: result.fileName,
    text: result.text,
    bytes: result.bytes,
    logEntry: entry,
    saved: save.saved,
    warnings: said,
  };
}
