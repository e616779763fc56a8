/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load -- proxies here are read after the sync that loads them, through helper functions and ClientResults the rule cannot follow; the simulator enforces load-before-read at run time in the tests. */
// Reading the whole runs table in chunks that each stay under Excel on the web's limits (5 MB per
// request or response, 5,000,000 cells per read), one sync per chunk. The chunk size adapts to the
// bytes per row seen so far; a chunk refused as too large is retried at half the size.
import type { CellValue } from "../core";
import type { ExcelHost } from "./host";
import { RUN_TABLE } from "./names";
import { isTooLarge, officeErrorCode } from "./errors";
import type { TableGeometry } from "./tables";

// Requirement sets: getRow, getResizedRange 1.1/1.2.
const utf8 = new TextEncoder();
export const CHUNK_BUDGET_BYTES = 4 * 1024 * 1024;
const MAX_CELLS = 5_000_000;
const FIRST_CHUNK_ROWS = 500;

export interface RunRows {
  values: CellValue[][];
  numberFormats: string[][];
  /** How many syncs the read took. */
  syncs: number;
}

export function readAllRuns(
  host: ExcelHost,
  runs: TableGeometry,
  onProgress?: (done: number, total: number) => void,
): Promise<RunRows> {
  return readTableRows(host, RUN_TABLE, runs, true, onProgress);
}

/** Every body row of a table (from row `from`), in chunks of at most 4 MB (number formats too when asked). */
export async function readTableRows(
  host: ExcelHost,
  tableName: string,
  geometry: TableGeometry,
  withFormats: boolean,
  onProgress?: (done: number, total: number) => void,
  from = 0,
): Promise<RunRows> {
  const runs = geometry;
  const cols = runs.headers.length;
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  let syncs = 0;
  let rowsPerChunk = Math.min(
    FIRST_CHUNK_ROWS,
    Math.floor(MAX_CELLS / (2 * cols)),
  );
  let bytesPerRow = 0;
  while (from + values.length < runs.rowCount) {
    const start = from + values.length;
    const count = Math.max(1, Math.min(rowsPerChunk, runs.rowCount - start));
    try {
      const chunk = await host.run(async (ctx) => {
        const range = ctx.workbook.tables
          .getItem(tableName)
          .getDataBodyRange()
          .getRow(start)
          .getResizedRange(count - 1, 0);
        range.load("values");
        if (withFormats) range.load("numberFormat");
        await ctx.sync();
        return {
          v: range.values as CellValue[][],
          f: withFormats ? (range.numberFormat as string[][]) : [],
        };
      });
      syncs++;
      for (let i = 0; i < chunk.v.length; i++) {
        values.push(chunk.v[i]);
        if (withFormats) numberFormats.push(chunk.f[i].map(String));
      }
      // UTF-8 bytes, as the limit counts them (LLM text is often not ASCII).
      const bytes =
        utf8.encode(JSON.stringify(chunk.v)).length +
        (withFormats ? utf8.encode(JSON.stringify(chunk.f)).length : 0);
      bytesPerRow = Math.max(bytesPerRow, bytes / count);
      // Size the next chunk by the largest rows seen so far, with headroom for longer ones (the
      // 4 MB budget is itself 1 MB under the limit; a chunk refused anyway is read in halves).
      rowsPerChunk = Math.max(
        1,
        Math.min(
          Math.floor(CHUNK_BUDGET_BYTES / (bytesPerRow * 1.2)),
          Math.floor(MAX_CELLS / (2 * cols)),
        ),
      );
      onProgress?.(from + values.length, runs.rowCount);
    } catch (e) {
      syncs++;
      if (!isTooLarge(e) || count === 1) throw e;
      rowsPerChunk = Math.max(1, Math.floor(count / 2));
    }
  }
  return { values, numberFormats, syncs };
}

/**
 * One column of a table's body (values), in chunks sized by the bytes per cell measured so far,
 * for a column too large for one request (the RunID column of some 300,000 runs); a chunk refused
 * as too large, or failing generically, is read again in halves.
 */
export async function readColumnChunks(
  host: ExcelHost,
  tableName: string,
  column: number,
  rowCount: number,
): Promise<CellValue[]> {
  const out: CellValue[] = [];
  let count = Math.min(FIRST_CHUNK_ROWS * 100, MAX_CELLS);
  while (out.length < rowCount) {
    const start = out.length;
    const n = Math.max(1, Math.min(count, rowCount - start));
    try {
      const chunk = await host.run(async (ctx) => {
        const range = ctx.workbook.tables
          .getItem(tableName)
          .getDataBodyRange()
          .getColumn(column)
          .getRow(start)
          .getResizedRange(n - 1, 0);
        range.load("values");
        await ctx.sync();
        return range.values as CellValue[][];
      });
      for (const r of chunk) out.push(r[0]);
      const perCell = utf8.encode(JSON.stringify(chunk)).length / n;
      count = Math.max(
        1,
        Math.min(MAX_CELLS, Math.floor(CHUNK_BUDGET_BYTES / (perCell * 1.2))),
      );
    } catch (e) {
      if (
        !(isTooLarge(e) || officeErrorCode(e) === "GeneralException") ||
        n === 1
      )
        throw e;
      count = Math.max(1, Math.floor(n / 2));
    }
  }
  return out;
}
