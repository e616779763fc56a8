// Reading and writing the cells of a rectangle, shared by the Range proxy (at sync time) and by
// the inspection helpers tests use. Reads return Office.js shapes: 2-D arrays, "" for empty.

import {
  columnLetters,
  quoteSheetName,
  rectCols,
  rectRows,
  type Rect,
} from "./address";
import type { Scalar, SheetCells } from "./cells";
import type { DateSystem } from "./dates";
import { enterInput, type Entry } from "./entry";
import { SimError } from "./errors";
import { displayText } from "./numfmt";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

function grid<T>(rect: Rect, fn: (r: number, c: number) => T): T[][] {
  const rows = rectRows(rect);
  const cols = rectCols(rect);
  const out = new Array<T[]>(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array<T>(cols);
    for (let j = 0; j < cols; j++) row[j] = fn(rect.r0 + i, rect.c0 + j);
    out[i] = row;
  }
  return out;
}

export function readValues(cells: SheetCells, rect: Rect): Scalar[][] {
  return grid(rect, (r, c) => cells.value(r, c) ?? "");
}

export function readFormulas(cells: SheetCells, rect: Rect): Scalar[][] {
  return grid(rect, (r, c) => cells.formula(r, c) ?? cells.value(r, c) ?? "");
}

export function readNumberFormats(cells: SheetCells, rect: Rect): string[][] {
  return grid(rect, (r, c) => cells.numberFormat(r, c));
}

export function readText(
  cells: SheetCells,
  rect: Rect,
  system: DateSystem,
): string[][] {
  return grid(rect, (r, c) =>
    displayText(
      cells.value(r, c),
      cells.numberFormat(r, c),
      system,
      cells.isError(r, c),
    ),
  );
}

export function readValueTypes(cells: SheetCells, rect: Rect): ValueType[][] {
  return grid(rect, (r, c) => {
    switch (cells.kind(r, c)) {
      case "empty":
        return "Empty";
      case "string":
        return "String";
      case "number":
        return "Double";
      case "boolean":
        return "Boolean";
      default:
        return "Error";
    }
  });
}

/** Office.js requires a 2-D array whose shape is exactly the range's (InvalidArgument otherwise). */
export function checkShape(
  data: unknown,
  rect: Rect,
  property: string,
): unknown[][] {
  const rows = rectRows(rect);
  const cols = rectCols(rect);
  const shape = `${rows} row(s) × ${cols} column(s)`;
  if (!Array.isArray(data) || data.length !== rows) {
    throw new SimError(
      "InvalidArgument",
      `${property}: expected a 2-D array of ${shape}, got ${Array.isArray(data) ? `${data.length} row(s)` : typeof data}.`,
      `Range.${property}`,
    );
  }
  data.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new SimError(
        "InvalidArgument",
        `${property}: row ${i} has ${Array.isArray(row) ? row.length : "no"} column(s); the range has ${cols}.`,
        `Range.${property}`,
      );
    }
  });
  return data as unknown[][];
}

/**
 * Writes `data` (already shape-checked) through Excel's input parsing. Each cell is parsed
 * against its number format at that moment, so a format set earlier in the same batch counts.
 */
export function writeEntries(
  cells: SheetCells,
  rect: Rect,
  data: unknown[][],
  system: DateSystem,
  where: string,
  sheetName?: string,
): void {
  // Parse everything first: a value Excel refuses fails the whole write, not half of it.
  const entries: (Entry | null)[][] = data.map((row, i) =>
    row.map((input, j) => {
      const r = rect.r0 + i;
      const c = rect.c0 + j;
      const cell = `${sheetName ? `${quoteSheetName(sheetName)}!` : ""}${columnLetters(c)}${r + 1}`;
      try {
        return enterInput(
          input,
          cells.numberFormat(r, c),
          system,
          `${where} ${cell}`,
        );
      } catch (e) {
        if (e instanceof SimError) e.debugInfo.errorLocation = where;
        throw e;
      }
    }),
  );
  for (let i = 0; i < entries.length; i++) {
    const row = entries[i];
    for (let j = 0; j < row.length; j++) {
      const entry = row[j];
      if (!entry) continue;
      const r = rect.r0 + i;
      const c = rect.c0 + j;
      cells.setContent(r, c, entry);
      if (entry.impliedFormat) cells.setNumberFormat(r, c, entry.impliedFormat);
    }
  }
}

export function writeNumberFormats(
  cells: SheetCells,
  rect: Rect,
  data: unknown[][],
): void {
  for (let i = 0; i < data.length; i++) {
    for (let j = 0; j < data[i].length; j++) {
      const f = data[i][j];
      if (f === null) continue;
      if (typeof f !== "string") {
        throw new SimError(
          "InvalidArgument",
          `numberFormat [${i}][${j}] must be a string or null.`,
          "Range.numberFormat",
        );
      }
      cells.setNumberFormat(rect.r0 + i, rect.c0 + j, f === "" ? "General" : f);
    }
  }
}
