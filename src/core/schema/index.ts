// Validation against the shipped schemas (schemas/reconstruct/*.json) through code generated from
// them at development time; `npm test` checks that the generated code is not stale.
import { validateSealedRun } from "./validators.generated";

export interface SchemaResult {
  valid: boolean;
  /** One line per violation: `$.kpis.summary_confidence_pct: must be <= 100`. */
  errors: string[];
}

/** Violations listed by name; a document with more is described by its first one and its size. */
const LISTED = 20;

/** Whether `v` holds more than `limit` members and elements; it looks at no more than that many. */
function holdsMoreThan(v: unknown, limit: number): boolean {
  let n = 0;
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (x === null || typeof x !== "object") continue;
    for (const key in x) {
      if (++n > limit) return true;
      stack.push((x as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/**
 * A sealed document has a few hundred values; one with many more (400,000 stray members in a
 * 4.7 MB file) is checked by the build that stops at the first violation, so that its cost
 * stays that of reading it. That build is loaded only then: the task pane's first load does
 * without it.
 */
const FULL_CHECK_VALUES = 20000;

export async function checkSealedRunSchema(
  doc: unknown,
): Promise<SchemaResult> {
  if (holdsMoreThan(doc, FULL_CHECK_VALUES)) {
    const { validateSealedRun: firstViolation } =
      await import("./validators.first.generated");
    if (firstViolation(doc)) return { valid: true, errors: [] };
    return {
      valid: false,
      errors: [
        ...describe(firstViolation.errors ?? []),
        `(the document holds over ${FULL_CHECK_VALUES} values; only its first violation is listed)`,
      ],
    };
  }
  if (validateSealedRun(doc)) return { valid: true, errors: [] };
  return { valid: false, errors: describe(validateSealedRun.errors ?? []) };
}

function describe(all: NonNullable<typeof validateSealedRun.errors>): string[] {
  const errors = all.slice(0, LISTED).map((e) => {
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
  if (all.length > LISTED)
    errors.push(`and ${all.length - LISTED} more violations of the schema`);
  return errors;
}
