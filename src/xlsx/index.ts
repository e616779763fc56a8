// Workbook packages (.xlsx, .xlsm) read as Excel, LibreOffice and Google Sheets write them, and
// written back with only the parts the workflows changed. Pure TypeScript on Uint8Array (no Node
// imports): the CLI and the workbench page both use it.
export { loadWorkbook } from "./read";
export { LEGACY_PARTS_SHEET, LOG_SHEET_NAME } from "./loadedPackage";
export type { LoadOptions, LoadedPackage } from "./loadedPackage";
export { saveWorkbook } from "./write";
export { WorkbookFormatError, WorkbookWriteError } from "./errors";
export { ZipPackage } from "./zip";
export {
  checkZip,
  MAX_PART_BYTES,
  MAX_TOTAL_BYTES,
  MAX_ENTRIES,
} from "./zipDirectory";
export type { ZipEntry, ZipLimits } from "./zipDirectory";

import type { LoadOptions as Options } from "./loadedPackage";
import { loadWorkbook as load } from "./read";
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
