// Reading the workbook model as Office.js reads the open workbook: Range.values of a rectangle,
// and a table's shape as src/office/tables.ts gives it (TableGeometry).
import type { CellValue } from "../core";
import { cellString } from "../office/cells";
import type { TableGeometry } from "../office/tables";
import type { Rect } from "@sealed-run/workbook-model";
import type { SimSheet, SimTable } from "@sealed-run/workbook-model";

export const rectOf = (
  r0: number,
  c0: number,
  r1: number,
  c1: number,
): Rect => ({
  r0,
  c0,
  r1,
  c1,
});

/** Range.values of a rectangle (none for an empty one). */
export function valuesAt(sheet: SimSheet, r: Rect): CellValue[][] {
  return r.r1 < r.r0 ? [] : sheet.values(sheet.address(r));
}

export function geometryOf(t: SimTable): TableGeometry {
  return {
    sheet: t.sheet.name,
    headers: (valuesAt(t.sheet, t.headerRect)[0] ?? []).map(cellString),
    bodyRow: t.bodyRect.r0,
    bodyCol: t.rect.c0,
    rowCount: t.rowCount,
    showHeaders: t.showHeaders,
    showTotals: t.showTotals,
  };
}
