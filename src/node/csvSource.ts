// The seed's MVP source: a CSV of LLMOutputTable rows (CONTRACT §3), read as a stream. Every row
// is checked as it passes; only the rows of the requested run are kept (and those of the few run
// ids nearest it, for a "matches no row" message), so memory stays that of one row whatever the
// file's size, up to a stated limit.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import {
  cellToText,
  CsvReader,
  findColumns,
  NearestRunIds,
  type CellValue,
  type Governance,
} from "../core";
import { UnreadablePathError } from "./files";

export interface SourceTable {
  kind: "csv" | "excel-table";
  /** `scope.workbook`: the CSV's or workbook's file name. */
  fileName: string;
  sheet: string;
  table: string;
  headers: string[];
  /** The rows of the table, or of a CSV the rows kept for the run asked for. */
  rows: CellValue[][];
  numberFormats?: string[][];
  dateSystem?: 1900 | 1904;
  /** `reconstruction.source.location` of row i. */
  locationOf(i: number): string;
  /** How messages name cell (row i, column c). */
  cellName(i: number, c: number): string;
  /** A workbook's own GOVERNANCE and PROMPTS; absent for CSV (files under docs/ are used). */
  governance?: Governance;
  /** Rows with the requested run id beyond those kept (a CSV names no more than MAX_MATCHES_KEPT). */
  matchesNotKept?: number;
}

export class SourceError extends Error {}

/** The largest CSV source read: 1 GiB (a triage table is far smaller; anything larger is refused at once). */
export const MAX_CSV_SOURCE_BYTES = 1024 ** 3;
const MAX_MATCHES_KEPT = 10;
// Small pieces keep each decoded string, and so the garbage of each step, small.
const PIECE = 64 * 1024;

/** The CSV at `givenPath`, keeping the rows that `runId` needs; see the file's opening comment. */
export function readCsvSource(givenPath: string, runId: string): SourceTable {
  const wanted = runId.trim();
  let idColumn: number | undefined;
  const matches: { index: number; row: string[] }[] = [];
  let matchesNotKept = 0;
  const near = new NearestRunIds(wanted);
  const nearRows = new Map<string, { index: number; row: string[] }>();
  const reader: CsvReader = new CsvReader(givenPath, ({ fields, index }) => {
    idColumn ??= findColumns(reader.headers ?? []).index.RunID;
    if (idColumn < 0) return; // required_columns_present says so
    const id = cellToText(fields[idColumn] ?? "");
    if (id === wanted) {
      if (matches.length < MAX_MATCHES_KEPT)
        matches.push({ index, row: fields });
      else matchesNotKept++;
    } else if (near.offer(id)) {
      nearRows.set(id, { index, row: fields });
      const keep = new Set(near.ids());
      for (const k of nearRows.keys()) if (!keep.has(k)) nearRows.delete(k);
    }
  });

  let fd: number;
  try {
    fd = openSync(givenPath, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadablePathError(
      `cannot read ${givenPath}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : code === "EACCES" ? "permission denied" : (e as Error).message}`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory())
      throw new UnreadablePathError(`cannot read ${givenPath}: is a folder`);
    const tooLarge = () =>
      new SourceError(
        `"${givenPath}" is over ${MAX_CSV_SOURCE_BYTES / 1024 ** 3} GiB, the largest CSV source sealed-run reads; export the rows to seal into a smaller file.`,
      );
    if (st.size > MAX_CSV_SOURCE_BYTES) throw tooLarge();
    const piece = Buffer.allocUnsafe(PIECE);
    let total = 0;
    for (;;) {
      const got = readSync(fd, piece, 0, PIECE, null);
      if (got === 0) break;
      total += got;
      if (total > MAX_CSV_SOURCE_BYTES) throw tooLarge(); // a file that grows, a FIFO
      if (!reader.push(piece.subarray(0, got))) break;
    }
  } finally {
    closeSync(fd);
  }
  const end = reader.end();
  if (!end.ok) throw new SourceError(end.message);
  const { headers } = end;

  const kept = [...matches, ...nearRows.values()].sort(
    (a, b) => a.index - b.index,
  );
  const rowNumber = (i: number) => kept[i].index + 2;
  return {
    kind: "csv",
    fileName: path.basename(givenPath),
    sheet: "",
    table: "",
    headers,
    rows: kept.map((k) => k.row),
    locationOf: (i) => `${givenPath}#row=${rowNumber(i)}`,
    cellName: (i, c) =>
      `${givenPath} row ${rowNumber(i)}, column "${headers[c]}"`,
    matchesNotKept,
  };
}
