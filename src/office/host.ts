// The one door to Office.js. Everything that touches `Excel` goes through an ExcelHost, so the
// same adapter code runs in Excel (officeExcelHost) and against the simulator in tests and the
// workbench (@sealed-run/excel-simulator's createExcelHost).

export interface ExcelRunOptions {
  /** ExcelApi 1.11: wait for the user to leave cell-edit mode instead of failing. */
  delayForCellEdit?: boolean;
}

export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(
    options: ExcelRunOptions,
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T>;
  /** Whether a requirement set is available (Office.context.requirements.isSetSupported). */
  supports(set: "ExcelApi", version: string): boolean;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
/** Excel.run's shape: (batch) or (options, batch). */
export type RawRun = <T>(
  a: ExcelRunOptions | Batch<T>,
  b?: Batch<T>,
) => Promise<T>;

/**
 * An ExcelHost over an Excel.run-shaped function. Before ExcelApi 1.11, Excel.run's first
 * argument is an object whose context to reuse, not options: there the options are dropped (and a
 * cell being edited fails with a clear message instead of waiting).
 */
export function excelHost(
  run: RawRun,
  supports: ExcelHost["supports"],
): ExcelHost {
  return {
    run: <T>(a: ExcelRunOptions | Batch<T>, b?: Batch<T>) =>
      b ? (supports("ExcelApi", "1.11") ? run(a, b) : run(b)) : run(a),
    supports,
  };
}

export function officeExcelHost(): ExcelHost {
  return excelHost(Excel.run as unknown as RawRun, (set, version) =>
    Office.context.requirements.isSetSupported(set, version),
  );
}

/** Selection events (Workbook.onSelectionChanged, ExcelApi 1.10): Excel's, or the workbench grid's. */
export type SelectionSubscriber = (cb: () => void) => Promise<() => void>;

export function officeSelectionSubscriber(): SelectionSubscriber {
  return async (cb) => {
    // Older hosts: the run list does not follow the selection (Seal Run still seals it).
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.10"))
      return () => undefined;
    const handler = await Excel.run(async (ctx) => {
      const h = ctx.workbook.onSelectionChanged.add(() => {
        cb();
        return Promise.resolve();
      });
      await ctx.sync();
      return h;
    });
    return () => {
      void Excel.run(handler.context, async (ctx) => {
        handler.remove();
        await ctx.sync();
      });
    };
  };
}
