// The workbench's ExcelHost: the simulator's host limited to ExcelApi 1.11 (the add-in's
// supported floor, so Workbook.save exists and saves to memory), reporting every finished batch
// so the grid and PATCH_LOG redraw after a seal or a patch, plus the grid's selection events.
import type {
  ExcelHost as OfficeExcelHost,
  SelectionSubscriber,
} from "../office/host";
import { createExcelHost, type SimWorkbook } from "../simulator";

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

/** Numeric dotted-version comparison ("1.9" < "1.11"). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
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
  }) as OfficeExcelHost["run"];

  return {
    host: {
      run,
      supports: (set, version) =>
        set === "ExcelApi" &&
        compareVersions(version, WORKBENCH_EXCEL_API) <= 0 &&
        sim.isSetSupported(set, version),
    },
    subscribeSelection: async (cb) => {
      selectionListeners.add(cb);
      return () => {
        selectionListeners.delete(cb);
      };
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
