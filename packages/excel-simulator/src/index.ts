// @sealed-run/excel-simulator: Excel's Office.js API over an in-memory workbook
// (@sealed-run/workbook-model), enforcing Excel's rules (load/sync, ItemNotFound, payload limits,
// protection, cell-edit mode, input parsing); README.md lists each rule and its source. This is
// the entry for hosts (the workbench); tests take ./testing, which adds counters and faults.

export {
  SimWorkbook,
  SimSheet,
  SimTable,
  SimCustomXmlPart,
  SimError,
  isSimError,
  dateSerial,
  serialToYmd,
} from "@sealed-run/workbook-model";
export type {
  CellView,
  CellInput,
  DateSystem,
  ProtectionOptions,
  SheetProtection,
  SimErrorCode,
} from "@sealed-run/workbook-model";
export { createExcelHost, DEFAULT_LIMITS } from "./host";
export type { ExcelHost, HostOptions, RunOptions } from "./host";
export type { Limits } from "./context";
export { saveXlsx, PARTS_SHEET } from "./xlsx";
