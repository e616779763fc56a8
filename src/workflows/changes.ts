// What changed in a run's row since its seal: the run list marks a run "changed" by it, and the
// check of a sealed file against the workbook lists the fields (check.ts, loaded on first use).
import {
  deriveFields,
  fieldDifferences,
  sealedFields,
  type SealedRun,
  type SourceRecord,
} from "../core";
import type { FieldChange } from "./api";

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
