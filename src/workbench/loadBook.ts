// The workbook the workbench opens: the sample workbook shipped in assets/, optionally grown to
// `?rows=N` runs (generated, all sealable) to see how the task pane copes with a large table.
import type { SimWorkbook } from "@sealed-run/workbook-model";
import { loadXlsx } from "../xlsx";

export const SAMPLE_URL = "assets/SealedRun-Sample.xlsx";
export const RUN_TABLE = "LLMOutputTable";
/** Well above the bench's 50,000; a bigger table is a different experiment than this page. */
export const MAX_GENERATED_ROWS = 200_000;

/** `?rows=N` from the page address, or null when absent; a bad value is an error the page shows. */
export function requestedRows(search: string): number | null {
  const raw = new URLSearchParams(search).get("rows");
  if (raw === null) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_ROWS) {
    throw new Error(
      `?rows=${raw}: give a whole number of runs from 1 to ${MAX_GENERATED_ROWS}.`,
    );
  }
  return n;
}

/** One generated run, typed as a user would enter it (dates and numbers are parsed by the sheet). */
export function generatedRun(i: number): string[] {
  const day = String(1 + (i % 28)).padStart(2, "0");
  return [
    `GEN-${String(i).padStart(6, "0")}`,
    `2026-02-${day}`,
    ["J. Rivera", "M. Okafor", "S. Lindqvist", "P. Nair"][i % 4],
    ["gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro"][i % 3],
    "Budget reversal; Legacy API consumer discovered; Assumption staleness",
    "Validate ERP vendor SSO; Re-check hiring freeze; Test v2 parity",
    "Update CLM-003 confidence",
    String(40 + (i % 60)),
    `2026-03-${day}`,
  ];
}

/** Adds generated runs to the end of LLMOutputTable until it has `rows` runs. */
export function growRunTable(book: SimWorkbook, rows: number): void {
  const table = book.table(RUN_TABLE);
  const width = table.columns.length;
  const missing = rows - table.rowCount;
  if (missing <= 0) return;
  const values: string[][] = [];
  for (let i = 0; i < missing; i++) {
    const row = generatedRun(i + 1);
    if (row.length !== width)
      throw new Error(
        `${RUN_TABLE} has ${width} columns; generated runs have ${row.length}.`,
      );
    values.push(row);
  }
  book.addTableRows(table, undefined, values);
}

export async function loadWorkbenchBook(
  baseUrl: string,
  search: string,
): Promise<SimWorkbook> {
  const rows = requestedRows(search);
  const url = new URL(SAMPLE_URL, baseUrl).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}.`);
  const book = await loadXlsx(await res.arrayBuffer());
  book.name = "SealedRun-Sample.xlsx";
  if (rows !== null) growRunTable(book, rows);
  return book;
}
