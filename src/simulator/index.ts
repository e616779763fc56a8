// The Excel simulator: an in-memory workbook plus an Office.js-shaped host that enforces
// Excel's rules (load/sync, ItemNotFound, payload limits, protection, cell-edit mode, input
// parsing). See README.md in this folder for each rule and its source.

export { SimWorkbook, SimSheet, SimTable, SimCustomXmlPart } from "./workbook";
export type {
  CellView,
  CellInput,
  ProtectionOptions,
  SheetProtection,
} from "./workbook";
export { createExcelHost, DEFAULT_LIMITS } from "./host";
export type { ExcelHost, HostOptions, RunOptions } from "./host";
export type { HostStats, Limits, SyncRecord } from "./context";
export { SimError, isSimError } from "./errors";
export type { SimErrorCode } from "./errors";
export { saveXlsx, PARTS_SHEET } from "./xlsx";
export { dateSerial, serialToYmd } from "./dates";
export type { DateSystem } from "./dates";
