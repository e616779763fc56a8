// A1-style addresses: parsing what add-ins pass to getRange/tables.add and printing what
// Range.address returns ("Sheet1!A1:B2", "'My Sheet'!C3").

import { SimError } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** An inclusive, zero-based rectangle of cells. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}

export function rectCols(r: Rect): number {
  return r.c1 - r.c0 + 1;
}

export function rectCells(r: Rect): number {
  return rectRows(r) * rectCols(r);
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?([0-9]{1,7})$/;

interface Corner {
  row?: number;
  col?: number;
}

function parseCorner(part: string): Corner | undefined {
  let m = CELL.exec(part);
  if (m) return { col: lettersToColumn(m[1]), row: Number(m[2]) - 1 };
  m = COLUMN.exec(part);
  if (m) return { col: lettersToColumn(m[1]) };
  m = ROW.exec(part);
  if (m) return { row: Number(m[1]) - 1 };
  return undefined;
}

function invalid(address: string): SimError {
  return new SimError(
    "InvalidArgument",
    `"${address}" is not a valid A1 address.`,
    "Range.address",
  );
}

/** Parses "A1", "A1:C5", "A:C" (whole columns) or "2:4" (whole rows); `$` signs are ignored. */
export function parseA1(ref: string): Rect {
  const parts = ref.trim().split(":");
  if (parts.length < 1 || parts.length > 2) throw invalid(ref);
  const a = parseCorner(parts[0]);
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!a || !b) throw invalid(ref);
  const aIsCell = a.row !== undefined && a.col !== undefined;
  const bIsCell = b.row !== undefined && b.col !== undefined;
  let rect: Rect;
  if (aIsCell && bIsCell) {
    rect = { r0: a.row!, c0: a.col!, r1: b.row!, c1: b.col! };
  } else if (a.row === undefined && b.row === undefined && parts.length === 2) {
    rect = { r0: 0, c0: a.col!, r1: MAX_ROWS - 1, c1: b.col! };
  } else if (a.col === undefined && b.col === undefined && parts.length === 2) {
    rect = { r0: a.row!, c0: 0, r1: b.row!, c1: MAX_COLS - 1 };
  } else {
    throw invalid(ref);
  }
  const norm: Rect = {
    r0: Math.min(rect.r0, rect.r1),
    r1: Math.max(rect.r0, rect.r1),
    c0: Math.min(rect.c0, rect.c1),
    c1: Math.max(rect.c0, rect.c1),
  };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLS)
    throw invalid(ref);
  return norm;
}

/** Splits "Sheet1!A1:B2" / "'My ''Sheet'''!A1" into sheet name and reference. */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i] !== "'" || s[i + 1] !== "!") throw invalid(address);
    return { sheet: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf("!");
  if (bang < 0) return { ref: s };
  return { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
}

/** Sheet names with anything but letters, digits, dots and underscores are quoted, as Excel does. */
export function quoteSheetName(name: string): string {
  if (
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
  )
    return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function formatRef(r: Rect): string {
  const wholeCols = r.r0 === 0 && r.r1 === MAX_ROWS - 1;
  const wholeRows = r.c0 === 0 && r.c1 === MAX_COLS - 1;
  if (wholeCols && !wholeRows)
    return `${columnLetters(r.c0)}:${columnLetters(r.c1)}`;
  if (wholeRows && !wholeCols) return `${r.r0 + 1}:${r.r1 + 1}`;
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  if (r.r0 === r.r1 && r.c0 === r.c1) return a;
  return `${a}:${columnLetters(r.c1)}${r.r1 + 1}`;
}

export function formatAddress(sheetName: string, r: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRef(r)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r: Rect = {
    r0: Math.max(a.r0, b.r0),
    c0: Math.max(a.c0, b.c0),
    r1: Math.min(a.r1, b.r1),
    c1: Math.min(a.c1, b.c1),
  };
  return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : null;
}

export function inBounds(r: Rect): boolean {
  return (
    r.r0 >= 0 &&
    r.c0 >= 0 &&
    r.r1 < MAX_ROWS &&
    r.c1 < MAX_COLS &&
    r.r0 <= r.r1 &&
    r.c0 <= r.c1
  );
}
