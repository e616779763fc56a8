// The request context: queues operations and runs them at sync, in order, against the book.
// What Office.js promises (and what adapter code may rely on) is modelled exactly:
//   - nothing happens before sync; operations run in the order they were queued;
//   - a failing operation stops the batch, and what ran before it stays applied (no transaction);
//   - loaded values become visible only when the sync that carries the load succeeds.

import { SimError, type SimWorkbook } from "@sealed-run/workbook-model";
import { OP_OVERHEAD } from "./payload";

export interface Limits {
  /** Bytes a single request may carry (Excel on the web: 5 MB). */
  maxRequestBytes: number;
  /** Bytes a single response may carry (Excel on the web: 5 MB). */
  maxResponseBytes: number;
  /** Cells a single range read may cover (5,000,000). */
  maxReadCells: number;
}

export interface SyncRecord {
  /** 1-based number of this round trip on the host. */
  index: number;
  operations: number;
  requestBytes: number;
  responseBytes: number;
  /** Error code when the sync failed. */
  failed?: string;
}

export interface HostStats {
  /** Round trips: syncs that carried at least one operation (an empty sync never leaves the add-in). */
  syncs: number;
  requestBytes: { total: number; max: number };
  responseBytes: { total: number; max: number };
  log: SyncRecord[];
}

export interface FailPlan {
  /** Absolute round-trip number that fails. */
  at: number;
  /** Operations applied before the failure (0 = none). */
  afterOps: number;
}

/** Shared by every context of one host. */
export interface HostState {
  book: SimWorkbook;
  limits: Limits;
  stats: HostStats;
  failPlans: FailPlan[];
  apiSets: Record<string, string>;
}

/** Collects what a sync's operations read, to publish only if the whole sync succeeds. */
export class SyncResult {
  responseBytes = 0;
  private readonly publishers: (() => void)[] = [];

  respond(bytes: number, publish: () => void): void {
    this.responseBytes += bytes;
    this.publishers.push(publish);
  }

  publish(): void {
    for (const p of this.publishers) p();
  }
}

export interface Op {
  /** What the operation is, for error messages: "Range.values", "TableRowCollection.add". */
  label: string;
  requestBytes: number;
  run(result: SyncResult): void;
}

export class SimContext {
  private queue: Op[] = [];
  private closed = false;

  constructor(
    readonly host: HostState,
    private readonly delayForCellEdit: boolean,
  ) {}

  get book(): SimWorkbook {
    return this.host.book;
  }

  assertOpen(where: string): void {
    if (this.closed) {
      throw new SimError(
        "InvalidObjectPath",
        `${where} was used after its Excel.run batch had finished.`,
        where,
      );
    }
  }

  enqueue(op: Op): void {
    this.assertOpen(op.label);
    this.queue.push(op);
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async sync<T>(passThrough?: T): Promise<T> {
    this.assertOpen("RequestContext.sync");
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return passThrough as T;
    const { book, stats, limits } = this.host;
    // The request is only sent once Excel leaves cell-edit mode when the run asked to wait.
    if (book.inCellEditMode && this.delayForCellEdit)
      await book.whenCellEditEnds();
    const record: SyncRecord = {
      index: ++stats.syncs,
      operations: ops.length,
      requestBytes: ops.reduce((n, op) => n + op.requestBytes + OP_OVERHEAD, 0),
      responseBytes: 0,
    };
    stats.log.push(record);
    stats.requestBytes.total += record.requestBytes;
    stats.requestBytes.max = Math.max(
      stats.requestBytes.max,
      record.requestBytes,
    );
    const fail = (e: SimError): never => {
      record.failed = e.code;
      throw e;
    };
    if (book.inCellEditMode)
      fail(
        new SimError(
          "InvalidOperationInCellEditMode",
          undefined,
          "RequestContext.sync",
        ),
      );
    if (record.requestBytes > limits.maxRequestBytes) {
      fail(
        new SimError(
          "RequestPayloadSizeLimitExceeded",
          `This request carries about ${record.requestBytes} bytes; the limit is ${limits.maxRequestBytes}. Split it over several syncs.`,
          "RequestContext.sync",
        ),
      );
    }
    const planIndex = this.host.failPlans.findIndex(
      (p) => p.at === record.index,
    );
    const plan =
      planIndex >= 0 ? this.host.failPlans.splice(planIndex, 1)[0] : undefined;
    const result = new SyncResult();
    const runUpTo = plan ? Math.min(plan.afterOps, ops.length) : ops.length;
    for (let i = 0; i < runUpTo; i++) {
      try {
        ops[i].run(result);
      } catch (e) {
        if (e instanceof SimError) {
          e.debugInfo.errorLocation ??= ops[i].label;
          fail(e);
        }
        throw e;
      }
    }
    record.responseBytes = result.responseBytes;
    stats.responseBytes.total += result.responseBytes;
    stats.responseBytes.max = Math.max(
      stats.responseBytes.max,
      result.responseBytes,
    );
    if (plan) {
      fail(
        new SimError(
          "GeneralException",
          `Simulated failure of sync ${record.index} after ${runUpTo} of ${ops.length} operation(s).`,
          "RequestContext.sync",
        ),
      );
    }
    // The writes above have happened; only the answer is too big to come back.
    if (result.responseBytes > limits.maxResponseBytes) {
      fail(
        new SimError(
          "ResponsePayloadSizeLimitExceeded",
          `The response would carry about ${result.responseBytes} bytes; the limit is ${limits.maxResponseBytes}. Read in smaller chunks.`,
          "RequestContext.sync",
        ),
      );
    }
    result.publish();
    return passThrough as T;
  }
}
