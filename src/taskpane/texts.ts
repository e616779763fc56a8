// Plain-language names for the contract's check, gate and rule identifiers. The identifiers stay
// visible too: they are what the log, the CLI and the sealed file say.
import type { CheckName, GateName } from "../core";
import type { RunState } from "../workflows/api";

export const CHECK_TEXT: Record<CheckName, { title: string; help: string }> = {
  run_id_valid: {
    title: "Run ID",
    help: "The run ID must be letters, digits, '.', '_' or '-', and match exactly one row of LLMOutputTable.",
  },
  required_columns_present: {
    title: "Required columns",
    help: "LLMOutputTable needs the columns RunID, SessionDate, Operator, Model, TopRisks, TopActions, SummaryConfidence_pct and NextReviewDate.",
  },
  no_error_cells: {
    title: "No error cells",
    help: "A cell shows an Excel error (#N/A, #VALUE!, …) or a number too large to keep exactly. Fix the cell, then seal again.",
  },
  dates_valid: {
    title: "Dates",
    help: "SessionDate and NextReviewDate must be real dates (an Excel date or YYYY-MM-DD text).",
  },
  confidence_in_range: {
    title: "Summary confidence",
    help: "SummaryConfidence_pct must be a number from 0 to 100 (or a percentage cell).",
  },
  policy_snapshot_complete: {
    title: "Policy and prompts",
    help: "GOVERNANCE needs PolicyVersion and PolicyBaseline, and PROMPTS at least one prompt.",
  },
  actor_authorized: {
    title: "Who is sealing",
    help: "The name and role you gave must be listed in GOVERNANCE's AuthorizedActors, when that list exists.",
  },
  not_already_sealed: {
    title: "Not sealed before",
    help: "A seal is never replaced. Tick “new version” and give a reason, or record a patch.",
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
