// Loading and saving .xlsx through exceljs (works in Node and, via exceljs's browser build, in
// the workbench page). Round-trips what the simulator models: sheets and their visibility,
// values, formulas (with their last results), number formats, tables, sheet protection
// (password hash as Excel stores it) and the 1904 date-system flag.
//
// Custom XML parts are genuine OOXML parts (customXml/item{i}.xml with its itemProps, as Excel
// stores what Office.js `customXmlParts.add(xml)` adds): exceljs ignores customXml/, so they are
// read from and written into the package with jszip (ooxmlCustomXml.ts). Earlier versions kept
// parts in a very-hidden sheet named _SealedRunParts; such a sheet is still read (and not shown
// as a sheet) but never written again.

import ExcelJS from "exceljs";
import { columnLetters, parseA1, type Rect } from "./address";
import type { Scalar } from "./cells";
import { exceljsDateToSerial, type DateSystem } from "./dates";
import { SimError } from "./errors";
import type { PasswordHash } from "./protection";
import {
  SimCustomXmlPart,
  SimTable,
  SimWorkbook,
  type ProtectionOptions,
  type SimSheet,
} from "./workbook";
import { newPartId, rootNamespace } from "./xmlParts";
import {
  braceGuid,
  readCustomXmlParts,
  writeCustomXmlParts,
} from "./ooxmlCustomXml";

/** The very-hidden sheet earlier versions kept custom XML parts in: read, never written. */
export const PARTS_SHEET = "_SealedRunParts";

type ExcelValue = ExcelJS.CellValue;

interface LoadedTableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
}

/** OOXML protection attributes ↔ Excel.WorksheetProtectionOptions (true = the action is allowed). */
const PROTECTION_OPTIONS: [keyof ProtectionOptions & string, string][] = [
  ["allowFormatCells", "formatCells"],
  ["allowFormatColumns", "formatColumns"],
  ["allowFormatRows", "formatRows"],
  ["allowInsertColumns", "insertColumns"],
  ["allowInsertRows", "insertRows"],
  ["allowInsertHyperlinks", "insertHyperlinks"],
  ["allowDeleteColumns", "deleteColumns"],
  ["allowDeleteRows", "deleteRows"],
  ["allowSort", "sort"],
  ["allowAutoFilter", "autoFilter"],
  ["allowPivotTables", "pivotTables"],
];

function toUint8(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

function scalarOf(
  v: unknown,
  system: DateSystem,
): { value: Scalar | undefined; isError?: boolean } {
  if (v === null || v === undefined) return { value: undefined };
  if (v instanceof Date) return { value: exceljsDateToSerial(v, system) };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
    return { value: v };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return { value: String(o.error), isError: true };
    if (Array.isArray(o.richText))
      return {
        value: (o.richText as { text: string }[]).map((t) => t.text).join(""),
      };
    if ("text" in o && "hyperlink" in o) return scalarOf(o.text, system);
  }
  return { value: String(v) };
}

function loadCell(
  sheet: SimSheet,
  r: number,
  c: number,
  cell: ExcelJS.Cell,
  system: DateSystem,
): void {
  const v = cell.value as unknown;
  if (
    v &&
    typeof v === "object" &&
    !(v instanceof Date) &&
    ("formula" in v || "sharedFormula" in v)
  ) {
    const f = v as {
      formula?: string;
      sharedFormula?: string;
      result?: unknown;
    };
    const text = f.formula ?? cell.formula;
    const result = scalarOf(f.result, system);
    sheet.cells.setContent(r, c, {
      value: result.value ?? "",
      formula: `=${text}`,
      isError: result.isError,
    });
  } else {
    const s = scalarOf(v, system);
    if (s.value !== undefined)
      sheet.cells.setContent(r, c, { value: s.value, isError: s.isError });
  }
  const fmt = cell.numFmt;
  if (fmt && fmt !== "General") sheet.cells.setNumberFormat(r, c, fmt);
}

/**
 * Adds a part read from a file. Ids are unique (ECMA-376 §22.5.2.1: a duplicate itemID is
 * reassigned); a part Excel kept but the simulator's well-formedness check rejects is kept as it
 * is (so that saving does not drop it), with the namespace its root element declares.
 */
function addLoadedPart(
  book: SimWorkbook,
  xml: string,
  id: string | undefined,
): void {
  const taken = (x: string) => !!book.findPart(x);
  const partId = id && !taken(id) ? id : newPartId();
  try {
    rootNamespace(xml);
  } catch {
    const root = /<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(
      xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ""),
    );
    const prefix = root?.[1].includes(":") ? root[1].split(":")[0] : "";
    const ns = root
      ? new RegExp(
          `\\s${prefix ? `xmlns:${prefix}` : "xmlns"}\\s*=\\s*["']([^"']*)["']`,
        ).exec(root[2])?.[1]
      : undefined;
    book.customXmlParts.push(new SimCustomXmlPart(partId, ns ?? "", xml));
    return;
  }
  book.addCustomXmlPart(xml, partId);
}

/** Parts kept by earlier versions in the _SealedRunParts sheet: id, namespace, XML in chunks. */
function loadLegacyParts(book: SimWorkbook, ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) => {
    const cells = (row.values as unknown[])
      .slice(1)
      .map((x) => (x === null || x === undefined ? "" : String(x)));
    const [id, , ...chunks] = cells;
    if (!id || book.findPart(id)) return; // already read as a genuine part
    addLoadedPart(book, chunks.join(""), braceGuid(id) ?? id);
  });
}

/** Reads an .xlsx into a SimWorkbook; `name` is what Workbook.name will report (the file name). */
export async function loadXlsx(
  bytes: Uint8Array | ArrayBuffer,
  options: { name?: string } = {},
): Promise<SimWorkbook> {
  const wb = new ExcelJS.Workbook();
  const data = toUint8(bytes);
  let packageParts: Awaited<ReturnType<typeof readCustomXmlParts>>;
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    packageParts = await readCustomXmlParts(data);
  } catch (e) {
    throw new SimError(
      "InvalidArgument",
      `Not a readable .xlsx file: ${(e as Error).message}`,
      "loadXlsx",
    );
  }
  const system: DateSystem = wb.properties?.date1904 ? 1904 : 1900;
  const book = new SimWorkbook({
    date1904: system === 1904,
    name: options.name,
  });
  for (const p of packageParts) addLoadedPart(book, p.xml, p.id);
  for (const ws of wb.worksheets) {
    if (ws.name === PARTS_SHEET) {
      loadLegacyParts(book, ws);
      continue;
    }
    const sheet = book.addSheet(ws.name);
    sheet.visibility =
      ws.state === "hidden"
        ? "Hidden"
        : ws.state === "veryHidden"
          ? "VeryHidden"
          : "Visible";
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (cell, colNumber) =>
        loadCell(sheet, rowNumber - 1, colNumber - 1, cell, system),
      );
    });
    const prot = (
      ws as unknown as { sheetProtection?: Record<string, unknown> }
    ).sheetProtection;
    if (prot?.sheet) {
      const options: ProtectionOptions = {};
      for (const [opt, attr] of PROTECTION_OPTIONS)
        if (prot[attr] === true) options[opt] = true;
      const password: PasswordHash | undefined =
        prot.algorithmName === "SHA-512" && typeof prot.hashValue === "string"
          ? {
              algorithmName: "SHA-512",
              hashValue: prot.hashValue,
              saltValue: String(prot.saltValue),
              spinCount: Number(prot.spinCount),
            }
          : undefined;
      sheet.protection = { protected: true, options, password };
    }
    for (const t of ws.getTables() as unknown as {
      table?: LoadedTableModel;
      model?: LoadedTableModel;
    }[]) {
      const model = t.table ?? t.model;
      if (!model) continue;
      const rect = parseA1(model.tableRef ?? model.ref ?? "");
      const body = model.totalsRow ? { ...rect, r1: rect.r1 - 1 } : rect;
      if (model.headerRow === false) {
        throw new SimError(
          "NotImplemented",
          `Table ${model.name} has no header row; the simulator models tables with headers only.`,
          "loadXlsx",
        );
      }
      const table = new SimTable(
        book.nextId(),
        model.name,
        sheet,
        body,
        model.columns.map((c, i) => ({ id: i + 1, name: c.name })),
      );
      book.tables.push(table);
      book.syncTableHeaders(sheet, table.headerRect);
    }
  }
  if (!book.liveSheets.length) book.addSheet();
  const activeTab = (wb.views?.[0] as { activeTab?: number } | undefined)
    ?.activeTab;
  const visible = book.liveSheets.filter((s) => s.visibility === "Visible");
  const active = book.liveSheets[activeTab ?? 0] ?? visible[0];
  if (active && active.visibility === "Visible") book.activate(active);
  return book;
}

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
  return writeCustomXmlParts(new Uint8Array(buf as ArrayBuffer), parts);
}
