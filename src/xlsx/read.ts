// Reading a workbook package into the Excel simulator's model, as Excel, LibreOffice and Google
// Sheets write it, so that the CLI and the workbench drive the add-in's own workflows on it. What
// was read is remembered (LoadedPackage) so that saving writes back only what the workflows changed.
import { findColumns } from "../core";
import {
  type DateSystem,
  PROTECTION_OPTIONS,
  type Rect,
  SimCustomXmlPart,
  type SimSheet,
  SimTable,
  SimWorkbook,
} from "@sealed-run/workbook-model";
import { WorkbookFormatError } from "./errors";
import {
  contentTypeOf,
  readContentTypes,
  readRels,
  type ContentTypes,
  type Relationship,
} from "./package";
import {
  readSharedStrings,
  readSharedStringsAt,
  readSheet,
  readTable,
  type ParsedCell,
  type ParsedTable,
} from "./sheetXml";
import { formatOf, readStyles, type Styles } from "./styles";
import { decodeText, parsePart } from "./xml";
import { ZipPackage, type ZipLimits } from "./zip";
import {
  readCustomXml,
  readLegacyParts,
  type LoadedPart,
} from "./customXmlRead";

/** The very-hidden sheet early versions kept custom XML parts in: read, never written. */
export const LEGACY_PARTS_SHEET = "_SealedRunParts";
/** Sheets the package writer may rewrite (see write.ts): the log. */
export const LOG_SHEET_NAME = "PATCH_LOG";

export interface LoadOptions extends ZipLimits {
  /** Workbook.name (the file name). */
  name?: string;
  /**
   * Keep only part of one table's body (bounded memory on a large run table): its header row,
   * its `column` and the rows whose `column` cell reads `value` (none when null). Other sheets
   * and tables are read whole.
   */
  focus?: { table: string; column: string; value: string | null };
}

export interface LoadedSheet {
  path: string;
  /** Cells were read in part (focus): this sheet can never be rewritten. */
  partial: boolean;
  /** SheetCells.changes after loading. */
  changesAtLoad: number;
  protectionAtLoad: string;
  /** The log sheet's XML, kept to write it back with its untouched cells as they were. */
  xml?: string;
  /** Loaded cells' state after loading (log sheet only), by "r,c". */
  cellsAtLoad?: Map<string, string>;
}

export interface LoadedTable {
  path: string;
  name: string;
  rect: Rect;
  columns: string;
}

export interface LoadedPackage {
  pkg: ZipPackage;
  contentTypes: ContentTypes;
  workbookPath: string;
  workbookRels: Relationship[];
  stylesPath?: string;
  styles: Styles;
  sheets: Map<SimSheet, LoadedSheet>;
  tables: Map<SimTable, LoadedTable>;
  parts: Map<SimCustomXmlPart, LoadedPart>;
  /** Tables without a header row (headerRowCount="0"): not modelled, left as they are. */
  headerless: { table: string; sheet: string; path: string }[];
  /** The largest table id in the package (new tables take the next). */
  maxTableId: number;
}

const CT_MAIN =
  /^application\/vnd\.(ms-excel\.sheet\.macroEnabled|ms-excel\.template\.macroEnabled|openxmlformats-officedocument\.spreadsheetml\.(sheet|template))\.main\+xml$/;

/** Refusals for packages that are not spreadsheetML workbooks (.ods, .xlsb, a Word file…). */
async function checkKind(
  pkg: ZipPackage,
  ct: ContentTypes | null,
  mainPart: string | undefined,
): Promise<void> {
  if (pkg.has("mimetype")) {
    const m = decodeText(await pkg.bytes("mimetype")).trim();
    if (m.startsWith("application/vnd.oasis.opendocument"))
      throw new WorkbookFormatError(
        `it is an OpenDocument file (${m.includes("spreadsheet") ? ".ods" : m}), not .xlsx: save it from LibreOffice as "Excel 2007-365 (.xlsx)"`,
        "ods",
      );
  }
  if (!ct)
    throw new WorkbookFormatError(
      "it is a zip file but not an Office package (no [Content_Types].xml): save the workbook as .xlsx",
      "not-workbook",
    );
  const type = mainPart ? contentTypeOf(ct, mainPart) : undefined;
  if (
    type?.includes("sheet.binary") ||
    (mainPart ?? "").toLowerCase().endsWith(".bin")
  )
    throw new WorkbookFormatError(
      "it is an Excel Binary Workbook (.xlsb), whose sheets sealed-run cannot read: in Excel, save it as Excel Workbook (.xlsx)",
      "xlsb",
    );
  if (!mainPart || !type || !CT_MAIN.test(type))
    throw new WorkbookFormatError(
      `it is an Office package but not an Excel workbook (its main part ${mainPart ?? "is missing"}${type ? `, ${type}` : ""}): save the workbook as .xlsx`,
      "not-workbook",
    );
}

function protectionKey(s: SimSheet): string {
  return JSON.stringify(s.protection);
}

export function cellsState(s: SimSheet, r: number, c: number): string {
  return JSON.stringify(s.cells.snapshot(r, c));
}

function applyProtection(
  sheet: SimSheet,
  a: Record<string, string> | undefined,
): void {
  if (!a || !(a.sheet === "1" || a.sheet === "true")) return;
  const options: Record<string, boolean> = {};
  for (const [opt, attr] of PROTECTION_OPTIONS)
    if (a[attr] === "0" || a[attr] === "false") options[opt] = true;
  let password = undefined;
  if (a.algorithmName === "SHA-512" && a.hashValue)
    password = {
      algorithmName: "SHA-512" as const,
      hashValue: a.hashValue,
      saltValue: a.saltValue ?? "",
      spinCount: Number(a.spinCount ?? 0),
    };
  // A legacy 16-bit password (or another algorithm) cannot be checked here: no password unlocks it.
  else if (a.password || a.hashValue)
    password = {
      algorithmName: "SHA-512" as const,
      hashValue: "unverifiable",
      saltValue: "",
      spinCount: 1,
    };
  sheet.protection = { protected: true, options, password };
}

/** A kept cell whose shared string is read in the second pass. */
interface PendingString {
  sheet: SimSheet;
  row: number;
  col: number;
  index: number;
  quotePrefix: boolean;
  formula?: string;
}

function store(
  sheet: SimSheet,
  styles: Styles,
  pending: PendingString[],
  row: number,
  cells: ParsedCell[],
  keep: (c: number) => boolean,
): void {
  for (const cell of cells) {
    if (!keep(cell.col)) continue;
    const fmt = formatOf(styles, cell.style);
    const quotePrefix = fmt.quotePrefix && typeof cell.value === "string";
    if (cell.sst !== undefined)
      pending.push({
        sheet,
        row,
        col: cell.col,
        index: cell.sst,
        quotePrefix,
        formula: cell.formula,
      });
    if (cell.value !== undefined || cell.formula)
      sheet.cells.setContent(row, cell.col, {
        value: cell.sst !== undefined ? "\u0000" : cell.value,
        formula: cell.formula,
        isError: cell.isError,
        quotePrefix,
      });
    if (fmt.numberFormat !== "General")
      sheet.cells.setNumberFormat(row, cell.col, fmt.numberFormat);
  }
}

/** Reads a workbook package (.xlsx, .xlsm) into a SimWorkbook; WorkbookFormatError when it is none. */
export async function loadWorkbook(
  bytes: Uint8Array,
  options: LoadOptions = {},
): Promise<{ book: SimWorkbook; loaded: LoadedPackage }> {
  const pkg = await ZipPackage.open(bytes, options);
  const ct = pkg.has("[Content_Types].xml")
    ? await readContentTypes(pkg)
    : null;
  const rootRels = await readRels(pkg, "");
  const mainRel = rootRels.find(
    (r) => r.kind === "officeDocument" && r.part && pkg.has(r.part),
  );
  const mainPart = mainRel?.part ? pkg.entry(mainRel.part)!.name : undefined;
  await checkKind(pkg, ct, mainPart);
  const workbookPath = mainPart!;
  const workbookRels = await readRels(pkg, workbookPath);

  const sheetsListed: { name: string; relId: string; state: string }[] = [];
  let date1904 = false;
  let activeTab = 0;
  await parsePart(pkg, workbookPath, {
    open(name, a) {
      if (name === "sheet")
        sheetsListed.push({
          name: a.name ?? "",
          relId: a.id ?? "",
          state: a.state ?? "visible",
        });
      else if (name === "workbookPr")
        date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (name === "workbookView" && a.activeTab)
        activeTab = Number(a.activeTab);
    },
  });
  const system: DateSystem = date1904 ? 1904 : 1900;
  const relPart = (kind: string) => {
    const r = workbookRels.find(
      (x) => x.kind === kind && x.part && pkg.has(x.part),
    );
    return r?.part ? pkg.entry(r.part)!.name : undefined;
  };
  const stylesPath = relPart("styles");
  const styles = await readStyles(pkg, stylesPath);
  // Reading for one run of a large table: long strings wait for the second pass (PendingString).
  const sstPath = relPart("sharedStrings");
  const sst = await readSharedStrings(
    pkg,
    sstPath,
    options.focus ? (t) => t.length <= 256 : undefined,
  );
  const pending: PendingString[] = [];
  const finishers: (() => void)[] = [];

  const book = new SimWorkbook({ date1904, name: options.name });
  const lp: LoadedPackage = {
    pkg,
    contentTypes: ct!,
    workbookPath,
    workbookRels,
    stylesPath,
    styles,
    sheets: new Map(),
    tables: new Map(),
    parts: new Map(),
    headerless: [],
    maxTableId: 0,
  };
  lp.parts = await readCustomXml(pkg, workbookRels, book);

  const worksheetTabs: SimSheet[] = [];
  const tabOf = new Map<SimSheet, number>();
  for (const [tab, listed] of sheetsListed.entries()) {
    const rel = workbookRels.find((r) => r.id === listed.relId);
    // Chart sheets, dialog and macro sheets are not worksheets: Office.js does not list them either.
    if (!rel || rel.kind !== "worksheet" || !rel.part || !pkg.has(rel.part))
      continue;
    const path = pkg.entry(rel.part)!.name;
    if (listed.name === LEGACY_PARTS_SHEET) {
      await readLegacyParts(pkg, path, sst, sstPath, system, book);
      continue;
    }
    const sheet = book.addSheet(listed.name);
    sheet.visibility =
      listed.state === "hidden"
        ? "Hidden"
        : listed.state === "veryHidden"
          ? "VeryHidden"
          : "Visible";
    tabOf.set(sheet, tab);
    worksheetTabs.push(sheet);
    const tables: { t: ParsedTable; path: string }[] = [];
    for (const r of await readRels(pkg, path))
      if (r.kind === "table" && r.part && pkg.has(r.part)) {
        const tpath = pkg.entry(r.part)!.name;
        const t = await readTable(pkg, tpath);
        lp.maxTableId = Math.max(lp.maxTableId, t.id);
        tables.push({ t, path: tpath });
      }
    const focusTable = options.focus
      ? tables.find(
          (x) => x.t.name.toLowerCase() === options.focus!.table.toLowerCase(),
        )
      : undefined;
    const isLog = listed.name.toLowerCase() === LOG_SHEET_NAME.toLowerCase();
    const keepAll = () => true;
    let onRow = (row: number, cells: ParsedCell[]) =>
      store(sheet, styles, pending, row, cells, keepAll);
    if (focusTable && options.focus) {
      const { rect } = focusTable.t;
      const focus = options.focus;
      let keyCol = -1;
      onRow = (row, cells) => {
        if (row === rect.r0) {
          store(sheet, styles, pending, row, cells, keepAll);
          const headers: string[] = [];
          for (let c = rect.c0; c <= rect.c1; c++) {
            const v = sheet.cells.value(row, c);
            headers.push(v === undefined ? "" : String(v));
          }
          const k =
            findColumns(headers).index[focus.column as "RunID"] ??
            headers.indexOf(focus.column);
          keyCol = k >= 0 ? rect.c0 + k : -1;
          return;
        }
        if (row < rect.r0 || row > rect.r1 || keyCol < 0)
          return store(sheet, styles, pending, row, cells, keepAll);
        const key = cells.find((c) => c.col === keyCol);
        const match =
          focus.value !== null &&
          key?.value !== undefined &&
          String(key.value) === focus.value;
        store(
          sheet,
          styles,
          pending,
          row,
          cells,
          match ? (c) => c >= rect.c0 && c <= rect.c1 : (c) => c === keyCol,
        );
      };
    }
    // The log sheet's text is kept: its untouched cells are written back as they were.
    const xml = isLog ? decodeText(await pkg.bytes(path)) : undefined;
    const info = await readSheet(pkg, path, sst, system, onRow);
    applyProtection(sheet, info.protection);
    for (const { t, path: tpath } of tables) {
      if (t.headerRowCount !== 1 || t.totalsRowCount > 1) {
        // Tables without a header row (or with more than Excel's one total row) are not modelled
        // (simulator README); they stay as they are.
        lp.headerless.push({ table: t.name, sheet: listed.name, path: tpath });
        continue;
      }
      const rect = { ...t.rect };
      const table = new SimTable(
        book.nextId(),
        t.name,
        sheet,
        rect,
        t.columns.map((name, i) => ({ id: i + 1, name })),
      );
      table.showTotals = t.totalsRowCount === 1; // the last row of rect, as Table.showTotals
      book.tables.push(table);
      lp.tables.set(table, {
        path: tpath,
        name: t.name,
        rect: { ...rect },
        columns: JSON.stringify(table.columns),
      });
    }
    // After the second pass over the shared strings: what the sheet holds as loaded.
    finishers.push(() => {
      const loaded: LoadedSheet = {
        path,
        partial: !!focusTable,
        changesAtLoad: sheet.cells.changes,
        protectionAtLoad: protectionKey(sheet),
        xml,
      };
      if (isLog) {
        loaded.cellsAtLoad = new Map();
        sheet.cells.forEachRow((r, lastCol) => {
          for (let c = 0; c <= lastCol; c++) {
            const snap = sheet.cells.snapshot(r, c);
            if (
              snap.value !== undefined ||
              snap.formula ||
              snap.numberFormat !== "General"
            )
              loaded.cellsAtLoad!.set(`${r},${c}`, cellsState(sheet, r, c));
          }
        });
      }
      lp.sheets.set(sheet, loaded);
    });
  }
  if (pending.length) {
    const texts = await readSharedStringsAt(
      pkg,
      sstPath,
      new Set(pending.map((p) => p.index)),
    );
    for (const p of pending)
      p.sheet.cells.setContent(p.row, p.col, {
        value: texts.get(p.index),
        formula: p.formula,
        quotePrefix: p.quotePrefix,
      });
  }
  for (const finish of finishers) finish();
  if (!book.liveSheets.length)
    throw new WorkbookFormatError(
      "the workbook has no worksheets",
      "not-workbook",
    );
  const active = worksheetTabs.find((s) => tabOf.get(s) === activeTab);
  const visible = book.liveSheets.find((s) => s.visibility === "Visible");
  const toActivate = active?.visibility === "Visible" ? active : visible;
  if (toActivate) book.activate(toActivate);
  return { book, loaded: lp };
}
