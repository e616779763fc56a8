// Writing the workbook model as the add-in writes the open workbook: cells as text (number format
// "@" before the value, a leading apostrophe behind a General cell's quote prefix), refused on a
// protected sheet as Excel refuses it. Shared by the log (xlsxLedger.ts) and ActorKeysTable
// (xlsxStore.ts).
import { textCells } from "../office/cells";
import type { Rect, SimSheet, SimWorkbook } from "@sealed-run/workbook-model";

/** Write `rows` as text the way src/office/cells.ts writeText does, growing a table they extend. */
export function writeText(
  book: SimWorkbook,
  sheet: SimSheet,
  r: Rect,
  rows: string[][],
): void {
  const cells = textCells(rows);
  const address = sheet.address(r);
  sheet.assertEditable("Range.numberFormat", "allowFormatCells");
  sheet.setNumberFormat(address, cells.numberFormat);
  sheet.assertEditable("Range.values");
  sheet.enter(address, cells.values);
  book.expandTablesBelow(sheet, r);
}
