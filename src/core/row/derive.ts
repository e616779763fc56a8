// §3 end to end: choose the row, keep its used columns as `reconstruction.source`, and derive the
// sealed fields from that record alone — so that replay, which has nothing but the record, derives
// exactly the same fields and the same five row checks.
import type {
  CellValue,
  CheckOutcome,
  DerivedFields,
  SourceRecord,
} from "../types";
import { RUN_ID_PATTERN, findColumns, usedColumnOf } from "./columns";
import { confidenceCell } from "./confidence";
import { dateCell } from "./dates";
import { cellToText, splitList } from "./text";

/** The error literals §3 names; in a CSV a cell equal to one of these is an error cell. */
export const ERROR_LITERALS = [
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
] as const;

/**
 * Further error values Office.js returns as strings in `Range.values` (data types, external
 * connections, Python in Excel). They count as error cells in an Excel table only: §3 fixes the
 * CSV list.
 */
export const EXCEL_ONLY_ERROR_VALUES = [
  "#GETTING_DATA",
  "#BLOCKED!",
  "#CONNECT!",
  "#FIELD!",
  "#UNKNOWN!",
  "#BUSY!",
  "#PYTHON!",
] as const;

const CSV_ERRORS = new Set<string>(ERROR_LITERALS);
const EXCEL_ERRORS = new Set<string>([
  ...ERROR_LITERALS,
  ...EXCEL_ONLY_ERROR_VALUES,
]);

/** Whether a cell is an error value (compared after trimming, case as Excel writes it). */
export function isErrorCell(v: CellValue, kind: SourceRecord["kind"]): boolean {
  return (
    typeof v === "string" &&
    (kind === "csv" ? CSV_ERRORS : EXCEL_ERRORS).has(v.trim())
  );
}

/** Numbers a JSON reader on any platform reads back exactly (§2 refuses the rest). */
function isUnsafeNumber(v: CellValue): boolean {
  return (
    typeof v === "number" &&
    !(Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER)
  );
}

export interface FullRow {
  kind: "excel-table" | "csv";
  location: string;
  headers: string[];
  values: CellValue[];
  /** Excel only; a missing entry counts as "General". */
  numberFormats?: string[];
  /** Excel only; 1900 when not given. */
  dateSystem?: 1900 | 1904;
}

/**
 * `reconstruction.source` (§5) from a whole table row: the columns whose header names a used
 * column, in table order, headers exactly as written. A CSV record has no `number_formats` or
 * `date_system` members at all; an Excel record always has both.
 */
export function pickSource(full: FullRow): SourceRecord {
  const keep = full.headers.flatMap((h, i) =>
    usedColumnOf(h) !== undefined ? [i] : [],
  );
  const record: SourceRecord = {
    kind: full.kind,
    location: full.location,
    headers: keep.map((i) => full.headers[i]),
    values: keep.map((i) => full.values[i] ?? ""),
  };
  if (full.kind === "excel-table") {
    record.number_formats = keep.map(
      (i) => full.numberFormats?.[i] ?? "General",
    );
    record.date_system = full.dateSystem ?? 1900;
  }
  return record;
}

const UNSAFE_RUN_ID =
  "is not a safe run id (letters, digits, . _ -; must start with a letter or digit; at most 128)";

function runIdProblem(id: string): string | null {
  if (id === "") return "is empty; a run id is required";
  return RUN_ID_PATTERN.test(id) ? null : UNSAFE_RUN_ID;
}

function outcome(
  check: CheckOutcome["check"],
  problems: string[],
): CheckOutcome {
  return { check, triggered: problems.length > 0, detail: problems.join("; ") };
}

/**
 * The sealed fields of one source record and the five row checks of §4 (`run_id_valid`,
 * `required_columns_present`, `no_error_cells`, `dates_valid`, `confidence_in_range`), in that
 * order. `fields` is null when any check triggered. `cellNames[i]` (e.g. `LLM_OUTPUT!B5`) names
 * the cell of `source.headers[i]` in details; without it a cell is `column "<header>" of <location>`.
 */
export function deriveFields(
  source: SourceRecord,
  cellNames?: string[],
): { fields: DerivedFields | null; checks: CheckOutcome[] } {
  const { headers, kind } = source;
  const value = (i: number): CellValue => source.values[i] ?? "";
  const ref = (i: number): string =>
    cellNames?.[i] ??
    `column ${JSON.stringify(headers[i])} of ${source.location}`;
  /** Column name plus cell when the cell name alone does not say which column it is. */
  const label = (i: number): string =>
    cellNames?.[i] !== undefined ? `${headers[i]} at ${ref(i)}` : ref(i);
  const columns = findColumns(headers);
  const at = columns.index;

  const runIdProblems: string[] = [];
  if (at.RunID >= 0) {
    const id = cellToText(value(at.RunID));
    const problem = runIdProblem(id);
    if (problem !== null) {
      runIdProblems.push(
        id === ""
          ? `RunID at ${ref(at.RunID)} ${problem}`
          : `RunID ${JSON.stringify(id)} at ${ref(at.RunID)} ${problem}`,
      );
    }
  }

  const columnProblems =
    columns.missing.length > 0
      ? [`${columns.message} (in ${source.location})`]
      : [];

  const errorProblems: string[] = [];
  headers.forEach((h, i) => {
    if (usedColumnOf(h) === undefined) return;
    const v = value(i);
    if (isErrorCell(v, kind))
      errorProblems.push(`${label(i)} holds the error ${String(v).trim()}`);
    else if (isUnsafeNumber(v))
      errorProblems.push(`${label(i)} holds ${String(v)}, beyond ±(2^53−1)`);
  });

  const dates: Partial<Record<"SessionDate" | "NextReviewDate", string>> = {};
  const dateProblems: string[] = [];
  for (const col of ["SessionDate", "NextReviewDate"] as const) {
    if (at[col] < 0) continue; // reported by required_columns_present
    const result = dateCell(value(at[col]), kind, source.date_system ?? 1900);
    if (result.ok) dates[col] = result.date;
    else dateProblems.push(`${label(at[col])} ${result.reason}`);
  }

  let confidence: number | undefined;
  const confidenceProblems: string[] = [];
  if (at.SummaryConfidence_pct >= 0) {
    const i = at.SummaryConfidence_pct;
    const result = confidenceCell(value(i), source.number_formats?.[i]);
    if (result.ok) confidence = result.value;
    else confidenceProblems.push(`${label(i)} ${result.reason}`);
  }

  const checks: CheckOutcome[] = [
    outcome("run_id_valid", runIdProblems),
    outcome("required_columns_present", columnProblems),
    outcome("no_error_cells", errorProblems),
    outcome("dates_valid", dateProblems),
    outcome("confidence_in_range", confidenceProblems),
  ];
  if (checks.some((c) => c.triggered)) return { fields: null, checks };

  // Every required column is present exactly once here, so each index below is a real column.
  const text = (i: number): string => cellToText(value(i));
  const list = (i: number): string[] => (i >= 0 ? splitList(value(i)) : []);
  const fields: DerivedFields = {
    run_id: text(at.RunID),
    session_date: dates.SessionDate as string,
    operator: text(at.Operator),
    model: text(at.Model),
    top_risks: list(at.TopRisks),
    top_actions: list(at.TopActions),
    suggested_updates: list(at.SuggestedUpdates),
    summary_confidence_pct: confidence as number,
    next_review_date: dates.NextReviewDate as string,
  };
  return { fields, checks };
}

/** How many run ids a "matches no row" message suggests. */
const SUGGESTIONS = 5;

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Up to SUGGESTIONS distinct ids, closest to `wanted` first (same letters ignoring case, then
 * longest shared prefix, then first seen), offered one at a time: a CSV source is read as a stream
 * and only the rows of these ids are kept.
 */
export class NearestRunIds {
  private readonly w: string;
  private best: { id: string; order: number; score: number }[] = [];
  private seen = 0;

  constructor(wanted: string) {
    this.w = wanted.trim().toLowerCase();
  }

  /** Whether `id` is among the nearest now (it may be pushed out by a nearer one later). */
  offer(id: string): boolean {
    if (id === "" || this.best.some((b) => b.id === id)) return false;
    const low = id.toLowerCase();
    const entry = {
      id,
      order: this.seen++,
      score: low === this.w ? Infinity : commonPrefixLength(low, this.w),
    };
    const last = this.best[SUGGESTIONS - 1];
    if (last && entry.score <= last.score) return false;
    this.best = [...this.best, entry]
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, SUGGESTIONS);
    return true;
  }

  ids(): string[] {
    return this.best.map((b) => b.id);
  }
}

function nearestIds(wanted: string, ids: string[]): string[] {
  const near = new NearestRunIds(wanted);
  for (const id of ids) near.offer(id);
  return near.ids();
}

/**
 * Finds the one row whose RunID (cell text, trimmed) equals `runId` (trimmed). `run_id_valid`
 * triggers when the requested id is not a safe run id (checked before any lookup), matches no row,
 * or matches several rows (each named with `describe(rowIndex)`). Without a single RunID column it
 * does not trigger: `required_columns_present` reports that.
 */
export function selectRun(
  table: { headers: string[]; rows: CellValue[][] },
  runId: string,
  describe: (rowIndex: number) => string,
): { rowIndex: number | null; check: CheckOutcome } {
  const wanted = runId.trim();
  const refuse = (detail: string) => ({
    rowIndex: null,
    check: { check: "run_id_valid" as const, triggered: true, detail },
  });
  const problem = runIdProblem(wanted);
  if (problem !== null) {
    return refuse(
      wanted === ""
        ? `the requested RunID ${problem}`
        : `the requested RunID ${JSON.stringify(wanted)} ${problem}`,
    );
  }

  const col = findColumns(table.headers).index.RunID;
  if (col < 0)
    return {
      rowIndex: null,
      check: { check: "run_id_valid", triggered: false, detail: "" },
    };

  const ids = table.rows.map((row) => cellToText(row[col] ?? ""));
  const matches = ids.flatMap((id, i) => (id === wanted ? [i] : []));
  if (matches.length === 1) {
    return {
      rowIndex: matches[0],
      check: { check: "run_id_valid", triggered: false, detail: "" },
    };
  }
  if (matches.length > 1) {
    return refuse(
      `RunID ${JSON.stringify(wanted)} matches ${matches.length} rows (${matches.map(describe).join(", ")}); a run id must name exactly one row`,
    );
  }
  const near = nearestIds(wanted, ids);
  return refuse(
    near.length === 0
      ? `RunID ${JSON.stringify(wanted)} matches no row: the table has no run ids`
      : `RunID ${JSON.stringify(wanted)} matches no row; ${near.length === 1 ? "the nearest run id is" : "nearest run ids:"} ${near
          .map((id) => JSON.stringify(id))
          .join(", ")}`,
  );
}
