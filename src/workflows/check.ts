// Hold a sealed document against the open workbook: is it logged, has its row changed since,
// which patches name it, is the chain intact (CONTRACT §6).
import {
  checkChain,
  fieldDifferences,
  sealedFields,
  deriveFields,
  type SourceRecord,
  type SealedRun,
} from "../core";
import { requireRuns } from "../office/snapshot";
import type { ExcelHost } from "../office/host";
import type { FieldChange, WorkbookCheck } from "./api";
import { detailsOf, rowOfRun, rowSource, snapshotOf } from "./context";

/** What changed in a run's row since its seal, field by field (a row that no longer derives gives its reasons). */
export function changesSince(doc: SealedRun, now: SourceRecord): FieldChange[] {
  const derived = deriveFields(now);
  if (!derived.fields) {
    const why = derived.checks
      .filter((c) => c.triggered)
      .map((c) => `${c.check}: ${c.detail}`);
    return [
      {
        field: "row",
        sealed: "sealable",
        now: why.join("; ") || "no longer sealable",
      },
    ];
  }
  return fieldDifferences(sealedFields(doc), derived.fields);
}

export async function checkInWorkbook(
  host: ExcelHost,
  doc: SealedRun,
): Promise<WorkbookCheck> {
  const snap = await snapshotOf(host, { seals: true });
  const entries = snap.log.entries;
  const sealEntry =
    entries.find((e) => e.Action === "SEAL" && e.SealHash === doc.hash) ?? null;
  let details = await detailsOf(host, snap, null);
  const heads = details.seals.map((s) => ({
    head: s.head,
    recordedBy: s.fileName,
  }));
  if (sealEntry)
    heads.push({
      head: doc.reconstruction.patch_log_head,
      recordedBy: sealEntry.FileName || doc.meta.run_id,
    });
  const chain = await checkChain(entries, heads);
  const patches = entries.filter(
    (e) => e.Action === "PATCH" && e.SealHash === doc.hash,
  );

  let rowFound = false;
  let changes: FieldChange[] = [];
  if (snap.runs) {
    const runs = requireRuns(snap);
    if (runs.rowCount > 0) details = await detailsOf(host, snap, 0);
    const lookup = rowOfRun(snap, details.row?.runIds ?? null, doc.meta.run_id);
    if (lookup.rowIndex !== null) {
      rowFound = true;
      const row = (await detailsOf(host, snap, lookup.rowIndex)).row!;
      changes = changesSince(
        doc,
        rowSource(snap, row.address, row.values, row.numberFormats),
      );
    }
  }
  return { sealEntry, rowFound, changes, patches, chain };
}
