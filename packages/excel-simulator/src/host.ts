// createExcelHost: the simulator's Excel.run. Adapter code receives an ExcelHost and calls
// host.run(batch) exactly where it would call Excel.run(batch) in the add-in.

import {
  SimContext,
  type HostState,
  type HostStats,
  type Limits,
} from "./context";
import { SimError, type SimWorkbook } from "@sealed-run/workbook-model";
import { compareVersions, guardMembers } from "./proxies/base";
import { WorkbookProxy } from "./proxies/workbook";

export interface RunOptions {
  /** Excel.RunOptions.delayForCellEdit [ExcelApi 1.11]: wait for cell-edit mode to end. */
  delayForCellEdit?: boolean;
}

// Function properties, not methods: a host hands `run` on as a plain function, as Excel.run is.
export interface ExcelHost {
  readonly run: {
    <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
    <T>(
      options: RunOptions,
      batch: (context: Excel.RequestContext) => Promise<T>,
    ): Promise<T>;
  };
  /** Office.context.requirements.isSetSupported for this host. */
  readonly isSetSupported: (name: string, version?: string) => boolean;
  readonly book: SimWorkbook;
}

/** A host with its counters and fault injection (what `@sealed-run/excel-simulator/testing` gives). */
export interface TestHost extends ExcelHost {
  /** Round trips and bytes per sync since the host was created (or since resetStats). */
  readonly stats: HostStats;
  resetStats(): void;
  /**
   * Makes the n-th sync from now (1 = the next one) fail with GeneralException. With
   * `afterOps: k` the first k queued operations are applied first, as a batch cut off halfway
   * would leave them (Office.js promises no transaction).
   */
  failSync(n: number, options?: { afterOps?: number }): void;
}

export interface HostOptions {
  /** Payload and read limits; defaults are Excel on the web's (5 MB, 5,000,000 cells). */
  limits?: Partial<Limits>;
  /**
   * Requirement sets the host supports, e.g. `{ ExcelApi: "1.10" }` to model a host without
   * Workbook.save (1.11). Default: ExcelApi 1.17.
   */
  apiSets?: Record<string, string>;
}

export const DEFAULT_LIMITS: Limits = {
  maxRequestBytes: 5_000_000,
  maxResponseBytes: 5_000_000,
  maxReadCells: 5_000_000,
};

function emptyStats(): HostStats {
  return {
    syncs: 0,
    requestBytes: { total: 0, max: 0 },
    responseBytes: { total: 0, max: 0 },
    log: [],
  };
}

/** The object handed to the batch: Excel.RequestContext's members the simulator models. */
class RequestContextProxy {
  readonly _className = "RequestContext";
  readonly workbook: WorkbookProxy;
  /** Object tracking matters for lifetime across batches; the simulator needs none. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  constructor(private readonly ctx: SimContext) {
    this.workbook = new WorkbookProxy(ctx, ctx.book);
  }

  sync<T>(passThrough?: T): Promise<T> {
    return this.ctx.sync(passThrough);
  }
}

/**
 * The simulator's Excel.run over `book`: what a host page (the workbench) hands the add-in's
 * adapter. Counters and fault injection are for tests: createTestHost in ./testing.
 */
export function createExcelHost(
  book: SimWorkbook,
  options: HostOptions = {},
): ExcelHost {
  // Only the host's own members: the counters and fault injection stay with ./testing.
  const { run, isSetSupported } = createTestHost(book, options);
  return { run, isSetSupported, book };
}

function isThenable<T>(v: unknown): v is PromiseLike<T> {
  return (
    typeof v === "object" &&
    v !== null &&
    "then" in v &&
    typeof v.then === "function"
  );
}

/** createExcelHost's host with its counters and fault injection (README rule 9); from ./testing. */
export function createTestHost(
  book: SimWorkbook,
  options: HostOptions = {},
): TestHost {
  const state: HostState = {
    book,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    stats: emptyStats(),
    failPlans: [],
    apiSets: { ExcelApi: "1.17", ...options.apiSets },
  };

  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const opts = (typeof a === "function" ? {} : a) as RunOptions;
    // Typed as what a caller may wrongly pass: Office.js refuses a batch that returns no promise.
    const batch = (typeof a === "function" ? a : b) as (
      ctx: Excel.RequestContext,
    ) => unknown;
    if (typeof batch !== "function")
      throw new SimError(
        "InvalidArgument",
        "run() needs a batch function.",
        "Excel.run",
      );
    if (
      opts.delayForCellEdit &&
      compareVersions(state.apiSets.ExcelApi ?? "0", "1.11") < 0
    ) {
      throw new SimError(
        "ApiNotFound",
        "RunOptions.delayForCellEdit needs ExcelApi 1.11.",
        "Excel.run",
      );
    }
    const ctx = new SimContext(state, opts.delayForCellEdit === true);
    const proxy = guardMembers(new RequestContextProxy(ctx));
    try {
      const pending = batch(proxy as unknown as Excel.RequestContext);
      if (!isThenable<T>(pending)) {
        throw new SimError("RunMustReturnPromise", undefined, "Excel.run");
      }
      const result = await pending;
      // Excel.run syncs once more after the batch resolves (anything still queued is sent).
      return await ctx.sync(result);
    } finally {
      ctx.close();
    }
  }

  return {
    run,
    get stats() {
      return state.stats;
    },
    resetStats() {
      // Pending failSync plans count from "now", so shift them with the counter.
      for (const p of state.failPlans) p.at -= state.stats.syncs;
      state.stats = emptyStats();
    },
    failSync(n, failOptions = {}) {
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(
          "failSync(n): n counts syncs from now, starting at 1.",
        );
      state.failPlans.push({
        at: state.stats.syncs + n,
        afterOps: failOptions.afterOps ?? 0,
      });
    },
    isSetSupported(name, version = "1.1") {
      const have = state.apiSets[name];
      return have !== undefined && compareVersions(have, version) >= 0;
    },
    book,
  };
}
