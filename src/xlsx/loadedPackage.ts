// What loadWorkbook remembers of the package it read (LoadedPackage), so that saving writes back
// only what the workflows changed.
import type {
  Rect,
  SimCustomXmlPart,
  SimSheet,
  SimTable,
} from "@sealed-run/workbook-model";
import type { LoadedPart } from "./customXmlRead";
import type { ContentTypes, Relationship } from "./package";
import type { Styles } from "./styles";
import type { ZipPackage } from "./zip";
import type { ZipLimits } from "./zipDirectory";

/** The very-hidden sheet early versions kept custom XML parts in: read, never written. */
export const LEGACY_PARTS_SHEET = "_SealedRunParts";
/** Sheets the package writer may rewrite (see write.ts): the log, which it may also add, ... */
export const LOG_SHEET_NAME = "PATCH_LOG";
/** ... and the sheet that holds this table, whatever its name (`keygen --register` appends to it). */
export { ACTOR_KEYS_TABLE as KEYS_TABLE_NAME } from "../core/sign/actorKeysTable";

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
  /** A writable sheet's XML, kept to write it back with its untouched cells as they were. */
  xml?: string;
  /** Loaded cells' state after loading (writable sheets only), by "r,c". */
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
export function cellsState(s: SimSheet, r: number, c: number): string {
  return JSON.stringify(s.cells.snapshot(r, c));
}
