// Where things live in a workbook (CONTRACT §3, §4, §6).
export const RUN_SHEET = "LLM_OUTPUT";
export const RUN_TABLE = "LLMOutputTable";
export const GOVERNANCE_SHEET = "GOVERNANCE";
export const GOVERNANCE_TABLE = "GovernanceTable";
export const PROMPTS_SHEET = "PROMPTS";
export const PROMPTS_TABLE = "PromptsTable";
export const LOG_SHEET = "PATCH_LOG";
export const LOG_TABLE = "PatchLogTable";
/** Namespace of the custom XML parts that keep each sealed document inside the workbook. */
export const SEAL_PART_NS = "urn:sealed-run:seal:v1";
