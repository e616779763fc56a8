// Excel.Worksheet, Excel.WorksheetCollection and Excel.WorksheetProtection.

import {
  MAX_COLS,
  MAX_ROWS,
  type ProtectionOptions,
  type Rect,
  SimError,
  type SimSheet,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import type { SimContext } from "../context";
import { OP_OVERHEAD, jsonBytes } from "../payload";
import {
  SimCollection,
  SimObject,
  defineProps,
  itemByKey,
  requireApi,
  resultOp,
  type PropSpec,
  type Resolver,
} from "./base";
import { RangeProxy, rangeFrom } from "./range";
import { registerWorksheetProxy } from "./registry";
import { TableCollectionProxy } from "./table";

export function sheetAlive(sheet: SimSheet): void {
  if (sheet.deleted)
    throw new SimError("ItemNotFound", `Sheet ${sheet.name} was deleted.`);
}

const WORKSHEET_PROPS: Record<string, PropSpec<SimSheet>> = {
  name: {
    read: (s) => s.name,
    write: (s, v) => {
      if (typeof v !== "string")
        throw new SimError(
          "InvalidArgument",
          "Worksheet.name must be a string.",
        );
      s.book.validateSheetName(v, s);
      s.name = v;
    },
  },
  id: { read: (s) => s.id },
  position: { read: (s) => s.book.liveSheets.indexOf(s) },
  visibility: { read: (s) => s.visibility },
};

/** Excel.Worksheet [ExcelApi 1.1]. */
export class WorksheetProxy extends SimObject<SimSheet> {
  readonly _className = "Worksheet";
  protected readonly _props = WORKSHEET_PROPS;
  protected override readonly _navs: Record<string, () => SimObject<unknown>> =
    {
      protection: () => this.protection as unknown as SimObject<unknown>,
      tables: () => this.tables as unknown as SimObject<unknown>,
    };
  private _protection?: WorksheetProtectionProxy;
  private _tables?: TableCollectionProxy;

  constructor(ctx: SimContext, resolver: Resolver<SimSheet>, pre?: SimSheet) {
    super(ctx, { alive: sheetAlive, ...resolver }, pre);
  }

  private range(
    label: string,
    rect: (sheet: SimSheet) => Rect | null,
  ): RangeProxy {
    return rangeFrom(this, label, (sheet) => sheet, rect);
  }

  /** [ExcelApi 1.2] */
  get protection(): WorksheetProtectionProxy {
    requireApi(this.context, "ExcelApi", "1.2", "Worksheet.protection");
    this._protection ??= new WorksheetProtectionProxy(this.context, {
      label: "Worksheet.protection",
      resolve: () => this._resolveNow(),
    });
    return this._protection;
  }

  /** [ExcelApi 1.1] */
  get tables(): TableCollectionProxy {
    this._tables ??= new TableCollectionProxy(this.context, {
      label: "Worksheet.tables",
      resolve: () => {
        const sheet = this._resolveNow();
        return sheet ? { book: sheet.book, sheet } : null;
      },
    });
    return this._tables;
  }

  /** [ExcelApi 1.1] No address = the whole sheet. */
  getRange(address?: string): RangeProxy {
    return this.range("Worksheet.getRange", (sheet) =>
      address === undefined || address === ""
        ? { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 }
        : sheet.rect(address),
    );
  }

  /** [ExcelApi 1.7] */
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): RangeProxy {
    const label = "Worksheet.getRangeByIndexes";
    requireApi(this.context, "ExcelApi", "1.7", label);
    return this.range(label, () => {
      const ints = [startRow, startColumn, rowCount, columnCount];
      if (
        !ints.every((n) => Number.isInteger(n)) ||
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1
      ) {
        throw new SimError(
          "InvalidArgument",
          `${label}(${ints.join(", ")}) is not a valid range.`,
          label,
        );
      }
      const r: Rect = {
        r0: startRow,
        c0: startColumn,
        r1: startRow + rowCount - 1,
        c1: startColumn + columnCount - 1,
      };
      if (r.r1 >= MAX_ROWS || r.c1 >= MAX_COLS)
        throw new SimError(
          "InvalidArgument",
          `${label}: beyond the sheet.`,
          label,
        );
      return r;
    });
  }

  /** [ExcelApi 1.1] */
  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexesUnchecked("Worksheet.getCell", row, column);
  }

  private getRangeByIndexesUnchecked(
    label: string,
    row: number,
    column: number,
  ): RangeProxy {
    return this.range(label, () => {
      if (
        !Number.isInteger(row) ||
        !Number.isInteger(column) ||
        row < 0 ||
        column < 0 ||
        row >= MAX_ROWS ||
        column >= MAX_COLS
      ) {
        throw new SimError(
          "InvalidArgument",
          `${label}(${row}, ${column}) is outside the sheet.`,
          label,
        );
      }
      return { r0: row, c0: column, r1: row, c1: column };
    });
  }

  /** [ExcelApi 1.1] The used range; A1 when the sheet is empty (as Excel returns). */
  getUsedRange(valuesOnly = false): RangeProxy {
    return this.range(
      "Worksheet.getUsedRange",
      (sheet) => sheet.usedRect(valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
    );
  }

  /** [ExcelApi 1.4] Null object when the sheet is empty. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    requireApi(
      this.context,
      "ExcelApi",
      "1.4",
      "Worksheet.getUsedRangeOrNullObject",
    );
    return this.range("Worksheet.getUsedRangeOrNullObject", (sheet) =>
      sheet.usedRect(valuesOnly),
    );
  }

  /** [ExcelApi 1.1] */
  activate(): void {
    const label = "Worksheet.activate";
    this.context.assertOpen(label);
    this._enqueue(label, OP_OVERHEAD, () => {
      const sheet = this._refFor(label);
      sheet.book.activate(sheet);
    });
  }
}

defineProps(WorksheetProxy, Object.keys(WORKSHEET_PROPS), ["name"]);
registerWorksheetProxy(
  (context, resolver) => new WorksheetProxy(context, resolver),
);

/** Excel.WorksheetCollection [ExcelApi 1.1]. */
export class WorksheetCollectionProxy extends SimCollection<
  SimWorkbook,
  SimSheet,
  WorksheetProxy
> {
  readonly _className = "WorksheetCollection";
  protected readonly _props: Record<string, PropSpec<SimWorkbook>> = {};

  protected _members(book: SimWorkbook): SimSheet[] {
    return book.liveSheets;
  }

  protected _itemFor(sheet: SimSheet): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      { label: "WorksheetCollection.items", resolve: () => sheet },
      sheet,
    );
  }

  /** [ExcelApi 1.1] By name (case-insensitive) or id; ItemNotFound at sync when missing. */
  getItem(key: string): WorksheetProxy {
    return this.byKey("getItem", key);
  }

  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): WorksheetProxy {
    requireApi(
      this.context,
      "ExcelApi",
      "1.4",
      "WorksheetCollection.getItemOrNullObject",
    );
    return this.byKey("getItemOrNullObject", key);
  }

  private byKey(
    method: "getItem" | "getItemOrNullObject",
    key: string,
  ): WorksheetProxy {
    return itemByKey(this, method, key, {
      item: WorksheetProxy,
      find: (book) =>
        book.findSheet(key) ?? book.liveSheets.find((s) => s.id === key),
      notFound: () => `There is no worksheet named "${key}".`,
    });
  }

  /** [ExcelApi 1.1] The sheet is created at sync; a duplicate name fails with ItemAlreadyExists. */
  add(name?: string): WorksheetProxy {
    const label = `WorksheetCollection.add(${JSON.stringify(name ?? "")})`;
    this.context.assertOpen(label);
    return new WorksheetProxy(this.context, {
      label,
      resolve: () => this._refFor(label).addSheet(name),
    });
  }

  /** [ExcelApi 1.1] */
  getActiveWorksheet(): WorksheetProxy {
    const label = "WorksheetCollection.getActiveWorksheet";
    this.context.assertOpen(label);
    return new WorksheetProxy(this.context, {
      label,
      resolve: () => this._refFor(label).activeSheet,
    });
  }

  /** [ExcelApi 1.4] */
  getCount() {
    requireApi(this.context, "ExcelApi", "1.4", "WorksheetCollection.getCount");
    return resultOp(
      this,
      "WorksheetCollection.getCount",
      null,
      (b) => b.liveSheets.length,
    );
  }
}

const PROTECTION_PROPS: Record<string, PropSpec<SimSheet>> = {
  protected: { read: (s) => s.protection.protected },
  options: { read: (s) => ({ ...s.protection.options }) },
  isPasswordProtected: {
    read: (s) => s.protection.protected && s.protection.password !== undefined,
    explicitOnly: true,
  },
};

/** Excel.WorksheetProtection [ExcelApi 1.2; passwords 1.7]. */
export class WorksheetProtectionProxy extends SimObject<SimSheet> {
  readonly _className = "WorksheetProtection";
  protected readonly _props = PROTECTION_PROPS;

  constructor(ctx: SimContext, resolver: Resolver<SimSheet>) {
    super(ctx, { alive: sheetAlive, ...resolver });
  }

  /** Fails (AccessDenied) when the sheet is already protected. */
  protect(options?: ProtectionOptions, password?: string): void {
    const label = "WorksheetProtection.protect";
    if (password !== undefined)
      requireApi(this.context, "ExcelApi", "1.7", `${label} (password)`);
    this.context.assertOpen(label);
    this._enqueue(
      label,
      jsonBytes(options ?? null) + jsonBytes(password ?? null),
      () => this._refFor(label).protect(options ?? {}, password),
    );
  }

  /** Fails when the sheet is not protected (AccessDenied) or the password is wrong (InvalidArgument). */
  unprotect(password?: string): void {
    const label = "WorksheetProtection.unprotect";
    if (password !== undefined)
      requireApi(this.context, "ExcelApi", "1.7", `${label} (password)`);
    this.context.assertOpen(label);
    this._enqueue(label, jsonBytes(password ?? null), () =>
      this._refFor(label).unprotect(password),
    );
  }
}

defineProps(WorksheetProtectionProxy, Object.keys(PROTECTION_PROPS));
