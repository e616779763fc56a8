// Writing a SimWorkbook as a new .xlsx through exceljs: tests and scripts make workbooks from a
// model with it (a writer other than ours, whose output src/xlsx must read). Reading a workbook,
// and saving changes back into an existing one, is src/xlsx's work.
//
// Custom XML parts are genuine OOXML parts (customXml/item{i}.xml with its itemProps, as Excel
// stores what Office.js `customXmlParts.add(xml)` adds): exceljs ignores customXml/, so they are
// written into the package with jszip (customXmlWriter.ts).

import ExcelJS from "exceljs";
import {
  braceGuid,
  columnLetters,
  newPartId,
  PROTECTION_OPTIONS,
  type Rect,
  type SimSheet,
  SimTable,
  SimWorkbook,
} from "@sealed-run/workbook-model";
import { writeCustomXmlParts } from "./customXmlWriter";

/** The very-hidden sheet earlier versions kept custom XML parts in: read, never written. */
export const PARTS_SHEET = "_SealedRunParts";

type ExcelValue = ExcelJS.CellValue;

function excelValueOf(sheet: SimSheet, r: number, c: number): ExcelValue {
  const cells = sheet.cells;
  const v = cells.value(r, c);
  const f = cells.formula(r, c);
  if (f) {
    const result = cells.isError(r, c) ? { error: v } : v;
    return { formula: f.slice(1), result } as ExcelValue;
  }
  if (v === undefined) return null;
  if (cells.isError(r, c)) return { error: v } as ExcelValue;
  return v;
}

function saveSheet(wb: ExcelJS.Workbook, sheet: SimSheet): void {
  const state =
    sheet.visibility === "Hidden"
      ? "hidden"
      : sheet.visibility === "VeryHidden"
        ? "veryHidden"
        : "visible";
  const ws = wb.addWorksheet(sheet.name, { state });
  sheet.cells.forEachRow((r, lastCol) => {
    for (let c = 0; c <= lastCol; c++) {
      const value = excelValueOf(sheet, r, c);
      const fmt = sheet.cells.numberFormat(r, c);
      if (value === null && fmt === "General") continue;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value;
      if (fmt !== "General") cell.numFmt = fmt;
    }
  });
  for (const t of sheet.tables) saveTable(ws, sheet, t);
  if (sheet.protection.protected) {
    const model: Record<string, unknown> = { sheet: true };
    for (const [opt, attr] of PROTECTION_OPTIONS)
      if (sheet.protection.options[opt] === true) model[attr] = true;
    if (sheet.protection.password)
      Object.assign(model, sheet.protection.password);
    (
      ws as unknown as { sheetProtection: Record<string, unknown> }
    ).sheetProtection = model;
  }
}

function saveTable(ws: ExcelJS.Worksheet, sheet: SimSheet, t: SimTable): void {
  const body: Rect = t.bodyRect;
  const rows: ExcelValue[][] = [];
  for (let r = body.r0; r <= body.r1; r++) {
    const row: ExcelValue[] = [];
    for (let c = body.c0; c <= body.c1; c++)
      row.push(excelValueOf(sheet, r, c));
    rows.push(row);
  }
  // exceljs writes these rows back into the same cells (unchanged) and records the table part.
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: `${columnLetters(t.rect.c0)}${t.rect.r0 + 1}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.name, filterButton: true })),
    rows,
  });
}

/** Writes a SimWorkbook as .xlsx bytes. */
export async function saveXlsx(book: SimWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = book.date1904;
  for (const sheet of book.liveSheets) saveSheet(wb, sheet);
  const active = book.liveSheets.indexOf(book.activeSheet);
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: Math.max(0, active),
      visibility: "visible",
    },
  ];
  const buf = await wb.xlsx.writeBuffer();
  // Genuine custom XML parts, as Excel stores them; ids are written as ds:itemID GUIDs.
  const used = new Set<string>();
  const parts = book.liveParts.map((p) => {
    let id = braceGuid(p.id);
    if (!id || used.has(id)) id = newPartId(); // not a GUID: the file needs one
    used.add(id);
    return { id, xml: p.xml };
  });
  return writeCustomXmlParts(new Uint8Array(buf), parts);
}
