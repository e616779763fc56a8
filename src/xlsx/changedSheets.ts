// What the workflows changed in a loaded workbook, and the refusal of any change the package
// writer does not write (only the PATCH_LOG sheet and its tables are written back).
import {
  formatRef,
  type SimSheet,
  type SimTable,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { WorkbookWriteError } from "./errors";
import { LOG_SHEET_NAME, type LoadedPackage } from "./loadedPackage";

/** Which sheets, tables and parts the workflows changed; refuses changes this writer does not write. */
export function dirtyLogSheet(
  book: SimWorkbook,
  lp: LoadedPackage,
): SimSheet | null {
  let log: SimSheet | null = null;
  for (const [sheet, loaded] of lp.sheets) {
    const tablesChanged = book.tables.some(
      (t) => t.sheet === sheet && (!lp.tables.has(t) || tableChanged(t, lp)),
    );
    const dirty =
      sheet.deleted ||
      sheet.cells.changes !== loaded.changesAtLoad ||
      loaded.protectionAtLoad !== JSON.stringify(sheet.protection) ||
      tablesChanged;
    if (!dirty) continue;
    if (
      sheet.deleted ||
      sheet.name.toLowerCase() !== LOG_SHEET_NAME.toLowerCase() ||
      loaded.partial ||
      loaded.xml === undefined
    )
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was changed, and sealed-run writes back only the ${LOG_SHEET_NAME} sheet; nothing was saved`,
      );
    log = sheet;
  }
  for (const sheet of book.sheets) {
    if (lp.sheets.has(sheet) || sheet.deleted) continue;
    if (sheet.name !== LOG_SHEET_NAME)
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was added, and sealed-run adds only a ${LOG_SHEET_NAME} sheet; nothing was saved`,
      );
    log = sheet;
  }
  for (const t of lp.tables.keys())
    if (t.deleted || t.sheet.deleted)
      throw new WorkbookWriteError(
        `table ${t.name} was deleted; sealed-run does not delete tables; nothing was saved`,
      );
  return log;
}

export function tableChanged(t: SimTable, lp: LoadedPackage): boolean {
  const l = lp.tables.get(t)!;
  return (
    l.name !== t.name ||
    formatRef(l.rect) !== formatRef(t.rect) ||
    l.columns !== JSON.stringify(t.columns)
  );
}
