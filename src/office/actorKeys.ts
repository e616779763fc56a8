/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load -- every proxy here is read after the `await ctx.sync()` that loads it; the rule does not follow a sync on a context named ctx inside a helper. The simulator enforces load-before-read at run time in the tests. */
// The workbook's actor keys (ActorKeysTable, docs/SIGNING.md): read for verification, and a
// pending row appended by "I am <actor> and this is my key" (the taskpane's step; the CLI's
// `keygen --register` plans its row with planKeyRow and writes it to the workbook model). Apart from
// snapshot.ts on purpose: only signing reads it, on demand, in its own two small syncs.
// Requirement sets: getItemOrNullObject 1.4; tables, ranges, rows.add 1.1.
import {
  ACTOR_KEY_COLUMNS,
  ACTOR_KEYS_TABLE,
  NO_ACTOR_KEYS,
  readActorKeyRows,
  REQUIRED_ACTOR_KEY_COLUMNS,
  type ActorKeyColumn,
  type ActorKeysRead,
} from "../core/sign";
import type { ExcelHost } from "./host";
import { cellAddress, cellString, writeText } from "./cells";

/** ActorKeysTable's cells as read (Excel here, the workbook model in the CLI). */
export interface TableCells {
  sheet: string;
  headers: string[];
  body: unknown[][];
  bodyRow: number;
  bodyCol: number;
}

async function readTableCells(
  ctx: Excel.RequestContext,
): Promise<TableCells | null> {
  const table = ctx.workbook.tables.getItemOrNullObject(ACTOR_KEYS_TABLE);
  table.load("name");
  await ctx.sync();
  if (table.isNullObject) return null;
  const sheet = table.worksheet;
  sheet.load("name");
  const header = table.getHeaderRowRange();
  header.load("values");
  const body = table.getDataBodyRange();
  body.load(["values", "rowIndex", "columnIndex"]);
  await ctx.sync();
  return {
    sheet: sheet.name,
    headers: (header.values[0] ?? []).map(cellString),
    body: body.values,
    bodyRow: body.rowIndex,
    bodyCol: body.columnIndex,
  };
}

const sameHeader = (header: string, column: string) =>
  header.trim().toLowerCase() === column.toLowerCase();

/** The table's keys, every row, unreadable rows by cell. */
export function actorKeysOf(t: TableCells): Promise<ActorKeysRead> {
  return readActorKeyRows(
    t.headers,
    t.body,
    (row, col) => cellAddress(t.sheet, t.bodyRow + row, t.bodyCol + col),
    `${ACTOR_KEYS_TABLE} on ${t.sheet}`,
  );
}

/** The table's keys and problems; a workbook without the table lists none (no error). */
export async function readActorKeys(host: ExcelHost): Promise<ActorKeysRead> {
  const cells = await host.run({ delayForCellEdit: true }, readTableCells);
  return cells ? actorKeysOf(cells) : NO_ACTOR_KEYS;
}

export type AppendedKeyRow =
  | { kind: "added"; cell: string }
  /** The key is listed already (for `actor`, maybe someone else: a key belongs to one person). */
  | { kind: "exists"; cell: string; status: string; actor: string }
  | { kind: "no-table" }
  /** The table lacks a column a row is judged by: nothing is appended. */
  | { kind: "bad-table"; problem: string };

/** Where a new row goes and what it holds, or why none is written. */
export type KeyRowPlan =
  | Exclude<AppendedKeyRow, { kind: "added" }>
  | {
      kind: "write";
      /** The row's cells in the table's column order, as text. */
      values: string[];
      /** A new table keeps one empty body row: the row fills it rather than leave a blank row above. */
      fillEmpty: boolean;
      /** The new row's first cell, as `appended` says it. */
      cell: string;
    };

/**
 * What appending `row` to the table read as `cells` does: nothing when the table already lists
 * this key id (for anyone) or lacks a column a row is judged by. Shared by the Office.js adapter
 * and the CLI's workbook file store, so that both judge a table alike.
 */
export async function planKeyRow(
  cells: TableCells,
  row: Record<ActorKeyColumn, string>,
): Promise<KeyRowPlan> {
  const read = await actorKeysOf(cells);
  const same = read.rows.find((r) => r.keyId === row.KeyId);
  if (same)
    return {
      kind: "exists",
      cell: same.cell,
      status: same.status,
      actor: same.actor,
    };
  // A table without the columns a row is judged by would take the row in the wrong cells.
  const missing = REQUIRED_ACTOR_KEY_COLUMNS.filter(
    (c) => !cells.headers.some((h) => sameHeader(h, c)),
  );
  if (missing.length) return { kind: "bad-table", problem: read.problems[0] };
  const fillEmpty =
    cells.body.length === 1 &&
    cells.body[0].every((v) => v === "" || v === null);
  const at = fillEmpty ? 0 : cells.body.length;
  return {
    kind: "write",
    values: cells.headers.map((h) => {
      const c = ACTOR_KEY_COLUMNS.find((k) => sameHeader(h, k));
      return c ? row[c] : "";
    }),
    fillEmpty,
    cell: cellAddress(cells.sheet, cells.bodyRow + at, cells.bodyCol),
  };
}

/**
 * Appends `row` (status pending) unless the table already lists this key. Every cell is written as
 * text (cells.ts): a key id of digits and one "e" or a timestamp would otherwise become a number
 * or a date.
 */
export async function appendActorKeyRow(
  host: ExcelHost,
  row: Record<ActorKeyColumn, string>,
): Promise<AppendedKeyRow> {
  return host.run({ delayForCellEdit: true }, async (ctx) => {
    const cells = await readTableCells(ctx);
    if (!cells) return { kind: "no-table" } as const;
    const plan = await planKeyRow(cells, row);
    if (plan.kind !== "write") return plan;
    const table = ctx.workbook.tables.getItem(ACTOR_KEYS_TABLE);
    if (!plan.fillEmpty) table.rows.add();
    const target = plan.fillEmpty
      ? table.getDataBodyRange().getRow(0)
      : table.getDataBodyRange().getLastRow();
    writeText(target, [plan.values]);
    await ctx.sync();
    return { kind: "added", cell: plan.cell } as const;
  });
}
