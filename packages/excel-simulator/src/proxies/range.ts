// Excel.Range, Excel.RangeAreas and Excel.RangeCollection.

import {
  checkShape,
  formatAddress,
  inBounds,
  intersect,
  MAX_COLS,
  MAX_ROWS,
  readFormulas,
  readNumberFormats,
  readText,
  readValues,
  readValueTypes,
  type Rect,
  rectCells,
  rectCols,
  rectRows,
  type SheetCells,
  SimError,
  type SimSheet,
  writeEntries,
  writeNumberFormats,
} from "@sealed-run/workbook-model";
import type { SimContext } from "../context";
import {
  SimCollection,
  SimObject,
  defineProps,
  requireApi,
  resultOp,
  type PropSpec,
  type Resolver,
} from "./base";
import { worksheetOf } from "./registry";

export interface RangeRef {
  sheet: SimSheet;
  rect: Rect;
}

export function rangeAlive(ref: RangeRef): void {
  if (ref.sheet.deleted)
    throw new SimError("ItemNotFound", `Sheet ${ref.sheet.name} was deleted.`);
}

function checkIndex(label: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new SimError(
      "InvalidArgument",
      `${label}: ${name} must be an integer, got ${String(v)}.`,
      label,
    );
  }
  return v;
}

function bounded(label: string, r: Rect): Rect {
  if (!inBounds(r))
    throw new SimError(
      "InvalidArgument",
      `${label}: the result lies outside the worksheet.`,
      label,
    );
  return r;
}

/** Range.values and Range.formulas: a 2-D array read, written through Excel's input parsing. */
function cellEntries(
  name: "values" | "formulas",
  read: (cells: SheetCells, rect: Rect) => unknown[][],
): PropSpec<RangeRef> {
  const label = `Range.${name}`;
  return {
    read: (r) => read(r.sheet.cells, r.rect),
    cells: (r) => rectCells(r.rect),
    write: (r, v) => {
      r.sheet.assertEditable(label);
      writeEntries(
        r.sheet.cells,
        r.rect,
        checkShape(v, r.rect, name),
        r.sheet.book.dateSystem,
        label,
        r.sheet.name,
      );
      r.sheet.book.syncTableHeaders(r.sheet, r.rect);
      r.sheet.book.expandTablesBelow(r.sheet, r.rect);
    },
  };
}

const RANGE_PROPS: Record<string, PropSpec<RangeRef>> = {
  address: { read: (r) => formatAddress(r.sheet.name, r.rect) },
  addressLocal: { read: (r) => formatAddress(r.sheet.name, r.rect) },
  cellCount: { read: (r) => rectCells(r.rect) },
  rowCount: { read: (r) => rectRows(r.rect) },
  columnCount: { read: (r) => rectCols(r.rect) },
  rowIndex: { read: (r) => r.rect.r0 },
  /** [ExcelApi 1.2] true when all rows are hidden (by hand or a filter), false when none, null when some. */
  rowHidden: {
    read: (r) => {
      let hidden = 0;
      for (let row = r.rect.r0; row <= r.rect.r1; row++)
        if (r.sheet.hiddenRows.has(row)) hidden++;
      return hidden === 0 ? false : hidden === rectRows(r.rect) ? true : null;
    },
  },
  columnIndex: { read: (r) => r.rect.c0 },
  isEntireColumn: {
    read: (r) => r.rect.r0 === 0 && r.rect.r1 === MAX_ROWS - 1,
  },
  isEntireRow: { read: (r) => r.rect.c0 === 0 && r.rect.c1 === MAX_COLS - 1 },
  values: cellEntries("values", readValues),
  formulas: cellEntries("formulas", readFormulas),
  numberFormat: {
    read: (r) => readNumberFormats(r.sheet.cells, r.rect),
    cells: (r) => rectCells(r.rect),
    write: (r, v) => {
      r.sheet.assertEditable("Range.numberFormat", "allowFormatCells");
      writeNumberFormats(
        r.sheet.cells,
        r.rect,
        checkShape(v, r.rect, "numberFormat"),
      );
    },
  },
  text: {
    read: (r) => readText(r.sheet.cells, r.rect, r.sheet.book.dateSystem),
    cells: (r) => rectCells(r.rect),
  },
  valueTypes: {
    read: (r) => readValueTypes(r.sheet.cells, r.rect),
    cells: (r) => rectCells(r.rect),
  },
};

/**
 * A range that another object leads to (Worksheet.getRange, Table.getDataBodyRange,
 * Range.getRow…), located at sync from that object's referent: on the sheet `sheet` gives, at
 * the cells `rect` gives. A null object when the referent is null or `rect` gives null.
 */
export function rangeFrom<P>(
  from: SimObject<P>,
  label: string,
  sheet: (parent: P) => SimSheet,
  rect: (parent: P) => Rect | null,
): RangeProxy {
  from.context.assertOpen(label);
  return new RangeProxy(from.context, {
    label,
    resolve: () => {
      const parent = from._resolveNow();
      if (parent === null) return null;
      const r = rect(parent);
      return r ? { sheet: sheet(parent), rect: r } : null;
    },
  });
}

/** Excel.Range [ExcelApi 1.1 unless noted per member]. */
export class RangeProxy extends SimObject<RangeRef> {
  readonly _className = "Range";
  protected readonly _props = RANGE_PROPS;
  protected override readonly _navs: Record<string, () => SimObject<unknown>> =
    {
      worksheet: () => this.worksheet as unknown as SimObject<unknown>,
    };
  private _worksheet?: SimObject<SimSheet>;

  constructor(ctx: SimContext, resolver: Resolver<RangeRef>, pre?: RangeRef) {
    super(ctx, { alive: rangeAlive, ...resolver }, pre);
  }

  /** A range derived from this one; null when this is null or `compute` gives null. */
  private derive(
    label: string,
    compute: (ref: RangeRef) => Rect | null,
  ): RangeProxy {
    return rangeFrom(this, label, (p) => p.sheet, compute);
  }

  /** [ExcelApi 1.1] */
  get worksheet(): SimObject<SimSheet> {
    this._worksheet ??= worksheetOf(this, "Range.worksheet");
    return this._worksheet;
  }

  /** [ExcelApi 1.1] Relative to the top-left cell; may lie outside this range. */
  getCell(row: number, column: number): RangeProxy {
    const label = "Range.getCell";
    checkIndex(label, "row", row);
    checkIndex(label, "column", column);
    return this.derive(label, ({ rect }) =>
      bounded(label, {
        r0: rect.r0 + row,
        c0: rect.c0 + column,
        r1: rect.r0 + row,
        c1: rect.c0 + column,
      }),
    );
  }

  /** [ExcelApi 1.1] */
  getRow(row: number): RangeProxy {
    const label = "Range.getRow";
    checkIndex(label, "row", row);
    return this.derive(label, ({ rect }) => {
      if (row < 0 || row >= rectRows(rect))
        throw new SimError(
          "InvalidArgument",
          `${label}: row ${row} is outside the range.`,
          label,
        );
      return { ...rect, r0: rect.r0 + row, r1: rect.r0 + row };
    });
  }

  /** [ExcelApi 1.1] */
  getColumn(column: number): RangeProxy {
    const label = "Range.getColumn";
    checkIndex(label, "column", column);
    return this.derive(label, ({ rect }) => {
      if (column < 0 || column >= rectCols(rect)) {
        throw new SimError(
          "InvalidArgument",
          `${label}: column ${column} is outside the range.`,
          label,
        );
      }
      return { ...rect, c0: rect.c0 + column, c1: rect.c0 + column };
    });
  }

  /** [ExcelApi 1.1] */
  getLastRow(): RangeProxy {
    return this.derive("Range.getLastRow", ({ rect }) => ({
      ...rect,
      r0: rect.r1,
    }));
  }

  /** [ExcelApi 1.2] */
  getRowsBelow(count = 1): RangeProxy {
    const label = "Range.getRowsBelow";
    requireApi(this.context, "ExcelApi", "1.2", label);
    checkIndex(label, "count", count);
    return this.derive(label, ({ rect }) =>
      bounded(label, { ...rect, r0: rect.r1 + 1, r1: rect.r1 + count }),
    );
  }

  /** [ExcelApi 1.2] */
  getRowsAbove(count = 1): RangeProxy {
    const label = "Range.getRowsAbove";
    requireApi(this.context, "ExcelApi", "1.2", label);
    checkIndex(label, "count", count);
    return this.derive(label, ({ rect }) =>
      bounded(label, { ...rect, r0: rect.r0 - count, r1: rect.r0 - 1 }),
    );
  }

  /** [ExcelApi 1.1] */
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    const label = "Range.getOffsetRange";
    checkIndex(label, "rowOffset", rowOffset);
    checkIndex(label, "columnOffset", columnOffset);
    return this.derive(label, ({ rect }) =>
      bounded(label, {
        r0: rect.r0 + rowOffset,
        r1: rect.r1 + rowOffset,
        c0: rect.c0 + columnOffset,
        c1: rect.c1 + columnOffset,
      }),
    );
  }

  /** [ExcelApi 1.2] Grows or shrinks the bottom-right corner. */
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    const label = "Range.getResizedRange";
    requireApi(this.context, "ExcelApi", "1.2", label);
    checkIndex(label, "deltaRows", deltaRows);
    checkIndex(label, "deltaColumns", deltaColumns);
    return this.derive(label, ({ rect }) =>
      bounded(label, {
        ...rect,
        r1: rect.r1 + deltaRows,
        c1: rect.c1 + deltaColumns,
      }),
    );
  }

  /** [ExcelApi 1.7] Same top-left cell, the given size. */
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    const label = "Range.getAbsoluteResizedRange";
    requireApi(this.context, "ExcelApi", "1.7", label);
    checkIndex(label, "numRows", numRows);
    checkIndex(label, "numColumns", numColumns);
    return this.derive(label, ({ rect }) => {
      if (numRows < 1 || numColumns < 1)
        throw new SimError(
          "InvalidArgument",
          `${label}: the size must be at least 1×1.`,
          label,
        );
      return bounded(label, {
        r0: rect.r0,
        c0: rect.c0,
        r1: rect.r0 + numRows - 1,
        c1: rect.c0 + numColumns - 1,
      });
    });
  }

  /** [ExcelApi 1.4] Null object when the ranges do not overlap (or are on different sheets). */
  getIntersectionOrNullObject(anotherRange: RangeProxy | string): RangeProxy {
    const label = "Range.getIntersectionOrNullObject";
    requireApi(this.context, "ExcelApi", "1.4", label);
    if (
      typeof anotherRange !== "string" &&
      anotherRange.context !== this.context
    ) {
      throw new SimError("InvalidRequestContext", undefined, label);
    }
    return this.derive(label, (ref) => {
      if (typeof anotherRange === "string")
        return intersect(ref.rect, ref.sheet.rect(anotherRange));
      const other = anotherRange._refFor(label);
      return other.sheet === ref.sheet ? intersect(ref.rect, other.rect) : null;
    });
  }

  /** [ExcelApi 1.1] Clears contents and formats ("All"), or one of them. */
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    const label = "Range.clear";
    this.context.assertOpen(label);
    this._enqueue(label, 16, () => {
      const { sheet, rect } = this._refFor(label);
      sheet.assertEditable(label);
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          if (applyTo !== "Formats")
            sheet.cells.setContent(r, c, { value: undefined });
          if (applyTo !== "Contents")
            sheet.cells.setNumberFormat(r, c, "General");
        }
      }
      sheet.book.syncTableHeaders(sheet, rect);
    });
  }

  /**
   * [ExcelApi 1.1] Inserts empty cells of this range's size, moving what was there down (only
   * "Down" is modelled). Tables below move with their cells; one the insertion would split is
   * refused with InsertDeleteConflict.
   */
  insert(shift: "Down" | "Right"): RangeProxy {
    const label = "Range.insert";
    this.context.assertOpen(label);
    if (shift !== "Down")
      throw new SimError(
        "NotImplemented",
        `${label}: the simulator models shift "Down" only.`,
        label,
      );
    this._enqueue(label, 16, () => {
      const { sheet, rect } = this._refFor(label);
      sheet.assertEditable(label);
      sheet.book.insertCells(sheet, rect.r0, rectRows(rect), rect.c0, rect.c1);
    });
    return this.derive(label, ({ rect }) => rect);
  }

  /** [ExcelApi 1.1] Selects this range (and activates its sheet). */
  select(): void {
    const label = "Range.select";
    this.context.assertOpen(label);
    this._enqueue(label, 8, () => {
      const { sheet, rect } = this._refFor(label);
      sheet.selection = [rect];
      sheet.book.activate(sheet);
    });
  }

  /** [ExcelApi 1.1] Sets several properties at once: `range.set({ numberFormat, values })`. */
  set(properties: {
    values?: unknown;
    formulas?: unknown;
    numberFormat?: unknown;
  }): void {
    for (const [k, v] of Object.entries(properties)) {
      if (k !== "values" && k !== "formulas" && k !== "numberFormat") {
        throw new SimError(
          "NotImplemented",
          `The simulator's Range.set does not model "${k}".`,
          "Range.set",
        );
      }
      this._set(k, v);
    }
  }

  /** Tracking is for object lifetime across batches; the simulator keeps objects alive anyway. */
  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

defineProps(RangeProxy, Object.keys(RANGE_PROPS), [
  "values",
  "formulas",
  "numberFormat",
]);

export interface AreasRef {
  sheet: SimSheet;
  rects: Rect[];
}

const AREAS_PROPS: Record<string, PropSpec<AreasRef>> = {
  address: {
    read: (r) => r.rects.map((x) => formatAddress(r.sheet.name, x)).join(","),
  },
  areaCount: { read: (r) => r.rects.length },
  cellCount: { read: (r) => r.rects.reduce((n, x) => n + rectCells(x), 0) },
};

/** Excel.RangeAreas [ExcelApi 1.9]: several ranges on one sheet (e.g. a multi-area selection). */
export class RangeAreasProxy extends SimObject<AreasRef> {
  readonly _className = "RangeAreas";
  protected readonly _props = AREAS_PROPS;
  protected override readonly _navs: Record<string, () => SimObject<unknown>> =
    {
      areas: () => this.areas as unknown as SimObject<unknown>,
      worksheet: () => this.worksheet as unknown as SimObject<unknown>,
    };
  private _areas?: RangeCollectionProxy;
  private _worksheet?: SimObject<SimSheet>;

  constructor(ctx: SimContext, resolver: Resolver<AreasRef>) {
    super(ctx, {
      alive: (r) => rangeAlive({ sheet: r.sheet, rect: r.rects[0] }),
      ...resolver,
    });
  }

  get areas(): RangeCollectionProxy {
    this._areas ??= new RangeCollectionProxy(this.context, {
      label: "RangeAreas.areas",
      resolve: () => this._resolveNow(),
    });
    return this._areas;
  }

  get worksheet(): SimObject<SimSheet> {
    this._worksheet ??= worksheetOf(this, "RangeAreas.worksheet");
    return this._worksheet;
  }
}

defineProps(RangeAreasProxy, Object.keys(AREAS_PROPS));

/** Excel.RangeCollection [ExcelApi 1.9]: the areas of a RangeAreas. */
export class RangeCollectionProxy extends SimCollection<
  AreasRef,
  RangeRef,
  RangeProxy
> {
  readonly _className = "RangeCollection";
  protected readonly _props: Record<string, PropSpec<AreasRef>> = {};

  protected _members(ref: AreasRef): RangeRef[] {
    return ref.rects.map((rect) => ({ sheet: ref.sheet, rect }));
  }

  protected _itemFor(member: RangeRef): RangeProxy {
    return new RangeProxy(
      this.context,
      { label: "RangeCollection.items", resolve: () => member },
      member,
    );
  }

  getCount() {
    return resultOp(
      this,
      "RangeCollection.getCount",
      null,
      (r) => r.rects.length,
    );
  }

  getItemAt(index: number): RangeProxy {
    const label = "RangeCollection.getItemAt";
    return new RangeProxy(this.context, {
      label,
      resolve: () => {
        const ref = this._refFor(label);
        const rect = ref.rects[index];
        if (!rect)
          throw new SimError(
            "ItemNotFound",
            `There is no area ${index}.`,
            label,
          );
        return { sheet: ref.sheet, rect };
      },
    });
  }
}
