// The seed's MVP source: a CSV of LLMOutputTable rows (CONTRACT §3).
import path from "node:path";
import { parseCsv, type CellValue, type Governance } from "../core";
import { readBytes } from "./files";

export interface SourceTable {
  kind: "csv" | "excel-table";
  /** `scope.workbook`: the CSV's or workbook's file name. */
  fileName: string;
  sheet: string;
  table: string;
  headers: string[];
  rows: CellValue[][];
  numberFormats?: string[][];
  dateSystem?: 1900 | 1904;
  /** `reconstruction.source.location` of row i. */
  locationOf(i: number): string;
  /** How messages name cell (row i, column c). */
  cellName(i: number, c: number): string;
  /** A workbook's own GOVERNANCE and PROMPTS; absent for CSV (files under docs/ are used). */
  governance?: Governance;
}

export class SourceError extends Error {}

export function readCsvSource(givenPath: string, _runId?: string): SourceTable {
  const bytes = readBytes(givenPath);
  const parsed = parseCsv(bytes, givenPath);
  if (!parsed.ok) throw new SourceError(parsed.message);
  const { headers, rows } = parsed;
  return {
    kind: "csv",
    fileName: path.basename(givenPath),
    sheet: "",
    table: "",
    headers,
    rows,
    locationOf: (i) => `${givenPath}#row=${i + 2}`,
    cellName: (i, c) => `${givenPath} row ${i + 2}, column "${headers[c]}"`,
  };
}
