// Hold a sealed document against the open workbook: is it logged, has its row changed since,
// which patches name it, is the chain intact (CONTRACT §6).
import {
  canonicalize,
  checkChain,
  deriveFields,
  pickSource,
  type DerivedFields,
  type SealedRun,
} from "../core";
import { requireRuns } from "../office/snapshot";
import type { ExcelHost } from "../office/host";
import type { FieldChange, WorkbookCheck } from "./api";
import { detailsOf, rowOfRun, snapshotOf } from "./context";

export function sealedFields(d: SealedRun): DerivedFields {
  return {
    run_id: d.meta.run_id,
    session_date: d.meta.session_date,
    operator: d.meta.operator,
    model: d.meta.model,
    top_risks: d.top_risks,
    top_actions: d.top_actions,
    suggested_updates: d.suggested_updates,
    summary_confidence_pct: d.kpis.summary_confidence_pct,
    next_review_date: d.kpis.next_review_date,
  };
}

/** Field-by-field differences between a seal and what its row gives now (a refused row gives its reasons). */
export function compareFields(
  sealed: DerivedFields,
  now: DerivedFields | null,
  nowProblems: string[],
): FieldChange[] {
  if (!now)
    return [
      {
        field: "row",
        sealed: "sealable",
        now: nowProblems.join("; ") || "no longer sealable",
      },
    ];
  const out: FieldChange[] = [];
  for (const k of Object.keys(sealed) as (keyof DerivedFields)[]) {
    const a = canonicalize(sealed[k]);
    const b = canonicalize(now[k]);
    if (a !== b) out.push({ field: k, sealed: a, now: b });
  }
  return out;
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
      const source = pickSource({
        kind: "excel-table",
        location: row.address,
        headers: runs.headers,
        values: row.values,
        numberFormats: row.numberFormats,
        dateSystem: snap.dateSystem,
      });
      const now = deriveFields(source);
      changes = compareFields(
        sealedFields(doc),
        now.fields,
        now.checks
          .filter((c) => c.triggered)
          .map((c) => `${c.check}: ${c.detail}`),
      );
    }
  }
  return { sealEntry, rowFound, changes, patches, chain };
}
