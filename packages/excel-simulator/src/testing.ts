// @sealed-run/excel-simulator/testing: the simulator for tests and benches, the way
// @sigstore/mock or office-addin-mock stand beside their libraries. A test host counts round
// trips and bytes per sync (HostStats) and makes a chosen sync fail (failSync); the workbook's
// own faults (failing saves, cell-edit mode, co-author conflicts) are set on the SimWorkbook.
export { createTestHost } from "./host";
export type { TestHost } from "./host";
export type { HostStats, SyncRecord } from "./context";
export * from "./index";
