/* eslint-disable office-addins/call-sync-before-read -- proxies here are read after the sync that loads them, through helper functions and ClientResults the rule cannot follow; the simulator enforces load-before-read at run time in the tests. */
// Reading what a seal, a patch or a check needs, in two syncs whatever the table's size (sync 2
// is details.ts):
//   sync 1: headers and geometry of the four tables, the governance and prompts bodies, the log
//           body (a seal: only its Action and RunID columns and the verified checkpoint beside
//           it), the selection, the stored seals' ids, the date system, the row under the log;
//   sync 2: the one row, the RunID column (duplicates), the kept seals not read yet as far as they
//           fit (the rest after, in batches sized by their bytes: readParts.ts), for the selection
//           its address, the table's position and the row's visibility again (a seal: and the log
//           from the checkpoint's entry on, and the run's latest SEAL entry when it lies before).
//           Too large for one request, it is split (README: simulator rule 6).
// Requirement sets: tables, ranges, values, numberFormat 1.1; getItemOrNullObject 1.4;
// getSelectedRanges/RangeAreas 1.9; customXmlParts 1.5; functions.date 1.2.
import type { Governance } from "../core";
import type { ExcelHost } from "./host";
import {
  GOVERNANCE_TABLE,
  LOG_SHEET,
  LOG_TABLE,
  PROMPTS_TABLE,
  RUN_TABLE,
  SEAL_PART_NS,
} from "./names";
import { isTooLarge, officeErrorCode } from "./errors";
import { readTableRows } from "./readRuns";
import { CHECKPOINT_COL_OFFSET } from "./checkpoint";
import { governanceFrom } from "./governance";
import {
  appendProblemOf,
  interruptedLog,
  NO_LOG_TABLE,
  logEntriesFrom,
  logIndexFrom,
  type LedgerRead,
} from "./logRead";
import { resolveSelection } from "./selection";
import {
  bodyRows,
  geometry,
  loadTable,
  probeTables,
  type Loaded,
  type TableGeometry,
} from "./tables";

export interface Snapshot {
  workbookName: string;
  runs: TableGeometry | null;
  dateSystem: 1900 | 1904;
  governance: Governance;
  hasGovernance: boolean;
  hasPrompts: boolean;
  log: LedgerRead;
  /** Ids of the custom XML parts holding sealed documents (read their XML with readDetails). */
  sealPartIds: string[];
  /** The selection's row within the runs body (and its address then), or why it does not name one row. */
  selection?: { row: number; address: string } | { problem: string };
}

export interface SnapshotOptions {
  /** Resolve the selection to one row of the runs table. */
  selection?: boolean;
  /** Read the stored seals' XML (heads for the chain check, orphans). */
  seals?: boolean;
  /**
   * Read the log body (false: only whether it exists; "index": its Action and RunID columns and
   * the verified checkpoint, the rest being read by readDetails from the checkpoint on).
   */
  log?: boolean | "index";
}

export async function readSnapshot(
  host: ExcelHost,
  opts: SnapshotOptions = {},
): Promise<Snapshot> {
  const once = (o: SnapshotOptions) =>
    readSnapshotOnce(host, o, null).catch(async (e) => {
      // A missing table: under Office.js's rules the loads chained on its null object may fail
      // the sync. Find out which tables exist and read again without the missing ones.
      const code = officeErrorCode(e);
      if (
        code !== "ItemNotFound" &&
        code !== "InvalidArgument" &&
        code !== "InvalidReference"
      )
        throw e;
      // A log table too narrow for its index columns (another layout) fails the same way: the
      // retry reads its body, whose headers then name the problem.
      return readSnapshotOnce(
        host,
        o.log === "index" ? { ...o, log: true } : o,
        await probeTables(host),
      );
    });
  try {
    return await once(opts);
  } catch (e) {
    // A log larger than one request (5 MB) is read on its own, one sync per 4 MB (its index
    // columns too large as well: the whole log then, checked in full).
    if (!isTooLarge(e) || opts.log === false) throw e;
    const snap = await once({ ...opts, log: false });
    if (snap.log.geometry && !snap.log.layoutProblem) {
      const rows = await readTableRows(
        host,
        LOG_TABLE,
        snap.log.geometry,
        false,
      );
      Object.assign(
        snap.log,
        logEntriesFrom(snap.log.geometry.headers, rows.values),
      );
    }
    return snap;
  }
}

async function readSnapshotOnce(
  host: ExcelHost,
  opts: SnapshotOptions,
  exists: Set<string> | null,
): Promise<Snapshot> {
  return host.run({ delayForCellEdit: true }, async (ctx) => {
    const wb = ctx.workbook;
    wb.load("name");
    const has = (n: string) => !exists || exists.has(n);
    const runs = has(RUN_TABLE) ? loadTable(wb, RUN_TABLE) : null;
    const gov = has(GOVERNANCE_TABLE)
      ? loadTable(wb, GOVERNANCE_TABLE, ["values"])
      : null;
    const prompts = has(PROMPTS_TABLE)
      ? loadTable(wb, PROMPTS_TABLE, ["values"])
      : null;
    const log = has(LOG_TABLE)
      ? loadTable(
          wb,
          LOG_TABLE,
          opts.log === undefined || opts.log === true ? ["values"] : [],
        )
      : null;
    // The index: Action and RunID (columns 3 and 4), and the checkpoint cell beside the table.
    const logIndex =
      log && opts.log === "index"
        ? {
            cols: log.body.getColumn(2).getResizedRange(0, 1),
            checkpoint: log.header.getCell(1, CHECKPOINT_COL_OFFSET),
          }
        : null;
    if (logIndex) {
      logIndex.cols.load("values");
      logIndex.checkpoint.load("values");
    }
    // The row under the log: an append writes there (and moves anything found there down).
    const logBelow = log ? log.body.getLastRow().getOffsetRange(1, 0) : null;
    if (logBelow) logBelow.load("values");
    const logSheet = wb.worksheets.getItemOrNullObject(LOG_SHEET);
    logSheet.load("name");
    logSheet.protection.load("protected");
    const date1904 = wb.functions.date(1904, 1, 1);
    date1904.load("value");
    const selected = opts.selection ? wb.getSelectedRanges() : null;
    if (selected)
      selected.load([
        "address",
        "areaCount",
        "areas/items/rowIndex",
        "areas/items/rowCount",
        "areas/items/columnIndex",
        "areas/items/columnCount",
        "areas/items/address",
      ]);
    const parts = opts.seals
      ? wb.customXmlParts.getByNamespace(SEAL_PART_NS)
      : null;
    if (parts) parts.load("items/id");
    await ctx.sync();

    const live = <T>(l: Loaded<T> | null) =>
      l && !l.table.isNullObject ? l : null;
    const runsL = live(runs);
    const govL = live(gov);
    const promptsL = live(prompts);
    const logL = live(log);

    const snapshot: Snapshot = {
      workbookName: wb.name,
      runs: runsL ? geometry(runsL) : null,
      dateSystem: date1904.value === 0 ? 1904 : 1900,
      governance: governanceFrom(
        govL ? bodyRows(govL.body.values) : null,
        promptsL ? bodyRows(promptsL.body.values) : null,
        govL ? geometry(govL).headers : [],
        promptsL ? geometry(promptsL).headers : [],
      ),
      hasGovernance: !!govL,
      hasPrompts: !!promptsL,
      log: {
        exists: !!logL,
        entries: [],
        protected: !logSheet.isNullObject && logSheet.protection.protected,
      },
      sealPartIds: parts ? parts.items.map((p) => p.id) : [],
    };
    if (logL) {
      const g = geometry(logL);
      const appendProblem = appendProblemOf(g);
      const read =
        opts.log === false
          ? { entries: [] }
          : logIndex
            ? logIndexFrom(
                g.headers,
                logIndex.cols.values,
                logIndex.checkpoint.values,
              )
            : logEntriesFrom(g.headers, logL.body.values);
      snapshot.log = {
        ...snapshot.log,
        ...read,
        geometry: g,
        appendProblem,
        belowOccupied: (logBelow?.values[0] ?? []).some(
          (v) => v !== "" && v !== null,
        ),
      };
    } else if (
      !logSheet.isNullObject &&
      (snapshot.log.leftover =
        (await interruptedLog(ctx, logSheet)) ?? undefined)
    ) {
      // finished by queueAppend
    } else if (!logSheet.isNullObject) {
      snapshot.log.layoutProblem = NO_LOG_TABLE;
    }
    if (selected && snapshot.runs)
      snapshot.selection = resolveSelection(selected, snapshot.runs);
    return snapshot;
  });
}
