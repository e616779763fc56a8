// PATCH_LOG in the workbook model, read and written as src/office/logRead.ts and ledger.ts read
// and write it in Excel: the same entries, problems and leftover sheets; the same cells written as
// text, rows moved down rather than overwritten, the checkpoint beside the table, the sheet
// protected again. The xlsx store's half of the log (xlsxStore.ts).
import { PATCH_LOG_COLUMNS } from "../core";
import {
  appendProblemOf,
  entryCount,
  leftoverOf,
  logEntriesFrom,
  NO_LOG_TABLE,
  type LedgerRead,
} from "../office/logRead";
import {
  CHECKPOINT_COL_OFFSET,
  CHECKPOINT_LABEL,
  checkpointText,
} from "../office/checkpoint";
import { LOG_SHEET, LOG_TABLE } from "../office/names";
import { sealPartXml } from "../office/sealStore";
import { WorkbookError } from "../office/workbookError";
import type { SimTable, SimWorkbook } from "@sealed-run/workbook-model";
import type { SealWrite } from "../workflows";
import { geometryOf, rectOf, valuesAt } from "./xlsxModelRead";
import { writeText } from "./xlsxModelWrite";

export function ledgerOf(book: SimWorkbook, readBody: boolean): LedgerRead {
  const sheet = book.findSheet(LOG_SHEET);
  const table = book.findTable(LOG_TABLE);
  const log: LedgerRead = {
    exists: !!table,
    entries: [],
    protected: !!sheet?.protection.protected,
  };
  if (table) {
    const g = geometryOf(table);
    const below = table.bodyRect.r1 + 1;
    return {
      ...log,
      // The whole body: a file is in memory already, and a full chain check is the stricter one.
      ...(readBody
        ? logEntriesFrom(g.headers, valuesAt(table.sheet, table.bodyRect))
        : { entries: [] }),
      geometry: g,
      appendProblem: appendProblemOf(g),
      belowOccupied: valuesAt(
        table.sheet,
        rectOf(below, table.rect.c0, below, table.rect.c1),
      )[0].some((v) => v !== "" && v !== null),
    };
  }
  if (!sheet) return log;
  const used = sheet.usedRect(true);
  const leftover = leftoverOf(
    book.liveTables.filter((t) => t.sheet === sheet).map((t) => t.name),
    used
      ? { address: sheet.address(used), firstRow: valuesAt(sheet, used)[0] }
      : null,
  );
  return leftover
    ? { ...log, leftover }
    : { ...log, layoutProblem: NO_LOG_TABLE };
}

/** The log sheet and table to append to, created (or an interrupted creation finished) when missing. */
function logTable(book: SimWorkbook, log: LedgerRead): SimTable {
  if (log.exists) return book.table(LOG_TABLE);
  const sheet = log.leftover ? book.sheet(LOG_SHEET) : book.addSheet(LOG_SHEET);
  const left = log.leftover?.tableName;
  if (left) {
    const table = book.table(left);
    if (left !== LOG_TABLE) {
      book.validateTableName(LOG_TABLE, table);
      table.name = LOG_TABLE;
    }
    return table;
  }
  const last = PATCH_LOG_COLUMNS.length - 1;
  sheet.enter(sheet.address(rectOf(0, 0, 0, last)), [[...PATCH_LOG_COLUMNS]]);
  return book.createTable(sheet, rectOf(0, 0, 0, last), true, LOG_TABLE);
}

/**
 * src/workflows/officeStore.ts commit, on the model, in its order: the log sheet unprotected first (a
 * password stops everything before the seal is kept), the seal kept, the entries below the log,
 * the checkpoint beside it, the sheet protected again.
 */
export function commitSeal(
  book: SimWorkbook,
  log: LedgerRead,
  write: SealWrite,
): void {
  const problem = log.layoutProblem ?? log.appendProblem;
  if (problem) throw new WorkbookError(problem, "log-layout");
  const sheetBefore = book.findSheet(LOG_SHEET);
  if (log.protected && sheetBefore) sheetBefore.unprotect();
  if (write.part)
    book.addCustomXmlPart(sealPartXml(write.part.meta, write.part.text));
  const table = logTable(book, log);
  const sheet = table.sheet;
  const rows = write.entries.map((e) => PATCH_LOG_COLUMNS.map((c) => e[c]));
  const { c0, c1 } = table.rect;
  // A new table has one empty body row: it takes the first entry.
  const emptyBody =
    !log.exists ||
    (entryCount(log) === 0 && (log.geometry?.rowCount ?? 0) >= 1);
  let above = table.bodyRect.r1;
  let rest = rows;
  if (emptyBody) {
    above = table.bodyRect.r0;
    writeText(book, sheet, rectOf(above, c0, above, c1), [rows[0]]);
    rest = rows.slice(1);
  }
  if (rest.length) {
    const below = rectOf(above + 1, c0, above + rest.length, c1);
    // Something under the log (or more rows than the one read): moved down, never overwritten.
    if (log.belowOccupied || rest.length > 1)
      book.insertCells(sheet, below.r0, rest.length, c0, c1);
    writeText(book, sheet, below, rest);
  }
  if (write.checkpoint) {
    const r0 = table.rect.r0;
    const c = c0 + CHECKPOINT_COL_OFFSET;
    writeText(book, sheet, rectOf(r0, c, r0 + 1, c), [
      [CHECKPOINT_LABEL],
      [checkpointText(write.checkpoint)],
    ]);
  }
  sheet.protect({});
}
