// PATCH_LOG in the workbook (CONTRACT §6): creating the sheet and table, appending entries as text
// that never becomes a formula, keeping the sheet protected, reading back what was written.
// Entries are appended the way Microsoft's co-authoring guidance asks: by writing Range.values
// directly below the table, which expands it, never TableRowCollection.add (a merge conflict for
// co-authors editing the table or below it); cells under the table are moved down first
// (Range.insert) rather than overwritten. Evidence: packages/excel-simulator/README.md, rule 14.
// Requirement sets: worksheets.add, tables.add, Range.insert, protection 1.1/1.2; getLastRow 1.1.
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../core";
import { cellString, writeText } from "./cells";
import { LOG_SHEET, LOG_TABLE } from "./names";
import {
  CHECKPOINT_COL_OFFSET,
  CHECKPOINT_LABEL,
  checkpointText,
  type Checkpoint,
} from "./checkpoint";
import { entryCount, type LedgerRead } from "./logRead";
import { WorkbookError } from "./workbookError";

export interface QueuedAppend {
  /** Rows as they read back after the sync: the last body row, and the one before it. */
  lastRow: Excel.Range;
  beforeLast: Excel.Range | null;
}

const LAST_COL = "M"; // 13 columns

/**
 * Queue unprotecting the log sheet, first thing in a write batch: a password the add-in does not
 * have then stops the batch before anything (a stored seal) is written. Returns whether it queued.
 */
export function queueUnprotect(wb: Excel.Workbook, log: LedgerRead): boolean {
  if (!log.protected || (!log.exists && !log.leftover)) return false;
  wb.worksheets.getItem(LOG_SHEET).protection.unprotect();
  return true;
}

/**
 * Queue writing `entries` at the end of the log (creating it when missing). Nothing happens until
 * sync. `checkpoint`: the log, with these entries, verified through that count (write it only
 * after checking the whole chain before them); without it the checkpoint cell is left as it is, and
 * the next seal reads and checks the entries after it.
 */
export function queueAppend(
  wb: Excel.Workbook,
  log: LedgerRead,
  entries: PatchLogEntry[],
  unprotected = false,
  checkpoint?: Checkpoint,
): QueuedAppend {
  const problem = log.layoutProblem ?? log.appendProblem;
  if (problem) throw new WorkbookError(problem, "log-layout");
  let ws: Excel.Worksheet;
  let table: Excel.Table;
  if (!log.exists) {
    // A sheet left by an interrupted creation is finished, not added again (see LedgerRead.leftover).
    ws = log.leftover
      ? wb.worksheets.getItem(LOG_SHEET)
      : wb.worksheets.add(LOG_SHEET);
    const leftTable = log.leftover?.tableName;
    if (leftTable) {
      table = ws.tables.getItem(leftTable);
      if (leftTable !== LOG_TABLE) table.name = LOG_TABLE;
    } else {
      ws.getRange(`A1:${LAST_COL}1`).values = [[...PATCH_LOG_COLUMNS]];
      table = ws.tables.add(`${LOG_SHEET}!A1:${LAST_COL}1`, true);
      table.name = LOG_TABLE;
    }
    if (log.protected && !unprotected) ws.protection.unprotect();
  } else {
    ws = wb.worksheets.getItem(LOG_SHEET);
    table = wb.tables.getItem(LOG_TABLE);
    if (log.protected && !unprotected) ws.protection.unprotect();
  }
  const rows = entries.map((e) => PATCH_LOG_COLUMNS.map((c) => e[c]));
  // A new table has one empty body row: fill it rather than leave an empty entry above the log.
  const emptyBody =
    !log.exists ||
    (entryCount(log) === 0 && (log.geometry?.rowCount ?? 0) >= 1);
  let above: Excel.Range;
  let rest = rows;
  if (emptyBody) {
    above = table.getDataBodyRange().getRow(0);
    writeText(above, [rows[0]]);
    rest = rows.slice(1);
  } else {
    above = table.getDataBodyRange().getLastRow();
  }
  if (rest.length) {
    const below = above
      .getOffsetRange(1, 0)
      .getResizedRange(rest.length - 1, 0);
    // Something under the log (or more rows than the one read): move it down, never overwrite it.
    if (log.belowOccupied || rest.length > 1)
      below.insert("Down" as Excel.InsertShiftDirection);
    writeText(below, rest);
  }
  if (checkpoint) {
    const at = table.getHeaderRowRange().getCell(0, CHECKPOINT_COL_OFFSET);
    writeText(at.getResizedRange(1, 0), [
      [CHECKPOINT_LABEL],
      [checkpointText(checkpoint)],
    ]);
  }
  ws.protection.protect();
  const body = table.getDataBodyRange();
  const lastRow = body.getLastRow();
  lastRow.load("values");
  const total = entryCount(log) + entries.length;
  const beforeLast = total >= 2 ? lastRow.getOffsetRange(-1, 0) : null;
  if (beforeLast) beforeLast.load("values");
  return { lastRow, beforeLast };
}

/** After the sync: did the last entry read back exactly, and does it follow the entry before it? */
export function checkAppend(q: QueuedAppend, written: PatchLogEntry): string[] {
  const warnings: string[] = [];
  const last = (q.lastRow.values[0] ?? []).map(cellString);
  const same = PATCH_LOG_COLUMNS.every((c, i) => last[i] === written[c]);
  if (!same) {
    warnings.push(
      `${written.EntryID} did not read back as written (another entry was appended at the same moment, or Excel changed a value). Check the log view.`,
    );
  }
  if (q.beforeLast) {
    const prev = (q.beforeLast.values[0] ?? []).map(cellString);
    const prevHash = prev[PATCH_LOG_COLUMNS.indexOf("EntryHash")];
    if (same && prevHash !== written.PrevEntryHash) {
      warnings.push(
        `The log forked: someone else appended an entry (${prev[0]}, ${prev[2]} ${prev[3]}) while this was being recorded, so the entry just written (${written.EntryID}, ${written.Action} ${written.RunID}) does not follow it. Both stand in PATCH_LOG and the Log view names them; tell the other person, and record what happened with a patch.`,
      );
    }
  }
  return warnings;
}
