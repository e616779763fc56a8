// The sealed fields of a document, and how they differ from what a row derives: shared by replay
// (rule 5) and the workbook check (has the row changed since the seal?).
import { canonicalize } from "../json/canonical";
import type { DerivedFields, SealedRun } from "../types";

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

export interface FieldDifference {
  field: keyof DerivedFields;
  /** Both sides as JCS text. */
  sealed: string;
  now: string;
}

export function fieldDifferences(
  sealed: DerivedFields,
  now: DerivedFields,
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const k of Object.keys(sealed) as (keyof DerivedFields)[]) {
    const a = canonicalize(sealed[k]);
    const b = canonicalize(now[k]);
    if (a !== b) out.push({ field: k, sealed: a, now: b });
  }
  return out;
}
