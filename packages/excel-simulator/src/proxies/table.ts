// Excel.TableCollection, Table, TableRowCollection, TableRow, TableColumnCollection, TableColumn.

import {
  checkShape,
  readValues,
  type Rect,
  rectRows,
  SimError,
  type SimSheet,
  type SimTable,
  type SimWorkbook,
  splitSheet,
  writeEntries,
} from "@sealed-run/workbook-model";
import type { SimContext } from "../context";
import { jsonBytes } from "../payload";
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
import { worksheetOf } from "./registry";

export function tableAlive(t: SimTable): void {
  if (t.deleted || t.sheet.deleted)
    throw new SimError("ItemNotFound", `Table ${t.name} no longer exists.`);
}

export interface TablesRef {
  book: SimWorkbook;
  /** Set for Worksheet.tables; unset for Workbook.tables. */
  sheet?: SimSheet;
}

/** Excel.TableCollection [ExcelApi 1.1]. */
export class TableCollectionProxy extends SimCollection<
  TablesRef,
  SimTable,
  TableProxy
> {
  readonly _className = "TableCollection";
  protected readonly _props: Record<string, PropSpec<TablesRef>> = {
    count: { read: (r) => this._members(r).length },
  };

  protected _members(ref: TablesRef): SimTable[] {
    return ref.book.liveTables.filter(
      (t) => !ref.sheet || t.sheet === ref.sheet,
    );
  }

  protected _itemFor(t: SimTable): TableProxy {
    return new TableProxy(
      this.context,
      { label: "TableCollection.items", resolve: () => t },
      t,
    );
  }

  /** [ExcelApi 1.1] By name (case-insensitive) or id; ItemNotFound at sync when missing. */
  getItem(key: string): TableProxy {
    return this.byKey("getItem", key);
  }

  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): TableProxy {
    requireApi(
      this.context,
      "ExcelApi",
      "1.4",
      "TableCollection.getItemOrNullObject",
    );
    return this.byKey("getItemOrNullObject", key);
  }

  private byKey(
    method: "getItem" | "getItemOrNullObject",
    key: string,
  ): TableProxy {
    return itemByKey(this, method, key, {
      item: TableProxy,
      find: (ref) =>
        this._members(ref).find(
          (t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key,
        ),
      notFound: () => `There is no table named "${key}".`,
    });
  }

  /** [ExcelApi 1.4] */
  getCount() {
    requireApi(this.context, "ExcelApi", "1.4", "TableCollection.getCount");
    return resultOp(
      this,
      "TableCollection.getCount",
      null,
      (r) => this._members(r).length,
    );
  }

  /**
   * [ExcelApi 1.1] Creates a table at sync. Workbook.tables takes "Sheet!A1:C1" (the active
   * sheet when no sheet is named); Worksheet.tables takes an address on that sheet.
   */
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    const label = `TableCollection.add(${typeof address === "string" ? JSON.stringify(address) : "Range"}, ${hasHeaders})`;
    this.context.assertOpen(label);
    if (typeof address !== "string" && address.context !== this.context) {
      throw new SimError("InvalidRequestContext", undefined, label);
    }
    return new TableProxy(this.context, {
      label,
      resolve: () => {
        const ref = this._refFor(label);
        let sheet: SimSheet;
        let rect: Rect;
        if (typeof address !== "string") {
          ({ sheet, rect } = address._refFor(label));
          if (ref.sheet && sheet !== ref.sheet)
            throw new SimError(
              "InvalidArgument",
              `${label}: the range is on another sheet.`,
              label,
            );
        } else {
          const named = splitSheet(address).sheet;
          sheet =
            ref.sheet ??
            (named !== undefined
              ? ref.book.sheet(named)
              : ref.book.activeSheet);
          rect = sheet.rect(address);
        }
        sheet.assertEditable("TableCollection.add");
        return ref.book.createTable(sheet, rect, hasHeaders);
      },
    });
  }
}

const TABLE_PROPS: Record<string, PropSpec<SimTable>> = {
  name: {
    read: (t) => t.name,
    write: (t, v) => {
      if (typeof v !== "string")
        throw new SimError("InvalidArgument", "Table.name must be a string.");
      t.sheet.book.validateTableName(v, t);
      t.name = v;
    },
  },
  id: { read: (t) => t.id },
  showHeaders: { read: (t) => t.showHeaders },
  showTotals: { read: (t) => t.showTotals },
};

/** Excel.Table [ExcelApi 1.1]. */
export class TableProxy extends SimObject<SimTable> {
  readonly _className = "Table";
  protected readonly _props = TABLE_PROPS;
  protected override readonly _navs: Record<string, () => SimObject<unknown>> =
    {
      worksheet: () => this.worksheet as unknown as SimObject<unknown>,
      rows: () => this.rows as unknown as SimObject<unknown>,
      columns: () => this.columns as unknown as SimObject<unknown>,
    };
  private _worksheet?: SimObject<SimSheet>;
  private _rows?: TableRowCollectionProxy;
  private _columns?: TableColumnCollectionProxy;

  constructor(ctx: SimContext, resolver: Resolver<SimTable>, pre?: SimTable) {
    super(ctx, { alive: tableAlive, ...resolver }, pre);
  }

  /** [ExcelApi 1.2] */
  get worksheet(): SimObject<SimSheet> {
    requireApi(this.context, "ExcelApi", "1.2", "Table.worksheet");
    this._worksheet ??= worksheetOf(this, "Table.worksheet");
    return this._worksheet;
  }

  /** [ExcelApi 1.1] */
  get rows(): TableRowCollectionProxy {
    this._rows ??= new TableRowCollectionProxy(this.context, {
      label: "Table.rows",
      resolve: () => this._resolveNow(),
    });
    return this._rows;
  }

  /** [ExcelApi 1.1] */
  get columns(): TableColumnCollectionProxy {
    this._columns ??= new TableColumnCollectionProxy(this.context, {
      label: "Table.columns",
      resolve: () => this._resolveNow(),
    });
    return this._columns;
  }

  private part(label: string, rect: (t: SimTable) => Rect): RangeProxy {
    return rangeFrom(this, label, (t) => t.sheet, rect);
  }

  /** [ExcelApi 1.1] Header, data and (absent) totals rows. */
  getRange(): RangeProxy {
    return this.part("Table.getRange", (t) => t.rect);
  }

  /** [ExcelApi 1.1] */
  getHeaderRowRange(): RangeProxy {
    return this.part("Table.getHeaderRowRange", (t) => t.headerRect);
  }

  /** [ExcelApi 1.1] */
  getDataBodyRange(): RangeProxy {
    return this.part("Table.getDataBodyRange", (t) => t.bodyRect);
  }
}

defineProps(TableProxy, Object.keys(TABLE_PROPS), ["name"]);

export interface RowRef {
  table: SimTable;
  index: number;
}

function rowRect(r: RowRef): Rect {
  const row = r.table.rect.r0 + 1 + r.index;
  return { r0: row, r1: row, c0: r.table.rect.c0, c1: r.table.rect.c1 };
}

function rowAlive(r: RowRef): void {
  tableAlive(r.table);
  if (r.index >= r.table.rowCount)
    throw new SimError(
      "ItemNotFound",
      `Table ${r.table.name} has no row ${r.index}.`,
    );
}

/** Excel.TableRowCollection [ExcelApi 1.1]. */
export class TableRowCollectionProxy extends SimCollection<
  SimTable,
  RowRef,
  TableRowProxy
> {
  readonly _className = "TableRowCollection";
  protected readonly _props: Record<string, PropSpec<SimTable>> = {
    count: { read: (t) => t.rowCount },
  };

  protected _members(t: SimTable): RowRef[] {
    return Array.from({ length: t.rowCount }, (_, index) => ({
      table: t,
      index,
    }));
  }

  protected _itemFor(r: RowRef): TableRowProxy {
    return new TableRowProxy(
      this.context,
      { label: "TableRowCollection.items", resolve: () => r },
      r,
    );
  }

  /**
   * [ExcelApi 1.1; several rows 1.4; alwaysInsert 1.15] Inserts rows at `index` (end when
   * omitted) and writes `values` through Excel's input parsing. Refused with AccessDenied on a
   * protected sheet. `values` must be a 2-D array (one inner array per new row).
   */
  add(
    index?: number | null,
    values?: unknown[][] | null,
    alwaysInsert?: boolean,
  ): TableRowProxy {
    const label = "TableRowCollection.add";
    if (alwaysInsert !== undefined)
      requireApi(this.context, "ExcelApi", "1.15", `${label} (alwaysInsert)`);
    if (Array.isArray(values) && values.length > 1)
      requireApi(this.context, "ExcelApi", "1.4", `${label} (several rows)`);
    if (values !== undefined && values !== null && !Array.isArray(values)) {
      throw new SimError(
        "NotImplemented",
        `${label}: the simulator takes values as a 2-D array only.`,
        label,
      );
    }
    this.context.assertOpen(label);
    const snapshot = values
      ? values.map((row) => (Array.isArray(row) ? [...row] : row))
      : values;
    const proxy = new TableRowProxy(
      this.context,
      {
        label,
        resolve: () => {
          const t = this._refFor(label);
          t.sheet.assertEditable(label);
          const rect = t.sheet.book.addTableRows(t, index, snapshot);
          return { table: t, index: rect.r0 - t.rect.r0 - 1 };
        },
      },
      undefined,
      jsonBytes(snapshot ?? null),
    );
    return proxy;
  }

  /** [ExcelApi 1.4] */
  getCount() {
    requireApi(this.context, "ExcelApi", "1.4", "TableRowCollection.getCount");
    return resultOp(
      this,
      "TableRowCollection.getCount",
      null,
      (t) => t.rowCount,
    );
  }

  /** [ExcelApi 1.1] */
  getItemAt(index: number): TableRowProxy {
    const label = `TableRowCollection.getItemAt(${index})`;
    this.context.assertOpen(label);
    return new TableRowProxy(this.context, {
      label,
      resolve: () => {
        const t = this._refFor(label);
        if (!Number.isInteger(index) || index < 0 || index >= t.rowCount) {
          throw new SimError(
            "ItemNotFound",
            `Table ${t.name} has no row ${index}.`,
            "TableRowCollection.getItemAt",
          );
        }
        return { table: t, index };
      },
    });
  }
}

const ROW_PROPS: Record<string, PropSpec<RowRef>> = {
  index: { read: (r) => r.index },
  values: {
    read: (r) => readValues(r.table.sheet.cells, rowRect(r)),
    write: (r, v) => {
      const sheet = r.table.sheet;
      sheet.assertEditable("TableRow.values");
      const rect = rowRect(r);
      writeEntries(
        sheet.cells,
        rect,
        checkShape(v, rect, "values"),
        sheet.book.dateSystem,
        "TableRow.values",
        sheet.name,
      );
    },
  },
};

/** Excel.TableRow [ExcelApi 1.1]: a fixed position in the table, not the data. */
export class TableRowProxy extends SimObject<RowRef> {
  readonly _className = "TableRow";
  protected readonly _props = ROW_PROPS;

  constructor(
    ctx: SimContext,
    resolver: Resolver<RowRef>,
    pre?: RowRef,
    extraRequestBytes = 0,
  ) {
    super(ctx, { alive: rowAlive, ...resolver }, pre, extraRequestBytes);
  }

  /** [ExcelApi 1.1] */
  getRange(): RangeProxy {
    return rangeFrom(this, "TableRow.getRange", (r) => r.table.sheet, rowRect);
  }
}

defineProps(TableRowCollectionProxy, ["count"]);
defineProps(TableRowProxy, Object.keys(ROW_PROPS), ["values"]);

export interface ColumnRef {
  table: SimTable;
  id: number;
}

function columnIndex(r: ColumnRef): number {
  const i = r.table.columns.findIndex((c) => c.id === r.id);
  if (i < 0)
    throw new SimError(
      "ItemNotFound",
      `Table ${r.table.name} has no column ${r.id}.`,
    );
  return i;
}

/** Excel.TableColumnCollection [ExcelApi 1.1]. */
export class TableColumnCollectionProxy extends SimCollection<
  SimTable,
  ColumnRef,
  TableColumnProxy
> {
  readonly _className = "TableColumnCollection";
  protected readonly _props: Record<string, PropSpec<SimTable>> = {
    count: { read: (t) => t.columns.length },
  };

  protected _members(t: SimTable): ColumnRef[] {
    return t.columns.map((c) => ({ table: t, id: c.id }));
  }

  protected _itemFor(r: ColumnRef): TableColumnProxy {
    return new TableColumnProxy(
      this.context,
      { label: "TableColumnCollection.items", resolve: () => r },
      r,
    );
  }

  /** [ExcelApi 1.1] By name (case-insensitive) or id. */
  getItem(key: number | string): TableColumnProxy {
    return this.byKey("getItem", key);
  }

  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: number | string): TableColumnProxy {
    requireApi(
      this.context,
      "ExcelApi",
      "1.4",
      "TableColumnCollection.getItemOrNullObject",
    );
    return this.byKey("getItemOrNullObject", key);
  }

  private byKey(
    method: "getItem" | "getItemOrNullObject",
    key: number | string,
  ): TableColumnProxy {
    return itemByKey(this, method, key, {
      item: TableColumnProxy,
      find: (t) => {
        const c =
          typeof key === "number"
            ? t.columns.find((x) => x.id === key)
            : t.columns.find(
                (x) =>
                  x.name.toLowerCase() === key.toLowerCase() ||
                  String(x.id) === key,
              );
        return c ? { table: t, id: c.id } : undefined;
      },
      notFound: (t) => `Table ${t.name} has no column "${key}".`,
    });
  }

  /** [ExcelApi 1.1] */
  getItemAt(index: number): TableColumnProxy {
    const label = `TableColumnCollection.getItemAt(${index})`;
    this.context.assertOpen(label);
    return new TableColumnProxy(this.context, {
      label,
      resolve: () => {
        const t = this._refFor(label);
        const c = t.columns[index];
        if (!c)
          throw new SimError(
            "ItemNotFound",
            `Table ${t.name} has no column ${index}.`,
            "TableColumnCollection.getItemAt",
          );
        return { table: t, id: c.id };
      },
    });
  }

  /** [ExcelApi 1.4] */
  getCount() {
    requireApi(
      this.context,
      "ExcelApi",
      "1.4",
      "TableColumnCollection.getCount",
    );
    return resultOp(
      this,
      "TableColumnCollection.getCount",
      null,
      (t) => t.columns.length,
    );
  }
}

const COLUMN_PROPS: Record<string, PropSpec<ColumnRef>> = {
  id: { read: (r) => r.id },
  index: { read: (r) => columnIndex(r) },
  name: {
    read: (r) => r.table.columns[columnIndex(r)].name,
    write: (r, v) => {
      if (typeof v !== "string")
        throw new SimError(
          "InvalidArgument",
          "TableColumn.name must be a string.",
        );
      const sheet = r.table.sheet;
      sheet.assertEditable("TableColumn.name");
      const header = r.table.columnRect(columnIndex(r), "header");
      sheet.cells.setContent(header.r0, header.c0, { value: v });
      sheet.book.syncTableHeaders(sheet, header);
    },
  },
  values: {
    read: (r) =>
      readValues(
        r.table.sheet.cells,
        r.table.columnRect(columnIndex(r), "all"),
      ),
    cells: (r) => rectRows(r.table.rect),
  },
};

/** Excel.TableColumn [ExcelApi 1.1]. */
export class TableColumnProxy extends SimObject<ColumnRef> {
  readonly _className = "TableColumn";
  protected readonly _props = COLUMN_PROPS;

  constructor(ctx: SimContext, resolver: Resolver<ColumnRef>, pre?: ColumnRef) {
    super(
      ctx,
      { alive: (r) => (tableAlive(r.table), void columnIndex(r)), ...resolver },
      pre,
    );
  }

  private part(label: string, which: "all" | "body" | "header"): RangeProxy {
    return rangeFrom(
      this,
      label,
      (r) => r.table.sheet,
      (r) => r.table.columnRect(columnIndex(r), which),
    );
  }

  /** [ExcelApi 1.1] */
  getRange(): RangeProxy {
    return this.part("TableColumn.getRange", "all");
  }

  /** [ExcelApi 1.1] */
  getDataBodyRange(): RangeProxy {
    return this.part("TableColumn.getDataBodyRange", "body");
  }

  /** [ExcelApi 1.1] */
  getHeaderRowRange(): RangeProxy {
    return this.part("TableColumn.getHeaderRowRange", "header");
  }
}

defineProps(TableColumnCollectionProxy, ["count"]);
defineProps(TableCollectionProxy, ["count"]);
defineProps(TableColumnProxy, Object.keys(COLUMN_PROPS), ["name"]);
