// Storing a sheet's parsed rows into the model: every cell, or for one run of a large table only
// what that run needs (bounded memory); long shared strings are filled in by a second pass.
import { findColumns } from "../core";
import type { Rect, SimSheet } from "@sealed-run/workbook-model";
import type { ParsedCell } from "./sheetXml";
import { formatOf, type Styles } from "./styles";

/** A kept cell whose shared string is read in the second pass. */
export interface PendingString {
  sheet: SimSheet;
  row: number;
  col: number;
  index: number;
  quotePrefix: boolean;
  formula?: string;
}

export function store(
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

/** The part of one table to keep: its header row, `column`, and the rows where `column` reads `value`. */
export interface RowFocus {
  rect: Rect;
  column: string;
  value: string | null;
}

/** readSheet's row callback: every cell kept, or only what `focus` names. */
export function rowReader(
  sheet: SimSheet,
  styles: Styles,
  pending: PendingString[],
  focus?: RowFocus,
): (row: number, cells: ParsedCell[]) => void {
  const keepAll = () => true;
  if (!focus)
    return (row, cells) => store(sheet, styles, pending, row, cells, keepAll);
  const { rect } = focus;
  let keyCol = -1;
  return (row, cells) => {
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
