// The public face of §3: from a table row (Excel or CSV) to the sealed fields and row checks.
export {
  RUN_ID_PATTERN,
  USED_COLUMNS,
  REQUIRED_COLUMNS,
  normalizeHeader,
  usedColumnOf,
  findColumns,
} from "./columns";
export type { UsedColumn, ColumnMatch } from "./columns";
export { cellToText, splitList, shortestDecimal } from "./text";
export { serialToIsoDate, parseIsoDate, dateCell, MAX_SERIAL } from "./dates";
export type { DateSystem, DateResult } from "./dates";
export { confidenceCell, isPercentFormat } from "./confidence";
export type { ConfidenceResult } from "./confidence";
export {
  ERROR_LITERALS,
  EXCEL_ONLY_ERROR_VALUES,
  isErrorCell,
  pickSource,
  deriveFields,
  selectRun,
  NearestRunIds,
} from "./derive";
export type { FullRow } from "./derive";
export { CsvReader, MAX_CSV_RECORD_CHARS, parseCsv, type CsvRow } from "./csv";
export type { CsvResult } from "./csv";
