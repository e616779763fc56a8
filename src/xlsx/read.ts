// Reading a workbook package into the Excel simulator's model, as Excel, LibreOffice and Google
// Sheets write it, so that the CLI and the workbench drive the add-in's own workflows on it. What
// was read is remembered (LoadedPackage) so that saving writes back only what the workflows changed.
import {
  type DateSystem,
  type SimSheet,
  SimTable,
  SimWorkbook,
} from "@sealed-run/workbook-model";
import { WorkbookFormatError } from "./errors";
import {
  cellsState,
  LEGACY_PARTS_SHEET,
  KEYS_TABLE_NAME,
  LOG_SHEET_NAME,
  type LoadedPackage,
  type LoadedSheet,
  type LoadOptions,
} from "./loadedPackage";
import { readContentTypes, readRels } from "./package";
import { rowReader, type PendingString } from "./rowReader";
import { readSharedStrings, readSharedStringsAt } from "./sharedStrings";
import { readSheet } from "./sheetXml";
import { readTable, type ParsedTable } from "./tableXml";
import { applyProtection, protectionKey } from "./sheetProtectionRead";
import { readStyles } from "./styles";
import { checkKind } from "./workbookKind";
import { decodeText, parsePart } from "./xml";
import { ZipPackage } from "./zip";
import { readCustomXml, readLegacyParts } from "./customXmlRead";

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
    const writable =
      listed.name.toLowerCase() === LOG_SHEET_NAME.toLowerCase() ||
      tables.some(
        (x) => x.t.name.toLowerCase() === KEYS_TABLE_NAME.toLowerCase(),
      );
    const onRow = rowReader(
      sheet,
      styles,
      pending,
      focusTable && options.focus
        ? {
            rect: focusTable.t.rect,
            column: options.focus.column,
            value: options.focus.value,
          }
        : undefined,
    );
    // A sheet the writer may rewrite keeps its text: its untouched cells are written back as they were.
    const xml = writable ? decodeText(await pkg.bytes(path)) : undefined;
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
      if (writable) {
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
