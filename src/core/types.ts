// Shapes shared by every part of the core. CONTRACT.md is the authority; section numbers below
// point into it.

/** A cell as Office.js `Range.values` returns it (CSV cells are always strings). */
export type CellValue = string | number | boolean;

/** The refusal checks of §4, in the order they are evaluated and recorded. */
export const CHECK_NAMES = [
  "run_id_valid",
  "required_columns_present",
  "no_error_cells",
  "dates_valid",
  "confidence_in_range",
  "policy_snapshot_complete",
  "actor_authorized",
  "not_already_sealed",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckOutcome {
  check: CheckName;
  triggered: boolean;
  /** Empty when the check passed quietly; otherwise names the cell/column and what is wrong. */
  detail: string;
}

export const GATE_NAMES = [
  "schema_valid",
  "hash_recomputed",
  "patch_log_intact",
] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface GateOutcome {
  gate: GateName;
  result: "pass" | "fail";
  detail: string;
}

/** §5 `reconstruction.source`: the used columns of one row, in table order. */
export interface SourceRecord {
  kind: "excel-table" | "csv";
  /** `LLM_OUTPUT!A5:I5` for a table row, `<path as given>#row=N` for CSV (header is row 1). */
  location: string;
  headers: string[];
  values: CellValue[];
  /** Excel only. */
  number_formats?: string[];
  /** Excel only. */
  date_system?: 1900 | 1904;
}

/** The fields §3 derives from a row: everything of the document that comes from the source. */
export interface DerivedFields {
  run_id: string;
  session_date: string;
  operator: string;
  model: string;
  top_risks: string[];
  top_actions: string[];
  suggested_updates: string[];
  summary_confidence_pct: number;
  next_review_date: string;
}

export interface PolicySnapshot {
  policy_version: string;
  policy_hash: string;
  prompt_hashes: Record<string, string>;
  schema_version: string;
}

export interface AuthorityEnvelope {
  actor: string;
  role: string;
  scope: {
    workbook: string;
    sheet: string;
    table: string;
    run_id: string;
    action: "seal";
  };
  policy_snapshot: PolicySnapshot;
  refusal: { refused: boolean; checks_performed: CheckOutcome[] };
  enforcement: { enforcement_emitted: boolean; gate_outcomes: GateOutcome[] };
}

export interface Reconstruction {
  exporter: { name: string; version: string };
  source: SourceRecord;
  policy_texts: { baseline: string; prompts: Record<string, string> };
  patch_log_head: string;
}

/** §1: the sealed document. */
export interface SealedRun {
  schema_version: "1.0";
  meta: {
    run_id: string;
    session_date: string;
    operator: string;
    model: string;
    workbook_version: "v2";
    export_timestamp: string;
  };
  top_risks: string[];
  top_actions: string[];
  system_observations: unknown[];
  suggested_updates: string[];
  kpis: { summary_confidence_pct: number; next_review_date: string };
  authority_envelope: AuthorityEnvelope;
  reconstruction: Reconstruction;
  hash: string;
}

/** §6: the thirteen PATCH_LOG columns, in order. */
export const PATCH_LOG_COLUMNS = [
  "EntryID",
  "Timestamp",
  "Action",
  "RunID",
  "SealHash",
  "FileName",
  "Actor",
  "Field",
  "OldValue",
  "NewValue",
  "Reason",
  "PrevEntryHash",
  "EntryHash",
] as const;
export type PatchLogColumn = (typeof PATCH_LOG_COLUMNS)[number];
export type PatchLogEntry = Record<PatchLogColumn, string>;
export type PatchLogAction = "SEAL" | "PATCH" | "REFUSED";
