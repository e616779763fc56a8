// Plain-language names for the contract's check, gate and rule identifiers. The identifiers stay
// visible too: they are what the log, the CLI and the sealed file say.
import type { CheckName, CheckOutcome, GateName, GateOutcome } from "../core";
import type { RunState } from "../workflows/api";

/** Each check: its title, what to do, and the short sentence an announcement uses when it refuses. */
export const CHECK_TEXT: Record<
  CheckName,
  { title: string; help: string; sentence: string }
> = {
  run_id_valid: {
    title: "Run ID",
    help: "The run ID must be letters, digits, '.', '_' or '-', and match exactly one row of LLMOutputTable.",
    sentence: "the run ID is not valid or not unique",
  },
  required_columns_present: {
    title: "Required columns",
    help: "LLMOutputTable needs the columns RunID, SessionDate, Operator, Model, TopRisks, TopActions, SummaryConfidence_pct and NextReviewDate.",
    sentence: "a required column is missing",
  },
  no_error_cells: {
    title: "No error cells",
    help: "A cell shows an Excel error (#N/A, #VALUE!, …) or a number too large to keep exactly. Fix the cell, then seal again.",
    sentence: "a cell holds an Excel error",
  },
  dates_valid: {
    title: "Dates",
    help: "SessionDate and NextReviewDate must be real dates (an Excel date or YYYY-MM-DD text).",
    sentence: "a date is not a real date",
  },
  confidence_in_range: {
    title: "Summary confidence",
    help: "SummaryConfidence_pct must be a number from 0 to 100 (or a percentage cell).",
    sentence: "the confidence is out of range",
  },
  policy_snapshot_complete: {
    title: "Policy and prompts",
    help: "GOVERNANCE needs PolicyVersion and PolicyBaseline, and PROMPTS at least one prompt.",
    sentence: "the policy or the prompts are missing",
  },
  actor_authorized: {
    title: "Who is sealing",
    help: "The name and role you gave must be listed in GOVERNANCE's AuthorizedActors, when that list exists.",
    sentence: "you are not listed as allowed to seal",
  },
  not_already_sealed: {
    title: "Not sealed before",
    help: "A seal is never replaced. Tick “new version” and give a reason, or record a patch.",
    sentence: "it is already sealed",
  },
};

export const GATE_TEXT: Record<GateName, string> = {
  schema_valid: "The sealed document follows the sealed_run_v1 schema",
  hash_recomputed: "The file's bytes re-verify against their hash",
  patch_log_intact: "The PATCH_LOG hash chain is intact",
};

export const STATE_TEXT: Record<RunState, string> = {
  unsealed: "unsealed",
  sealed: "sealed",
  patched: "patched",
  changed: "changed since seal",
};

/**
 * Why a seal was refused, in sentences: "a cell holds an Excel error; the confidence is out of
 * range". Falls back to the failed gates' texts, then to the identifier the log records.
 */
export function refusalSentence(outcome: {
  reason: string;
  checks: CheckOutcome[];
  gates: GateOutcome[];
}): string {
  const checks = outcome.checks
    .filter((c) => c.triggered)
    .map((c) => CHECK_TEXT[c.check]?.sentence ?? c.check);
  if (checks.length) return checks.join("; ");
  const gates = outcome.gates
    .filter((g) => g.result === "fail")
    .map(
      (g) =>
        `the final file failed a check (${(GATE_TEXT[g.gate] ?? g.gate).toLowerCase()})`,
    );
  return gates.length ? gates.join("; ") : outcome.reason;
}

/** The state as the run list's badge says it; the full words are its tooltip. */
export const STATE_SHORT: Record<RunState, string> = {
  ...STATE_TEXT,
  changed: "changed",
};
