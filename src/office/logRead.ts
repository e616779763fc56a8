/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load -- proxies here are read after the sync that loads them, through helper functions and ClientResults the rule cannot follow; the simulator enforces load-before-read at run time in the tests. */
// Reading PATCH_LOG (CONTRACT §6): the table's body as entries, the index a seal reads instead
// (the Action and RunID columns, and the verified checkpoint beside the table), the tail from the
// checkpoint on, one entry by position, and a log sheet left by an interrupted creation. Writing
// is ledger.ts.
// Requirement sets: tables, ranges 1.1; getUsedRangeOrNullObject 1.4.
import type { PatchLogEntry } from "../core";
import { PATCH_LOG_COLUMNS } from "../core";
import type { ExcelHost } from "./host";
import { cellString } from "./cells";
import { LOG_TABLE } from "./names";
import { parseCheckpoint, type Checkpoint } from "./checkpoint";
import { bodyRows, type TableGeometry } from "./tables";

/**
 * What a seal reads of the log in sync 1 instead of its body: the Action and RunID columns (some
 * 25 bytes an entry) and the verified checkpoint beside the table (see ledger.ts).
 */
export interface LogIndex {
  actions: string[];
  runIds: string[];
  checkpoint: Checkpoint | null;
}

export interface LedgerRead {
  exists: boolean;
  /** The whole log; empty when only its index was read. */
  entries: PatchLogEntry[];
  /** Set when only the index was read (SnapshotOptions.log "index"). */
  index?: LogIndex;
  protected: boolean;
  /** Set when PATCH_LOG exists with another layout: it is never changed. */
  layoutProblem?: string;
  geometry?: TableGeometry;
  /**
   * PATCH_LOG is a sheet the add-in began to create when the sync was cut off (Office.js has no
   * transaction): empty, or just the header row, or an unnamed table of it. The log is finished
   * on it rather than the sheet being called another layout, which would block every later seal.
   */
  leftover?: { tableName: string | null };
  /** Something is in the row directly below the log table (an append moves it down first). */
  belowOccupied?: boolean;
  /** Why entries cannot be appended although the log can be read (a total row, no header row). */
  appendProblem?: string;
}

export interface LogTail {
  from: number;
  entries: PatchLogEntry[];
  /** The latest SEAL entry of the run asked for, when it lies before `from`. */
  sealBefore?: PatchLogEntry;
}

/** How many entries the log holds, whether its body or only its index columns were read. */
export function entryCount(log: LedgerRead): number {
  return log.index ? log.index.actions.length : log.entries.length;
}

export function logEntriesFrom(
  headers: string[],
  rows: unknown[][],
  /** The rows are not the whole body (a tail): an all-empty row is then an (edited) entry. */
  part = false,
): { entries: PatchLogEntry[]; layoutProblem?: string } {
  if (headers.join("\u0000") !== PATCH_LOG_COLUMNS.join("\u0000")) {
    return {
      entries: [],
      layoutProblem: `PATCH_LOG has columns ${headers.join(", ")}; the add-in expects ${PATCH_LOG_COLUMNS.join(", ")}. It was left unchanged: rename that sheet or fix its columns.`,
    };
  }
  return {
    entries: (part ? rows : bodyRows(rows)).map(
      (r) =>
        Object.fromEntries(
          PATCH_LOG_COLUMNS.map((c, i) => [c, cellString(r[i])]),
        ) as PatchLogEntry,
    ),
  };
}

export function logIndexFrom(
  headers: string[],
  cols: unknown[][],
  checkpoint: unknown[][],
): { entries: PatchLogEntry[]; index?: LogIndex; layoutProblem?: string } {
  const layout = logEntriesFrom(headers, []);
  if (layout.layoutProblem) return layout;
  const rows = bodyRows(cols);
  return {
    entries: [],
    index: {
      actions: rows.map((r) => cellString(r[0])),
      runIds: rows.map((r) => cellString(r[1])),
      checkpoint: parseCheckpoint(checkpoint[0]?.[0]),
    },
  };
}

/**
 * Where the tail a seal reads begins: the checkpoint's own entry when the checkpoint fits the log,
 * else 0 (no checkpoint, or more entries counted than there are: all is read and checked).
 */
export function tailStart(index: LogIndex): number {
  const c = index.checkpoint;
  return c && c.count <= index.actions.length ? c.count - 1 : 0;
}

/** Position of a run's latest SEAL entry by the index, or -1. */
export function latestSealAt(index: LogIndex, runId: string): number {
  for (let i = index.actions.length - 1; i >= 0; i--)
    if (index.actions[i] === "SEAL" && index.runIds[i] === runId) return i;
  return -1;
}

export function tailEntries(
  headers: string[],
  rows: unknown[][],
  from: number,
): PatchLogEntry[] {
  // From the top, the tail is the whole body: one all-empty row is then an empty log.
  return logEntriesFrom(headers, rows, from !== 0).entries;
}

/** An interrupted creation of the log (see LedgerRead.leftover), or null for a sheet of someone else's. One more sync, only then. */
export async function interruptedLog(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<{ tableName: string | null } | null> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(["address", "values"]);
  const tables = sheet.tables;
  tables.load("items/name");
  await ctx.sync();
  return leftoverOf(
    tables.items.map((t) => t.name),
    used.isNullObject
      ? null
      : { address: used.address, firstRow: used.values[0] ?? [] },
  );
}

/**
 * Whether a PATCH_LOG sheet without PatchLogTable is the add-in's own interrupted creation: empty,
 * or just the header row at A1:M1, with at most one table (its name returned). Null: someone else's.
 */
export function leftoverOf(
  tableNames: readonly string[],
  used: { address: string; firstRow: readonly unknown[] } | null,
): { tableName: string | null } | null {
  if (tableNames.length > 1) return null;
  if (used) {
    const header = used.firstRow.map(cellString);
    if (
      !/!A1:M1$/.test(used.address) ||
      header.join("\u0000") !== PATCH_LOG_COLUMNS.join("\u0000")
    )
      return null;
  } else if (tableNames.length) {
    return null;
  }
  return { tableName: tableNames[0] ?? null };
}

export const NO_LOG_TABLE = `The sheet PATCH_LOG exists but has no table named PatchLogTable. It was left unchanged: rename that sheet so the add-in can create its log.`;

/** Why a log table cannot take new entries although it can be read (see ledger.ts), or undefined. */
export function appendProblemOf(g: TableGeometry): string | undefined {
  const shape = !g.showHeaders
    ? "its header row is turned off"
    : g.showTotals
      ? "it has a total row"
      : null;
  return shape
    ? `PatchLogTable on PATCH_LOG cannot take new entries: ${shape}. It was left unchanged: turn that off (Table Design > ${g.showHeaders ? "Total Row" : "Header Row"}), then try again.`
    : undefined;
}

/** One entry of the log by position (a run's latest SEAL before the tail, when the run was not known in sync 2). */
export async function readLogEntry(
  host: ExcelHost,
  log: LedgerRead,
  at: number,
): Promise<PatchLogEntry | undefined> {
  const g = log.geometry;
  if (!g || at < 0 || at >= g.rowCount) return undefined;
  return host.run({ delayForCellEdit: true }, async (ctx) => {
    const row = ctx.workbook.tables
      .getItem(LOG_TABLE)
      .getDataBodyRange()
      .getRow(at);
    row.load("values");
    await ctx.sync();
    const values: unknown[][] = row.values;
    const [entry] = logEntriesFrom(g.headers, values, true).entries;
    return entry;
  });
}
