/* eslint-disable office-addins/call-sync-before-read -- proxies here are read after the sync that loads them, through helper functions and ClientResults the rule cannot follow; the simulator enforces load-before-read at run time in the tests. */
// The four tables' shape as sync 1 reads it (TableGeometry), and what a workflow may ask of the
// runs table: that it is where the add-in expects it, with its header row on.
// Requirement sets: tables, ranges 1.1; getItemOrNullObject 1.4.
import type { ExcelHost } from "./host";
import { cellAddress, cellString } from "./cells";
import { RUN_SHEET, RUN_TABLE } from "./names";
import { WorkbookError } from "./workbookError";

export interface TableGeometry {
  sheet: string;
  headers: string[];
  /** 0-based sheet row of the first body row, and first column. */
  bodyRow: number;
  bodyCol: number;
  rowCount: number;
  /** Table.showHeaders / showTotals (README rule 15): a hidden header row is refused. */
  showHeaders: boolean;
  showTotals: boolean;
}

export type Loaded<T> = {
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
  sheet: Excel.Worksheet;
  extra: T;
};

export function bodyRows(values: unknown[][]): unknown[][] {
  // A table body of one all-empty row is an empty table (Excel keeps one row in a new table).
  return values.length === 1 && values[0].every((v) => v === "" || v === null)
    ? []
    : values;
}

export function geometry(l: Loaded<unknown>): TableGeometry {
  return {
    sheet: l.sheet.name,
    headers: (l.header.values[0] ?? []).map(cellString),
    bodyRow: l.body.rowIndex,
    bodyCol: l.body.columnIndex,
    rowCount: l.body.rowCount,
    showHeaders: l.table.showHeaders,
    showTotals: l.table.showTotals,
  };
}

export function loadTable(
  wb: Excel.Workbook,
  name: string,
  bodyProps: string[] = [],
): Loaded<null> {
  const table = wb.tables.getItemOrNullObject(name);
  table.load(["name", "showHeaders", "showTotals"]);
  const sheet = table.worksheet;
  sheet.load("name");
  const header = table.getHeaderRowRange();
  header.load("values");
  const body = table.getDataBodyRange();
  body.load([
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    ...bodyProps,
  ]);
  return { table, header, body, sheet, extra: null };
}

/** Which of the four tables exist (one small sync; used when a missing table made the main read fail). */
export async function probeTables(host: ExcelHost): Promise<Set<string>> {
  return host.run(async (ctx) => {
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    await ctx.sync();
    return new Set(tables.items.map((t) => t.name));
  });
}

export function runCellName(
  runs: TableGeometry,
  index: number,
  col: number,
): string {
  return cellAddress(runs.sheet, runs.bodyRow + index, runs.bodyCol + col);
}

export function requireRuns(runs: TableGeometry | null): TableGeometry {
  if (runs && !runs.showHeaders) {
    throw new WorkbookError(
      `The header row of ${RUN_TABLE} is turned off, and the add-in finds each column by its header. Turn it back on (Table Design > Header Row), then try again.`,
      "no-table",
    );
  }
  if (!runs) {
    throw new WorkbookError(
      `This workbook has no table ${RUN_TABLE} (expected on the sheet ${RUN_SHEET}). Format the runs as a table named ${RUN_TABLE}, or open the sample workbook.`,
      "no-table",
    );
  }
  if (runs.sheet !== RUN_SHEET) {
    throw new WorkbookError(
      `${RUN_TABLE} is on the sheet ${runs.sheet}; the add-in expects it on ${RUN_SHEET}.`,
      "no-sheet",
    );
  }
  return runs;
}
