// Cell storage for one worksheet. A table of 100,000 rows × 10 columns is a million cells, so
// cells are not objects: each used row holds parallel arrays, created only when a row needs them.

import type { Rect } from "./address";

export type Scalar = string | number | boolean;

/** What a cell holds, the way Excel distinguishes it. */
export type CellKind = "empty" | "string" | "number" | "boolean" | "error";

interface Row {
  /** Constant value, or the last computed value of a formula. `undefined` = empty. */
  v: (Scalar | undefined)[];
  /** Formula text (with its leading "="), where the cell holds a formula. */
  f?: (string | undefined)[];
  /** Number format code; `undefined` = "General". */
  nf?: (string | undefined)[];
  /** 1 where `v` is an error value such as "#NAME?". */
  e?: (1 | undefined)[];
  /** 1 where the string was entered with a leading apostrophe (Excel's quotePrefix style). */
  q?: (1 | undefined)[];
}

export interface CellSnapshot {
  value: Scalar | undefined;
  formula: string | undefined;
  numberFormat: string;
  isError: boolean;
  quotePrefix: boolean;
}

export const GENERAL = "General";

export class SheetCells {
  private rows: (Row | undefined)[] = [];
  /** Counts every change of content, format or position: a saved package rewrites only changed sheets. */
  changes = 0;

  private row(r: number): Row {
    let row = this.rows[r];
    if (!row) {
      row = { v: [] };
      this.rows[r] = row;
    }
    return row;
  }

  value(r: number, c: number): Scalar | undefined {
    return this.rows[r]?.v[c];
  }

  formula(r: number, c: number): string | undefined {
    return this.rows[r]?.f?.[c];
  }

  numberFormat(r: number, c: number): string {
    return this.rows[r]?.nf?.[c] ?? GENERAL;
  }

  isError(r: number, c: number): boolean {
    return this.rows[r]?.e?.[c] === 1;
  }

  quotePrefix(r: number, c: number): boolean {
    return this.rows[r]?.q?.[c] === 1;
  }

  kind(r: number, c: number): CellKind {
    const row = this.rows[r];
    const v = row?.v[c];
    if (v === undefined || v === "")
      return v === "" && row?.f?.[c] ? "string" : "empty";
    if (row?.e?.[c] === 1) return "error";
    return typeof v as "string" | "number" | "boolean";
  }

  snapshot(r: number, c: number): CellSnapshot {
    return {
      value: this.value(r, c),
      formula: this.formula(r, c),
      numberFormat: this.numberFormat(r, c),
      isError: this.isError(r, c),
      quotePrefix: this.quotePrefix(r, c),
    };
  }

  /** Stores a cell's content; `value === undefined` empties it. The number format is kept. */
  setContent(
    r: number,
    c: number,
    content: {
      value: Scalar | undefined;
      formula?: string;
      isError?: boolean;
      quotePrefix?: boolean;
    },
  ): void {
    if (content.value === undefined && !content.formula && !this.rows[r])
      return;
    this.changes++;
    const row = this.row(r);
    row.v[c] =
      content.value === "" && !content.formula ? undefined : content.value;
    if (content.formula) (row.f ??= [])[c] = content.formula;
    else if (row.f) row.f[c] = undefined;
    if (content.isError) (row.e ??= [])[c] = 1;
    else if (row.e) row.e[c] = undefined;
    if (content.quotePrefix) (row.q ??= [])[c] = 1;
    else if (row.q) row.q[c] = undefined;
  }

  setNumberFormat(r: number, c: number, format: string): void {
    if (format === GENERAL && !this.rows[r]?.nf) return;
    this.changes++;
    (this.row(r).nf ??= [])[c] = format === GENERAL ? undefined : format;
  }

  /** usedRect's last answer for each `valuesOnly`, kept until the next change (a view asks on every render). */
  private usedCache = new Map<
    boolean,
    { changes: number; rect: Rect | null }
  >();

  /** The smallest rectangle holding every non-empty cell (values only), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let hit = this.usedCache.get(valuesOnly);
    if (hit?.changes !== this.changes) {
      hit = { changes: this.changes, rect: this.scanUsed(valuesOnly) };
      this.usedCache.set(valuesOnly, hit);
    }
    return hit.rect && { ...hit.rect }; // a copy: callers may change what they are given
  }

  private scanUsed(valuesOnly: boolean): Rect | null {
    let r0 = -1;
    let r1 = -1;
    let c0 = Number.MAX_SAFE_INTEGER;
    let c1 = -1;
    this.rows.forEach((row, r) => {
      if (!row) return;
      let used = false;
      const scan = (arr: unknown[] | undefined) => {
        if (!arr) return;
        arr.forEach((x, c) => {
          if (x === undefined) return;
          used = true;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        });
      };
      scan(row.v);
      scan(row.f);
      if (!valuesOnly) scan(row.nf);
      if (used) {
        if (r0 < 0) r0 = r;
        r1 = r;
      }
    });
    return r0 < 0 ? null : { r0, r1, c0, c1 };
  }

  /** Shifts the cells of columns c0..c1 at and below `atRow` down by `count` rows. */
  insertRows(atRow: number, count: number, c0: number, c1: number): void {
    this.changes++;
    const last = this.rows.length - 1;
    for (let r = last; r >= atRow; r--) {
      const src = this.rows[r];
      if (!src) continue;
      for (let c = c0; c <= c1; c++) this.moveCell(src, c, this.row(r + count));
    }
    for (let r = atRow; r < atRow + count; r++) {
      const row = this.rows[r];
      if (row) for (let c = c0; c <= c1; c++) this.clearCell(row, c);
    }
  }

  private moveCell(src: Row, c: number, dst: Row): void {
    dst.v[c] = src.v[c];
    const f = src.f?.[c];
    const nf = src.nf?.[c];
    const e = src.e?.[c];
    const q = src.q?.[c];
    if (f !== undefined || dst.f) (dst.f ??= [])[c] = f;
    if (nf !== undefined || dst.nf) (dst.nf ??= [])[c] = nf;
    if (e !== undefined || dst.e) (dst.e ??= [])[c] = e;
    if (q !== undefined || dst.q) (dst.q ??= [])[c] = q;
    this.clearCell(src, c);
  }

  private clearCell(row: Row, c: number): void {
    row.v[c] = undefined;
    if (row.f) row.f[c] = undefined;
    if (row.nf) row.nf[c] = undefined;
    if (row.e) row.e[c] = undefined;
    if (row.q) row.q[c] = undefined;
  }

  /** Calls `fn` for every row index that has storage, in order (used by saving). */
  forEachRow(fn: (r: number, lastCol: number) => void): void {
    this.rows.forEach((row, r) => {
      if (!row) return;
      const lastCol =
        Math.max(row.v.length, row.f?.length ?? 0, row.nf?.length ?? 0) - 1;
      if (lastCol >= 0) fn(r, lastCol);
    });
  }
}
