// Shared steps of the workflows: reading the snapshot with user-facing errors, finding a run's row.
import {
  cellToText,
  findColumns,
  pickSource,
  selectRun,
  type CellValue,
  type SourceRecord,
  type PatchLogEntry,
  type SealedRun,
  verifyBytes,
} from "../core";
import { readDetails, type Details } from "../office/details";
import {
  readSnapshot,
  type Snapshot,
  type SnapshotOptions,
} from "../office/snapshot";
import { requireRuns } from "../office/tables";
import { translateOfficeError } from "../office/errors";
import type { ExcelHost } from "../office/host";
import { WorkbookError, type StoredSeal } from "./api";
import type { WorkbookStore } from "./store";

export async function snapshotOf(
  host: ExcelHost,
  opts: SnapshotOptions,
): Promise<Snapshot> {
  try {
    return await readSnapshot(host, opts);
  } catch (e) {
    throw translateOfficeError(e, "Reading the workbook");
  }
}

export async function detailsOf(
  host: ExcelHost,
  s: Snapshot,
  row: number | null,
  runId?: string,
  selected = false,
): Promise<Details> {
  try {
    return await readDetails(host, s, row, runId, selected);
  } catch (e) {
    throw translateOfficeError(e, "Reading the run's row");
  }
}

/** The row index of a run id, from the RunID column read with any row. */
export function rowOfRun(
  s: Snapshot,
  runIds: CellValue[] | null,
  runId: string,
) {
  const runs = requireRuns(s.runs);
  return selectRun(
    { headers: ["RunID"], rows: (runIds ?? []).map((v) => [v]) },
    runId,
    (i) => `${runs.sheet} row ${runs.bodyRow + i + 1}`,
  );
}

/** The used cells of a run's row, as a seal records them (§5 `reconstruction.source`). */
export function rowSource(
  s: Snapshot,
  location: string,
  values: CellValue[],
  numberFormats: string[],
): SourceRecord {
  return pickSource({
    kind: "excel-table",
    location,
    headers: requireRuns(s.runs).headers,
    values,
    numberFormats,
    dateSystem: s.dateSystem,
  });
}

export function runIdOfRow(s: Snapshot, values: CellValue[]): string {
  const k = findColumns(requireRuns(s.runs).headers).index.RunID;
  return k >= 0 ? cellToText(values[k]) : "";
}

export function sealEntries(
  entries: readonly PatchLogEntry[],
): Map<string, PatchLogEntry> {
  const m = new Map<string, PatchLogEntry>();
  for (const e of entries) if (e.Action === "SEAL") m.set(e.SealHash, e);
  return m;
}

/** Stored seals without a SEAL entry: a seal interrupted between storing and logging. */
export function orphansOf(
  seals: readonly StoredSeal[],
  entries: readonly PatchLogEntry[],
): StoredSeal[] {
  const logged = sealEntries(entries);
  return seals.filter((s) => !logged.has(s.hash));
}

/**
 * Orphans when only the log's tail and index were read (a checkpointed seal): a kept seal is
 * logged when its hash is in the tail; before the tail only each run's count of SEAL entries is
 * known, so a run keeping more seals than it has SEAL entries has that many orphans, taken among
 * its seals not seen logged, newest first. Exact for a run with no SEAL entry (all its kept seals
 * are orphans), which is what not_already_sealed needs; the Log view names them exactly.
 */
export function orphansOfIndexed(
  seals: readonly StoredSeal[],
  index: { actions: readonly string[]; runIds: readonly string[] },
  known: readonly PatchLogEntry[],
): StoredSeal[] {
  const logged = sealEntries(known);
  const counts = new Map<string, number>();
  index.actions.forEach((a, i) => {
    if (a === "SEAL")
      counts.set(index.runIds[i], (counts.get(index.runIds[i]) ?? 0) + 1);
  });
  const byRun = new Map<string, StoredSeal[]>();
  for (const s of seals) byRun.set(s.runId, [...(byRun.get(s.runId) ?? []), s]);
  const out: StoredSeal[] = [];
  for (const [run, kept] of byRun) {
    const excess = kept.length - (counts.get(run) ?? 0);
    if (excess <= 0) continue;
    const unseen = kept.filter((s) => !logged.has(s.hash));
    out.push(...unseen.slice(Math.max(0, unseen.length - excess)));
  }
  return seals.filter((s) => out.includes(s));
}

export function orphanWarning(orphans: readonly StoredSeal[]): string[] {
  return orphans.length
    ? [
        `${orphans.length} seal(s) kept in this workbook have no SEAL entry in PATCH_LOG (${orphans.map((o) => o.fileName).join(", ")}): a seal was interrupted. Repair it from the Log view.`,
      ]
    : [];
}

export function requireActor(name: string): void {
  if (!name.trim())
    throw new WorkbookError(
      "Say who is sealing: enter your name and role in the taskpane first.",
      "selection",
    );
}

/** A seal kept in the workbook, read and verified: a kept copy that no longer verifies is never used. */
export async function storedDocument(
  store: WorkbookStore,
  partId: string,
): Promise<SealedRun> {
  const text = await store.sealText(partId);
  const v = await verifyBytes(new TextEncoder().encode(text));
  if (!v.valid)
    throw new WorkbookError(
      `The seal kept in the workbook does not verify (${v.reason}); it cannot be used.`,
      "no-seal",
    );
  return v.document as unknown as SealedRun;
}
