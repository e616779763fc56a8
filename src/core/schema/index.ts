// Validation against the shipped schemas (schemas/reconstruct/*.json) through code generated from
// them at development time; `npm test` checks that the generated code is not stale.
import { validateSealedRun } from "./validators.generated";

export interface SchemaResult {
  valid: boolean;
  /** One line per violation: `$.kpis.summary_confidence_pct: must be <= 100`. */
  errors: string[];
}

export function checkSealedRunSchema(doc: unknown): SchemaResult {
  if (validateSealedRun(doc)) return { valid: true, errors: [] };
  const errors = (validateSealedRun.errors ?? []).map((e) => {
    const where =
      "$" +
      e.instancePath.replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".");
    const extra =
      e.keyword === "additionalProperties"
        ? ` (${JSON.stringify(e.params.additionalProperty)})`
        : e.keyword === "enum" || e.keyword === "const"
          ? ` (${JSON.stringify(e.params.allowedValues ?? e.params.allowedValue)})`
          : "";
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
  return { valid: false, errors };
}
