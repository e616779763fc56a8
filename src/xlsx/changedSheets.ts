// What the workflows changed in a loaded workbook, and the refusal of any change the package
// writer does not write (only the PATCH_LOG sheet, the sheet of ActorKeysTable and their tables are
// written back; only PATCH_LOG may be added).
import {
  formatRef,
  type SimSheet,
  type SimTable,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { WorkbookWriteError } from "./errors";
import {
  KEYS_TABLE_NAME,
  LOG_SHEET_NAME,
  type LoadedPackage,
} from "./loadedPackage";

const WRITTEN = `the ${LOG_SHEET_NAME} sheet and the sheet of ${KEYS_TABLE_NAME}`;

/** The sheets the workflows changed or added; refuses changes this writer does not write. */
export function dirtySheets(book: SimWorkbook, lp: LoadedPackage): SimSheet[] {
  const out: SimSheet[] = [];
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
    // A sheet read with its text (read.ts: the writable ones) and read whole can be written back.
    if (sheet.deleted || loaded.partial || loaded.xml === undefined)
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was changed, and sealed-run writes back only ${WRITTEN}; nothing was saved`,
      );
    out.push(sheet);
  }
  for (const sheet of book.sheets) {
    if (lp.sheets.has(sheet) || sheet.deleted) continue;
    if (sheet.name !== LOG_SHEET_NAME)
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was added, and sealed-run adds only a ${LOG_SHEET_NAME} sheet; nothing was saved`,
      );
    out.push(sheet);
  }
  for (const t of lp.tables.keys())
    if (t.deleted || t.sheet.deleted)
      throw new WorkbookWriteError(
        `table ${t.name} was deleted; sealed-run does not delete tables; nothing was saved`,
      );
  return out;
}

export function tableChanged(t: SimTable, lp: LoadedPackage): boolean {
  const l = lp.tables.get(t)!;
  return (
    l.name !== t.name ||
    formatRef(l.rect) !== formatRef(t.rect) ||
    l.columns !== JSON.stringify(t.columns)
  );
}
