// The workbench's ExcelHost: the simulator's host limited to ExcelApi 1.11 (the add-in's
// supported floor, so Workbook.save exists and saves to memory), reporting every finished batch
// so the grid and PATCH_LOG redraw after a seal or a patch, plus the grid's selection events.
import {
  excelHost,
  type ExcelHost as OfficeExcelHost,
  type RawRun,
  type SelectionSubscriber,
} from "../office/host";
import { createExcelHost, type SimWorkbook } from "@sealed-run/excel-simulator";

/** The highest ExcelApi version the workbench claims; the add-in asks for nothing newer. */
export const WORKBENCH_EXCEL_API = "1.11";

export interface WorkbenchHost {
  host: OfficeExcelHost;
  /** For createWorkbookApi: the grid's selection changes. */
  subscribeSelection: SelectionSubscriber;
  /** The grid calls this after it moved the simulator's selection. */
  selectionChanged(): void;
  /** Called after each Excel.run batch ends (whether it succeeded or not). */
  onBatch(listener: () => void): () => void;
}

export function createWorkbenchHost(book: SimWorkbook): WorkbenchHost {
  const sim = createExcelHost(book, {
    apiSets: { ExcelApi: WORKBENCH_EXCEL_API },
  });
  const batchListeners = new Set<() => void>();
  const selectionListeners = new Set<() => void>();
  const notify = (set: Set<() => void>) => {
    for (const l of [...set]) l();
  };

  const run = (async (a: unknown, b?: unknown) => {
    try {
      return await (b === undefined
        ? sim.run(a as never)
        : sim.run(a as never, b as never));
    } finally {
      notify(batchListeners);
    }
  }) as RawRun;

  return {
    // The simulator answers requirement-set questions for the ExcelApi version it was given.
    host: excelHost(run, (set, version) => sim.isSetSupported(set, version)),
    subscribeSelection: (cb) => {
      selectionListeners.add(cb);
      return Promise.resolve(() => {
        selectionListeners.delete(cb);
      });
    },
    selectionChanged: () => notify(selectionListeners),
    onBatch(listener) {
      batchListeners.add(listener);
      return () => {
        batchListeners.delete(listener);
      };
    },
  };
}
