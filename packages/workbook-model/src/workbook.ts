// The simulated workbook: sheets, cells, tables, selection, custom XML parts, protection and the
// date system. This is the state the Office.js proxies read and write at sync time, and what
// tests and the workbench set up and inspect directly.

import {
  MAX_ROWS,
  formatAddress,
  intersect,
  parseA1,
  rectCols,
  rectRows,
  splitSheet,
  type Rect,
} from "./address";
import { SheetCells, type Scalar } from "./cells";
import type { DateSystem } from "./dates";
import { SimError, type SimErrorCode } from "./errors";
import { displayText } from "./numfmt";
import {
  hashPassword,
  passwordMatches,
  type ProtectionOptions,
  type SheetProtection,
} from "./protection";
import {
  checkShape,
  readFormulas,
  readNumberFormats,
  readText,
  readValueTypes,
  readValues,
  writeEntries,
  type ValueType,
} from "./rangeData";
import { newPartId, rootNamespace } from "./xmlParts";

/** A cell as a test or the workbench sees it. */
export interface CellView {
  address: string;
  /** As Range.values returns it ("" for empty, the error string for errors). */
  value: Scalar;
  /** As Range.formulas returns it. */
  formula: Scalar;
  numberFormat: string;
  text: string;
  valueType: ValueType;
  /** The string was entered with a leading apostrophe. */
  quotePrefix: boolean;
}

/** Raw cell content for fixtures: stored as given, without Excel's input parsing. */
export type CellInput =
  Scalar | null | { error: string } | { formula: string; value: Scalar };

export class SimSheet {
  readonly cells = new SheetCells();
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protection: SheetProtection = { protected: false, options: {} };
  /** The selected areas when this sheet is active (Excel remembers a selection per sheet). */
  selection: Rect[] = [{ r0: 0, c0: 0, r1: 0, c1: 0 }];
  deleted = false;
  /** Rows hidden by hand or by a filter (0-based), README rule 15: Range.rowHidden reads them. */
  readonly hiddenRows = new Set<number>();

  constructor(
    readonly book: SimWorkbook,
    readonly id: string,
    public name: string,
  ) {}

  /** Parses an address on this sheet; a sheet prefix must name this sheet. */
  rect(address: string): Rect {
    const { sheet, ref } = splitSheet(address);
    if (
      sheet !== undefined &&
      sheet.toLowerCase() !== this.name.toLowerCase()
    ) {
      throw new SimError(
        "InvalidArgument",
        `"${address}" is not on sheet ${this.name}.`,
      );
    }
    return parseA1(ref);
  }

  address(rect: Rect): string {
    return formatAddress(this.name, rect);
  }

  /** One cell, for inspection: `book.sheet("Log").cell("B2").text`. */
  cell(address: string): CellView {
    const rect = this.rect(address);
    const one: Rect = { r0: rect.r0, c0: rect.c0, r1: rect.r0, c1: rect.c0 };
    const system = this.book.dateSystem;
    return {
      address: this.address(one),
      value: readValues(this.cells, one)[0][0],
      formula: readFormulas(this.cells, one)[0][0],
      numberFormat: this.cells.numberFormat(one.r0, one.c0),
      text: readText(this.cells, one, system)[0][0],
      valueType: readValueTypes(this.cells, one)[0][0],
      quotePrefix: this.cells.quotePrefix(one.r0, one.c0),
    };
  }

  /** Range.values of an address, for inspection. */
  values(address: string): Scalar[][] {
    return readValues(this.cells, this.rect(address));
  }

  text(address: string): string[][] {
    return readText(this.cells, this.rect(address), this.book.dateSystem);
  }

  numberFormats(address: string): string[][] {
    return readNumberFormats(this.cells, this.rect(address));
  }

  /**
   * Fixture setup: stores values exactly as given (a string stays a string, whatever it looks
   * like), optionally with number formats. Ignores protection.
   */
  setCells(
    address: string,
    values: CellInput[][],
    numberFormat?: string | string[][],
  ): void {
    const rect = this.rect(address);
    checkShape(values, rect, "values");
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        if (v === null) return;
        if (typeof v === "object" && "error" in v)
          this.cells.setContent(r, c, { value: v.error, isError: true });
        else if (typeof v === "object")
          this.cells.setContent(r, c, { value: v.value, formula: v.formula });
        else this.cells.setContent(r, c, { value: v === "" ? undefined : v });
      }),
    );
    if (numberFormat !== undefined) this.setNumberFormat(address, numberFormat);
    this.book.syncTableHeaders(this, rect);
  }

  /** Fixture setup: enters values the way a user typing them would (apostrophes, "=…", dates). */
  enter(address: string, values: Scalar[][]): void {
    const rect = this.rect(address);
    writeEntries(
      this.cells,
      rect,
      checkShape(values, rect, "values"),
      this.book.dateSystem,
      "enter",
      this.name,
    );
    this.book.syncTableHeaders(this, rect);
  }

  setNumberFormat(address: string, format: string | string[][]): void {
    const rect = this.rect(address);
    for (let i = 0; i < rectRows(rect); i++) {
      for (let j = 0; j < rectCols(rect); j++) {
        const f = typeof format === "string" ? format : format[i][j];
        this.cells.setNumberFormat(rect.r0 + i, rect.c0 + j, f);
      }
    }
  }

  get tables(): SimTable[] {
    return this.book.tables.filter((t) => t.sheet === this && !t.deleted);
  }

  protect(options: ProtectionOptions = {}, password?: string): void {
    if (this.protection.protected) {
      // Documented: "Fails if the worksheet has already been protected"; code per office-js#6784.
      throw new SimError(
        "AccessDenied",
        `Sheet ${this.name} is already protected.`,
        "WorksheetProtection.protect",
      );
    }
    this.protection = {
      protected: true,
      options: { ...options },
      password: password
        ? hashPassword(password, this.book.passwordSpinCount)
        : undefined,
    };
  }

  unprotect(password?: string): void {
    if (!this.protection.protected) {
      // office-js#6784: current Excel rejects unprotect() on an unprotected sheet with AccessDenied.
      throw new SimError(
        "AccessDenied",
        `Sheet ${this.name} is not protected.`,
        "WorksheetProtection.unprotect",
      );
    }
    const hash = this.protection.password;
    if (hash && (password === undefined || !passwordMatches(hash, password))) {
      // As documented for pauseProtection(password): a wrong password is an InvalidArgument.
      throw new SimError(
        "InvalidArgument",
        `Wrong password; sheet ${this.name} stays protected.`,
        "WorksheetProtection.unprotect",
      );
    }
    this.protection = { protected: false, options: this.protection.options };
  }

  /** AccessDenied unless the sheet is unprotected (or the option allows the change). */
  assertEditable(what: string, allowedBy?: keyof ProtectionOptions): void {
    if (this.deleted)
      throw new SimError(
        "ItemNotFound",
        `Sheet ${this.name} was deleted.`,
        what,
      );
    if (!this.protection.protected) return;
    if (allowedBy && this.protection.options[allowedBy] === true) return;
    throw new SimError(
      "AccessDenied",
      `Sheet ${this.name} is protected; ${what} was refused.`,
      what,
    );
  }

  usedRect(valuesOnly = false): Rect | null {
    return this.cells.usedRect(valuesOnly);
  }
}

export interface TableColumn {
  id: number;
  name: string;
}

export class SimTable {
  deleted = false;
  /** Table.showHeaders (README rule 15): only the flag is modelled; the header row stays in `rect`. */
  showHeaders = true;
  /** Table.showTotals: the last row of `rect` is the totals row, not part of the body. */
  showTotals = false;

  constructor(
    readonly id: string,
    public name: string,
    readonly sheet: SimSheet,
    /** The whole table: header row plus data rows (tables here always show their header row). */
    public rect: Rect,
    public columns: TableColumn[],
  ) {}

  get headerRect(): Rect {
    return { ...this.rect, r1: this.rect.r0 };
  }

  get bodyRect(): Rect {
    return {
      ...this.rect,
      r0: this.rect.r0 + 1,
      r1: this.rect.r1 - (this.showTotals ? 1 : 0),
    };
  }

  get rowCount(): number {
    return rectRows(this.rect) - 1 - (this.showTotals ? 1 : 0);
  }

  columnRect(index: number, part: "all" | "body" | "header"): Rect {
    const c = this.rect.c0 + index;
    const r0 = part === "body" ? this.rect.r0 + 1 : this.rect.r0;
    const r1 = part === "header" ? this.rect.r0 : this.rect.r1;
    return { r0, r1, c0: c, c1: c };
  }
}

export class SimCustomXmlPart {
  deleted = false;
  constructor(
    readonly id: string,
    public namespaceUri: string,
    public xml: string,
  ) {}
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/;
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

export class SimWorkbook {
  /** File name, as Workbook.name returns it. */
  name = "Book1.xlsx";
  readonly sheets: SimSheet[] = [];
  readonly tables: SimTable[] = [];
  readonly customXmlParts: SimCustomXmlPart[] = [];
  date1904 = false;
  /** Spin count used when a password is set here (Excel uses 100,000). */
  passwordSpinCount = 100_000;
  /** How many times Workbook.save() ran. */
  saveCount = 0;
  /**
   * Saves that will fail, in order (README rule 11): Workbook.save reports an error (a file
   * name taken, the file locked, the service away) after the writes before it were applied.
   */
  readonly saveFailures: { code: SimErrorCode; message?: string }[] = [];
  private active?: SimSheet;
  private ids = 0;
  private editMode = false;
  private editModeWaiters: (() => void)[] = [];

  constructor(
    options: { sheets?: string[]; name?: string; date1904?: boolean } = {},
  ) {
    if (options.name) this.name = options.name;
    if (options.date1904) this.date1904 = true;
    for (const s of options.sheets ?? []) this.addSheet(s);
  }

  get dateSystem(): DateSystem {
    return this.date1904 ? 1904 : 1900;
  }

  nextId(): string {
    return String(++this.ids);
  }

  // ---- sheets ----------------------------------------------------------------------------

  get liveSheets(): SimSheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  findSheet(name: string): SimSheet | undefined {
    const lower = name.toLowerCase();
    return this.liveSheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** The sheet named `name` (case-insensitive), for setup and inspection. */
  sheet(name: string): SimSheet {
    const s = this.findSheet(name);
    if (!s) throw new SimError("ItemNotFound", `No sheet named "${name}".`);
    return s;
  }

  validateSheetName(name: string, except?: SimSheet): void {
    if (
      !name ||
      name.length > 31 ||
      SHEET_NAME_FORBIDDEN.test(name) ||
      /^'|'$/.test(name)
    ) {
      throw new SimError(
        "InvalidArgument",
        `"${name}" is not a valid sheet name.`,
      );
    }
    const clash = this.findSheet(name);
    if (clash && clash !== except)
      throw new SimError(
        "ItemAlreadyExists",
        `A sheet named "${name}" already exists.`,
      );
  }

  addSheet(name?: string): SimSheet {
    let n = this.liveSheets.length + 1;
    let finalName = name;
    if (finalName === undefined) {
      while (this.findSheet(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    this.validateSheetName(finalName);
    const sheet = new SimSheet(this, `{SHEET-${this.nextId()}}`, finalName);
    this.sheets.push(sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  get activeSheet(): SimSheet {
    if (!this.active || this.active.deleted) {
      const first =
        this.liveSheets.find((s) => s.visibility === "Visible") ??
        this.liveSheets[0];
      if (!first)
        throw new SimError("ItemNotFound", "The workbook has no worksheets.");
      this.active = first;
    }
    return this.active;
  }

  activate(sheet: SimSheet): void {
    if (sheet.visibility !== "Visible") {
      throw new SimError(
        "InvalidOperation",
        `Sheet ${sheet.name} is hidden and cannot be activated.`,
      );
    }
    this.active = sheet;
  }

  /** Makes `sheetName` active with the given areas selected (several addresses = several areas). */
  select(sheetName: string, ...addresses: string[]): void {
    const sheet = this.sheet(sheetName);
    if (!addresses.length)
      throw new SimError(
        "InvalidArgument",
        "select() needs at least one address.",
      );
    sheet.selection = addresses.map((a) => sheet.rect(a));
    this.activate(sheet);
  }

  protectSheet(
    sheetName: string,
    password?: string,
    options: ProtectionOptions = {},
  ): void {
    this.sheet(sheetName).protect(options, password);
  }

  // ---- tables ----------------------------------------------------------------------------

  get liveTables(): SimTable[] {
    return this.tables.filter((t) => !t.deleted && !t.sheet.deleted);
  }

  findTable(name: string): SimTable | undefined {
    const lower = name.toLowerCase();
    return this.liveTables.find(
      (t) => t.name.toLowerCase() === lower || t.id === name,
    );
  }

  table(name: string): SimTable {
    const t = this.findTable(name);
    if (!t) throw new SimError("ItemNotFound", `No table named "${name}".`);
    return t;
  }

  validateTableName(name: string, except?: SimTable): void {
    const looksLikeCell =
      /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[RrCc]$/.test(name);
    if (!TABLE_NAME.test(name) || looksLikeCell) {
      throw new SimError(
        "InvalidArgument",
        `"${name}" is not a valid table name.`,
      );
    }
    const clash = this.findTable(name);
    if (clash && clash !== except)
      throw new SimError(
        "ItemAlreadyExists",
        `A table named "${name}" already exists.`,
      );
  }

  /**
   * Creates a table the way Worksheet.tables.add does. With headers, the first row's text
   * becomes the column names and a header-only range gets one empty data row; without, Excel
   * inserts a header row of "Column1", "Column2", … above the data.
   */
  createTable(
    sheet: SimSheet,
    rect: Rect,
    hasHeaders: boolean,
    name?: string,
  ): SimTable {
    const cols = rectCols(rect);
    let r = { ...rect };
    for (const t of this.liveTables) {
      if (t.sheet === sheet && intersect(t.rect, r)) {
        throw new SimError(
          "InvalidOperation",
          `The range overlaps table ${t.name}.`,
          "TableCollection.add",
        );
      }
    }
    if (!hasHeaders) {
      this.insertCells(sheet, r.r0, 1, r.c0, r.c1);
      r = { ...r, r1: r.r1 + 1 };
      const header = Array.from({ length: cols }, (_, j) => `Column${j + 1}`);
      for (let j = 0; j < cols; j++)
        sheet.cells.setContent(r.r0, r.c0 + j, { value: header[j] });
    } else if (rectRows(r) === 1) {
      if (r.r1 + 1 >= MAX_ROWS)
        throw new SimError(
          "InvalidArgument",
          "No room for a data row.",
          "TableCollection.add",
        );
      r = { ...r, r1: r.r1 + 1 };
    }
    let tableName = name;
    if (tableName === undefined) {
      let n = 1;
      while (this.findTable(`Table${n}`)) n++;
      tableName = `Table${n}`;
    }
    this.validateTableName(tableName);
    const table = new SimTable(this.nextId(), tableName, sheet, r, []);
    this.tables.push(table);
    this.syncTableHeaders(sheet, table.headerRect);
    return table;
  }

  /** Setup helper: `book.addTable("PATCH_LOG", "A1:M1", { name: "PatchLogTable" })`. */
  addTable(
    sheetName: string,
    address: string,
    options: { name?: string; hasHeaders?: boolean } = {},
  ): SimTable {
    const sheet = this.sheet(sheetName);
    return this.createTable(
      sheet,
      sheet.rect(address),
      options.hasHeaders ?? true,
      options.name,
    );
  }

  /**
   * Header cells are the column names: after any write touching a header row, empty headers
   * become "ColumnN", numbers become text, and duplicates get a number appended, as in Excel.
   */
  syncTableHeaders(sheet: SimSheet, touched: Rect): void {
    for (const t of this.liveTables) {
      if (t.sheet !== sheet || !intersect(t.headerRect, touched)) continue;
      const used = new Set<string>();
      const cols: TableColumn[] = [];
      for (let j = 0; j < rectCols(t.rect); j++) {
        const c = t.rect.c0 + j;
        const raw = sheet.cells.value(t.rect.r0, c);
        let base =
          raw === undefined
            ? ""
            : displayText(
                raw,
                sheet.cells.numberFormat(t.rect.r0, c),
                this.dateSystem,
              );
        if (base === "") base = `Column${j + 1}`;
        let nameJ = base;
        for (let k = 2; used.has(nameJ.toLowerCase()); k++)
          nameJ = `${base}${k}`;
        used.add(nameJ.toLowerCase());
        if (raw !== nameJ)
          sheet.cells.setContent(t.rect.r0, c, { value: nameJ });
        const prev = t.columns[j];
        cols.push({ id: prev?.id ?? j + 1, name: nameJ });
      }
      t.columns = cols;
    }
  }

  /**
   * Inserts `count` empty rows at `atRow` in columns c0..c1, moving what is below down, the way
   * inserting table rows does. Tables below move with their cells; a table that straddles the
   * column span cannot be split, so that is refused like Excel's InsertDeleteConflict.
   */
  insertCells(
    sheet: SimSheet,
    atRow: number,
    count: number,
    c0: number,
    c1: number,
  ): void {
    const used = sheet.usedRect();
    if (used && used.r1 + count >= MAX_ROWS && used.c0 <= c1 && used.c1 >= c0) {
      throw new SimError(
        "InsertDeleteConflict",
        "Rows would be pushed off the end of the sheet.",
      );
    }
    const moving = this.liveTables.filter(
      (t) =>
        t.sheet === sheet &&
        t.rect.r0 >= atRow &&
        t.rect.c0 <= c1 &&
        t.rect.c1 >= c0,
    );
    for (const t of moving) {
      if (t.rect.c0 < c0 || t.rect.c1 > c1) {
        throw new SimError(
          "InsertDeleteConflict",
          `Table ${t.name} would be split by the insertion.`,
        );
      }
    }
    sheet.cells.insertRows(atRow, count, c0, c1);
    for (const t of moving)
      t.rect = { ...t.rect, r0: t.rect.r0 + count, r1: t.rect.r1 + count };
  }

  /**
   * Writing values directly below a table expands it over the rows written, as long as some
   * written cell under the table's columns holds something (README rule 14: "Setting the Range
   * values directly below the table automatically expands the table"; an empty row does not).
   */
  expandTablesBelow(sheet: SimSheet, written: Rect): void {
    for (const t of this.liveTables) {
      if (t.sheet !== sheet || t.showTotals || written.r0 !== t.rect.r1 + 1)
        continue;
      const c0 = Math.max(t.rect.c0, written.c0);
      const c1 = Math.min(t.rect.c1, written.c1);
      if (c0 > c1) continue;
      let last = -1;
      for (let r = written.r0; r <= written.r1; r++)
        for (let c = c0; c <= c1; c++) {
          const v = sheet.cells.value(r, c);
          if (v !== undefined && v !== null && v !== "") last = r;
        }
      if (last >= 0) t.rect = { ...t.rect, r1: last };
    }
  }

  /**
   * Co-authors editing a sheet (its tables or the cells below them), for README rule 14: while
   * one is, TableRowCollection.add on a table of that sheet fails with Conflict.
   */
  readonly coauthorsEditing = new Set<string>();

  /** TableRowCollection.add: inserts rows at `index` of the body (end when undefined). */
  addTableRows(
    table: SimTable,
    index: number | undefined | null,
    values: unknown[][] | undefined | null,
  ): Rect {
    const sheet = table.sheet;
    if (this.coauthorsEditing.has(sheet.name))
      throw new SimError(
        "Conflict",
        `Adding rows to table ${table.name} while a co-author edits ${sheet.name} makes a merge conflict (Excel asks every co-author to refresh). Write the values below the table instead.`,
        "TableRowCollection.add",
      );
    const cols = rectCols(table.rect);
    const count = values ? values.length : 1;
    if (values) {
      if (values.length === 0)
        throw new SimError(
          "InvalidArgument",
          "rows.add: values has no rows.",
          "TableRowCollection.add",
        );
      checkShape(
        values,
        { r0: 0, r1: count - 1, c0: 0, c1: cols - 1 },
        "values",
      );
    }
    const rowCount = table.rowCount;
    const at = index === undefined || index === null ? rowCount : index;
    if (!Number.isInteger(at) || at < 0 || at > rowCount) {
      throw new SimError(
        "InvalidArgument",
        `rows.add: index ${index} is outside 0..${rowCount}.`,
        "TableRowCollection.add",
      );
    }
    const firstRow = table.rect.r0 + 1 + at;
    // Parse before changing anything, so a refused value leaves the table as it was.
    const probe = {
      r0: firstRow,
      r1: firstRow + count - 1,
      c0: table.rect.c0,
      c1: table.rect.c1,
    };
    if (values) {
      const scratch = new SheetCells();
      writeEntries(
        scratch,
        probe,
        values,
        this.dateSystem,
        "TableRowCollection.add",
        sheet.name,
      );
    }
    this.insertCells(sheet, firstRow, count, table.rect.c0, table.rect.c1);
    // Tables above whose bodies end at the insertion point do not grow; this one does.
    table.rect = { ...table.rect, r1: table.rect.r1 + count };
    if (values)
      writeEntries(
        sheet.cells,
        probe,
        values,
        this.dateSystem,
        "TableRowCollection.add",
        sheet.name,
      );
    return probe;
  }

  // ---- custom XML parts ---------------------------------------------------------------------

  get liveParts(): SimCustomXmlPart[] {
    return this.customXmlParts.filter((p) => !p.deleted);
  }

  addCustomXmlPart(xml: string, id?: string): SimCustomXmlPart {
    const ns = rootNamespace(xml);
    const part = new SimCustomXmlPart(id ?? newPartId(), ns, xml);
    this.customXmlParts.push(part);
    return part;
  }

  findPart(id: string): SimCustomXmlPart | undefined {
    return this.liveParts.find((p) => p.id.toLowerCase() === id.toLowerCase());
  }

  // ---- cell-edit mode -----------------------------------------------------------------------

  /** Simulates the user typing in a cell: syncs fail or wait until this is turned off. */
  setCellEditMode(on: boolean): void {
    this.editMode = on;
    if (!on) {
      const waiters = this.editModeWaiters;
      this.editModeWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  get inCellEditMode(): boolean {
    return this.editMode;
  }

  whenCellEditEnds(): Promise<void> {
    if (!this.editMode) return Promise.resolve();
    return new Promise((resolve) => this.editModeWaiters.push(resolve));
  }
}
