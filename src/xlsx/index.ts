// Workbook packages (.xlsx, .xlsm) read as Excel, LibreOffice and Google Sheets write them, and
// written back with only the parts the workflows changed. Pure TypeScript on Uint8Array (no Node
// imports): the CLI and the workbench page both use it.
export { loadWorkbook, LEGACY_PARTS_SHEET, LOG_SHEET_NAME } from "./read";
export type { LoadOptions, LoadedPackage } from "./read";
export { saveWorkbook } from "./write";
export { WorkbookFormatError, WorkbookWriteError } from "./errors";
export {
  checkZip,
  ZipPackage,
  MAX_PART_BYTES,
  MAX_TOTAL_BYTES,
  MAX_ENTRIES,
} from "./zip";
export type { ZipEntry, ZipLimits } from "./zip";

import { loadWorkbook as load, type LoadOptions as Options } from "./read";
import type { SimWorkbook } from "@sealed-run/workbook-model";

/** Just the model of a workbook's bytes (the workbench, tests); see loadWorkbook for saving back. */
export async function loadXlsx(
  bytes: Uint8Array | ArrayBuffer,
  options: Options = {},
): Promise<SimWorkbook> {
  return (
    await load(
      bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
      options,
    )
  ).book;
}
