// Shared builders for the core tests: a valid seal request (CSV and Excel-table variants), sealing
// that must succeed, rehashing a hand-edited document, and a PATCH_LOG built with makeEntry.
import * as path from "node:path";
import { sealRun } from "../../src/core/seal/build";
import type { SealRequest } from "../../src/core/seal/sealRequest";
import { computeSealHash } from "../../src/core/seal/verify";
import type { Governance } from "../../src/core/seal/governance";
import { makeEntry } from "../../src/core/log/newEntry";
import type {
  CellValue,
  PatchLogEntry,
  SealedRun,
  SourceRecord,
} from "../../src/core/types";

/** /work/shared, beside the repository root. */
export const SHARED = path.resolve(__dirname, "../../../shared");

export const HEADERS = [
  "RunID",
  "SessionDate",
  "Operator",
  "Model",
  "TopRisks",
  "TopActions",
  "SuggestedUpdates",
  "SummaryConfidence_pct",
  "NextReviewDate",
] as const;
export type Header = (typeof HEADERS)[number];

export const CSV_LOCATION =
  "artifacts/sample_data/prompt_os_v2/llm_output.csv#row=2";

/** The seed's RUN-001 as the CSV parser gives it: every value a string. */
export const CSV_ROW: Record<Header, string> = {
  RunID: "RUN-001",
  SessionDate: "2026-02-15",
  Operator: "J. Rivera",
  Model: "gpt-4o",
  TopRisks:
    "Budget reversal; Legacy API consumer discovered; Assumption staleness",
  TopActions: "Validate ERP vendor SSO; Re-check hiring freeze; Test v2 parity",
  SuggestedUpdates: "Update CLM-003 confidence; Flag ASM-002 for re-review",
  SummaryConfidence_pct: "78",
  NextReviewDate: "2026-02-22",
};

export function csvSource(
  overrides: Partial<Record<Header, string>> = {},
): SourceRecord {
  const row = { ...CSV_ROW, ...overrides };
  return {
    kind: "csv",
    location: CSV_LOCATION,
    headers: [...HEADERS],
    values: HEADERS.map((h) => row[h]),
  };
}

/** The same run as Office.js reads it: serial dates (46068 = 2026-02-15) and 0.78 shown as 78%. */
export function excelSource(
  overrides: Partial<Record<Header, CellValue>> = {},
): SourceRecord {
  const row: Record<Header, CellValue> = {
    ...CSV_ROW,
    SessionDate: 46068,
    NextReviewDate: 46075,
    SummaryConfidence_pct: 0.78,
    ...overrides,
  };
  const formats: Record<Header, string> = {
    RunID: "General",
    SessionDate: "yyyy-mm-dd",
    Operator: "General",
    Model: "General",
    TopRisks: "General",
    TopActions: "General",
    SuggestedUpdates: "General",
    SummaryConfidence_pct: "0%",
    NextReviewDate: "yyyy-mm-dd",
  };
  return {
    kind: "excel-table",
    location: "LLM_OUTPUT!A5:I5",
    headers: [...HEADERS],
    values: HEADERS.map((h) => row[h]),
    number_formats: HEADERS.map((h) => formats[h]),
    date_system: 1900,
  };
}

export const BASELINE =
  "# Policy baseline 2026.02\n\nNo seal without an actor. Café ✓ — 日本語.\n";
export const TRIAGE_PROMPT =
  "You are a triage assistant. List the top risks; be terse.\n";

export function governance(overrides: Partial<Governance> = {}): Governance {
  return {
    policyVersion: "2026.02",
    baseline: BASELINE,
    prompts: { triage_prompt: TRIAGE_PROMPT },
    authorizedActors: null,
    unreadable: [],
    ...overrides,
  };
}

export const EXPORT_TIMESTAMP = "2026-02-15T18:30:00Z";

export function sealRequest(overrides: Partial<SealRequest> = {}): SealRequest {
  const source =
    overrides.source === undefined ? csvSource() : overrides.source;
  return {
    runId: "RUN-001",
    lookup: { check: "run_id_valid", triggered: false, detail: "" },
    source,
    tableHeaders: [...HEADERS],
    governance: governance(),
    actor: "J. Rivera",
    role: "triage-lead",
    scope: { workbook: "llm_output.csv", sheet: "", table: "" },
    log: [],
    exportTimestamp: EXPORT_TIMESTAMP,
    ...overrides,
  };
}

export function excelSealRequest(
  overrides: Partial<SealRequest> = {},
): SealRequest {
  return sealRequest({
    source: excelSource(),
    scope: {
      workbook: "Triage.xlsx",
      sheet: "LLM_OUTPUT",
      table: "LLMOutputTable",
    },
    ...overrides,
  });
}

export interface Sealed {
  document: SealedRun;
  bytes: Uint8Array;
  text: string;
  logEntry: PatchLogEntry | null;
}

/** Seal, failing the test with the refusal reason when the request is refused. */
export async function sealOk(
  req: SealRequest = sealRequest(),
): Promise<Sealed> {
  const r = await sealRun(req);
  if (!r.sealed)
    throw new Error(
      `expected a seal, got a refusal: ${r.reason} ${JSON.stringify(r.checks.filter((c) => c.triggered))}`,
    );
  return {
    document: r.document,
    bytes: r.bytes,
    text: r.text,
    logEntry: r.logEntry,
  };
}

export const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** A hand-edited document given a correct hash again: what a naive forger does. */
export async function rehashed(doc: SealedRun): Promise<Uint8Array> {
  const d = clone(doc);
  d.hash = await computeSealHash(d as unknown as Record<string, unknown>);
  return encode(JSON.stringify(d, null, 2));
}

/** A log of `n` entries written one after another with makeEntry (SEAL, PATCH and REFUSED mixed). */
export async function buildLog(n: number, tag = "a"): Promise<PatchLogEntry[]> {
  const log: PatchLogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const run = `OLD-${String(i + 1).padStart(3, "0")}`; // never the fixture's RUN-001
    const ts = `2026-02-${String((i % 28) + 1).padStart(2, "0")}T10:00:00Z`;
    const entry =
      kind === 0
        ? {
            Timestamp: ts,
            Action: "SEAL" as const,
            RunID: run,
            SealHash: "sha256:" + String(i % 10).repeat(64),
            FileName: `${run}_x.json`,
            Actor: `actor-${tag}`,
          }
        : kind === 1
          ? {
              Timestamp: ts,
              Action: "PATCH" as const,
              RunID: run,
              SealHash: "sha256:" + "f".repeat(64),
              Actor: `actor-${tag}`,
              Field: `top_risks[${i}]`,
              OldValue: "old",
              NewValue: `=new ${i}`,
              Reason: "typo",
            }
          : {
              Timestamp: ts,
              Action: "REFUSED" as const,
              RunID: run,
              Actor: `actor-${tag}`,
              Reason: "dates_valid; actor_authorized",
            };
    log.push(await makeEntry(log, entry));
  }
  return log;
}
