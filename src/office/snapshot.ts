/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load -- proxies here are read after the sync that loads them, through helper functions and ClientResults the rule cannot follow; the simulator enforces load-before-read at run time in the tests. */
// Reading what a seal, a patch or a check needs, in two syncs whatever the table's size:
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
import type { CellValue, Governance, PatchLogEntry } from "../core";
import { PATCH_LOG_COLUMNS, findColumns, parseAuthorizedActors } from "../core";
import { WorkbookError, type StoredSeal } from "../workflows/api";
import type { ExcelHost } from "./host";
import { cellAddress, cellString, columnLetters, quoteSheet } from "./cells";
import {
  GOVERNANCE_TABLE,
  LOG_SHEET,
  LOG_TABLE,
  PROMPTS_TABLE,
  RUN_SHEET,
  RUN_TABLE,
  SEAL_PART_NS,
} from "./names";
import { isTooLarge, officeErrorCode } from "./errors";
import { parseSealPart } from "./sealStore";
import {
  partCache,
  partsThatFit,
  readPartsSized,
  rememberParts,
  worthRetryingSmaller,
} from "./readParts";
import { readColumnChunks, readTableRows } from "./readRuns";
import {
  CHECKPOINT_COL_OFFSET,
  parseCheckpoint,
  type Checkpoint,
} from "./ledger";

export interface TableGeometry {
  sheet: string;
  headers: string[];
  /** 0-based sheet row of the first body row, and first column. */
  bodyRow: number;
  bodyCol: number;
  rowCount: number;
  /** Table.showHeaders / showTotals (README rule 15): a hidden header row is refused. */
  showHeaders: boolean;
  showTotals: boolean;
}

/**
 * What a seal reads of the log in sync 1 instead of its body: the Action and RunID columns (some
 * 25 bytes an entry) and the verified checkpoint beside the table (see ledger.ts).
 */
export interface LogIndex {
  actions: string[];
  runIds: string[];
  checkpoint: Checkpoint | null;
}

export interface LogState {
  exists: boolean;
  /** The whole log; empty when only its index was read. */
  entries: PatchLogEntry[];
  /** Set when only the index was read (SnapshotOptions.log "index"). */
  index?: LogIndex;
  protected: boolean;
  /** Set when PATCH_LOG exists with another layout: it is never changed. */
  layoutProblem?: string;
  geometry?: TableGeometry;
  /**
   * PATCH_LOG is a sheet the add-in began to create when the sync was cut off (Office.js has no
   * transaction): empty, or just the header row, or an unnamed table of it. The log is finished
   * on it rather than the sheet being called another layout, which would block every later seal.
   */
  leftover?: { tableName: string | null };
  /** Something is in the row directly below the log table (an append moves it down first). */
  belowOccupied?: boolean;
  /** Why entries cannot be appended although the log can be read (a total row, no header row). */
  appendProblem?: string;
}

export interface Snapshot {
  workbookName: string;
  runs: TableGeometry | null;
  dateSystem: 1900 | 1904;
  governance: Governance;
  hasGovernance: boolean;
  hasPrompts: boolean;
  log: LogState;
  /** Ids of the custom XML parts holding sealed documents (read their XML with readDetails). */
  sealPartIds: string[];
  /** The selection's row within the runs body (and its address then), or why it does not name one row. */
  selection?: { row: number; address: string } | { problem: string };
}

export interface Details {
  row: RowRead | null;
  seals: StoredSeal[];
  /** With a log index: the entries from `from` to the end, and a run's latest SEAL entry before them. */
  log?: LogTail;
}

export interface LogTail {
  from: number;
  entries: PatchLogEntry[];
  /** The latest SEAL entry of the run asked for, when it lies before `from`. */
  sealBefore?: PatchLogEntry;
}

export interface RowRead {
  index: number;
  values: CellValue[];
  numberFormats: string[];
  /** `LLM_OUTPUT!A5:I5` */
  address: string;
  /** RunID column of the whole body, for the duplicate check; null without a RunID column. */
  runIds: CellValue[] | null;
}

type Loaded<T> = {
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
  sheet: Excel.Worksheet;
  extra: T;
};

function bodyRows(values: unknown[][]): unknown[][] {
  // A table body of one all-empty row is an empty table (Excel keeps one row in a new table).
  return values.length === 1 && values[0].every((v) => v === "" || v === null)
    ? []
    : values;
}

function geometry(l: Loaded<unknown>): TableGeometry {
  return {
    sheet: l.sheet.name,
    headers: (l.header.values[0] ?? []).map(cellString),
    bodyRow: l.body.rowIndex,
    bodyCol: l.body.columnIndex,
    rowCount: l.body.rowCount,
    showHeaders: l.table.showHeaders,
    showTotals: l.table.showTotals,
  };
}

function governanceFrom(
  gov: unknown[][] | null,
  prompts: unknown[][] | null,
  govHeaders: string[],
  promptHeaders: string[],
): Governance {
  const g: Governance = {
    policyVersion: "",
    baseline: "",
    prompts: {},
    authorizedActors: null,
    unreadable: [],
  };
  const col = (headers: string[], name: string) =>
    headers.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  if (gov) {
    const k = col(govHeaders, "Key");
    const v = col(govHeaders, "Value");
    if (k >= 0 && v >= 0) {
      for (const r of gov) {
        const key = cellString(r[k]).trim();
        const value = cellString(r[v]);
        if (key === "PolicyVersion") g.policyVersion = value.trim();
        else if (key === "PolicyBaseline")
          g.baseline += value; // continued across rows, in table order
        else if (key === "AuthorizedActors" && value.trim())
          // An empty AuthorizedActors row (as the template has) lists nobody: no restriction.
          g.authorizedActors = [
            ...(g.authorizedActors ?? []),
            ...parseAuthorizedActors(value),
          ];
      }
    }
  }
  if (prompts) {
    const n = col(promptHeaders, "PromptName");
    const t = col(promptHeaders, "PromptText");
    if (n >= 0 && t >= 0) {
      for (const r of prompts) {
        const name = cellString(r[n]).trim();
        if (name) g.prompts[name] = cellString(r[t]);
      }
    }
  }
  return g;
}

export function logEntriesFrom(
  headers: string[],
  rows: unknown[][],
  /** The rows are not the whole body (a tail): an all-empty row is then an (edited) entry. */
  part = false,
): { entries: PatchLogEntry[]; layoutProblem?: string } {
  if (headers.join("\u0000") !== PATCH_LOG_COLUMNS.join("\u0000")) {
    return {
      entries: [],
      layoutProblem: `PATCH_LOG has columns ${headers.join(", ")}; the add-in expects ${PATCH_LOG_COLUMNS.join(", ")}. It was left unchanged: rename that sheet or fix its columns.`,
    };
  }
  return {
    entries: (part ? rows : bodyRows(rows)).map(
      (r) =>
        Object.fromEntries(
          PATCH_LOG_COLUMNS.map((c, i) => [c, cellString(r[i])]),
        ) as PatchLogEntry,
    ),
  };
}

function logIndexFrom(
  headers: string[],
  cols: unknown[][],
  checkpoint: unknown[][],
): { entries: PatchLogEntry[]; index?: LogIndex; layoutProblem?: string } {
  const layout = logEntriesFrom(headers, []);
  if (layout.layoutProblem) return layout;
  const rows = bodyRows(cols);
  return {
    entries: [],
    index: {
      actions: rows.map((r) => cellString(r[0])),
      runIds: rows.map((r) => cellString(r[1])),
      checkpoint: parseCheckpoint(checkpoint[0]?.[0]),
    },
  };
}

/**
 * Where the tail a seal reads begins: the checkpoint's own entry when the checkpoint fits the log,
 * else 0 (no checkpoint, or more entries counted than there are: all is read and checked).
 */
export function tailStart(index: LogIndex): number {
  const c = index.checkpoint;
  return c && c.count <= index.actions.length ? c.count - 1 : 0;
}

/** Position of a run's latest SEAL entry by the index, or -1. */
export function latestSealAt(index: LogIndex, runId: string): number {
  for (let i = index.actions.length - 1; i >= 0; i--)
    if (index.actions[i] === "SEAL" && index.runIds[i] === runId) return i;
  return -1;
}

function loadTable(
  wb: Excel.Workbook,
  name: string,
  bodyProps: string[] = [],
): Loaded<null> {
  const table = wb.tables.getItemOrNullObject(name);
  table.load(["name", "showHeaders", "showTotals"]);
  const sheet = table.worksheet;
  sheet.load("name");
  const header = table.getHeaderRowRange();
  header.load("values");
  const body = table.getDataBodyRange();
  body.load([
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    ...bodyProps,
  ]);
  return { table, header, body, sheet, extra: null };
}

/** Which of the four tables exist (one small sync; used when a missing table made the main read fail). */
async function probeTables(host: ExcelHost): Promise<Set<string>> {
  return host.run(async (ctx) => {
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    await ctx.sync();
    return new Set(tables.items.map((t) => t.name));
  });
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
      // A log with its header row off or a total row is read, but not appended to (see ledger.ts).
      const shape = !g.showHeaders
        ? "its header row is turned off"
        : g.showTotals
          ? "it has a total row"
          : null;
      const appendProblem = shape
        ? `PatchLogTable on PATCH_LOG cannot take new entries: ${shape}. It was left unchanged: turn that off (Table Design > ${g.showHeaders ? "Total Row" : "Header Row"}), then try again.`
        : undefined;
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
      snapshot.log.layoutProblem = `The sheet PATCH_LOG exists but has no table named PatchLogTable. It was left unchanged: rename that sheet so the add-in can create its log.`;
    }
    if (selected && snapshot.runs)
      snapshot.selection = resolveSelection(selected, snapshot.runs);
    return snapshot;
  });
}

/** An interrupted creation of the log (see LogState.leftover), or null for a sheet of someone else's. One more sync, only then. */
async function interruptedLog(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<{ tableName: string | null } | null> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(["address", "values"]);
  const tables = sheet.tables;
  tables.load("items/name");
  await ctx.sync();
  if (tables.items.length > 1) return null;
  if (!used.isNullObject) {
    const header = (used.values[0] ?? []).map(cellString);
    if (
      !/!A1:M1$/.test(used.address) ||
      header.join("\u0000") !== PATCH_LOG_COLUMNS.join("\u0000")
    )
      return null;
  } else if (tables.items.length) {
    return null;
  }
  return { tableName: tables.items[0]?.name ?? null };
}

/** The sheet of a Range.address (`LLM_OUTPUT!C2`, `'My runs'!C2`): one load fewer than worksheet/name. */
function sheetOfAddress(address: string): string {
  const quoted = /^'((?:[^']|'')*)'!/.exec(address);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(0, bang) : "";
}

function resolveSelection(
  sel: Excel.RangeAreas,
  runs: TableGeometry,
): { row: number; address: string } | { problem: string } {
  if (sel.areaCount !== 1)
    return {
      problem: `Select one row of ${RUN_TABLE} (the selection ${sel.address} has ${sel.areaCount} areas).`,
    };
  const a = sel.areas.items[0];
  const lastCol = runs.bodyCol + runs.headers.length - 1;
  const name = `${RUN_TABLE} on ${runs.sheet}`;
  const on = sheetOfAddress(a.address);
  if (on !== runs.sheet)
    return {
      problem: `The selection ${sel.address} is on ${on}; select a row of ${name}.`,
    };
  if (
    a.columnIndex > lastCol ||
    a.columnIndex + a.columnCount - 1 < runs.bodyCol
  ) {
    return {
      problem: `The selection ${sel.address} is outside ${name}; select a cell in the run's row.`,
    };
  }
  const top = a.rowIndex;
  const bottom = a.rowIndex + a.rowCount - 1;
  if (bottom === runs.bodyRow - 1 && top === bottom)
    return {
      problem: `The selection ${sel.address} is on the header of ${name}; select a run's row below it.`,
    };
  const first = Math.max(top, runs.bodyRow);
  const last = Math.min(bottom, runs.bodyRow + runs.rowCount - 1);
  if (runs.showTotals && top === bottom && top === runs.bodyRow + runs.rowCount)
    return {
      problem: `The selection ${sel.address} is on the total row of ${name}; select a run's row above it.`,
    };
  if (first > last)
    return {
      problem: `The selection ${sel.address} is outside ${name}; select a cell in the run's row.`,
    };
  if (last > first)
    return {
      problem: `The selection ${sel.address} covers ${last - first + 1} rows of ${name}; select one run (or seal several from the taskpane).`,
    };
  return { row: first - runs.bodyRow, address: sel.address };
}

/**
 * Sync 2: one row of the runs table (values, number formats, its RunID column) and the stored
 * seals; with a log index (SnapshotOptions.log "index"), the log from its checkpoint's entry to
 * the end, and `runId`'s latest SEAL entry when it lies before. A tail too large for one request is
 * read on its own, one sync per 4 MB.
 */
export async function readDetails(
  host: ExcelHost,
  s: Snapshot,
  rowIndex: number | null,
  runId?: string,
  /** Sealing the selection: the row must still be the selected one, visible, where sync 1 saw it. */
  selected = false,
): Promise<Details> {
  const read = (what: Omit<ReadWhat, "selected">) =>
    readDetailsOnce(host, s, rowIndex, runId, { ...what, selected });
  let d: Details;
  try {
    d = await read({ tail: true, parts: true, ids: true });
  } catch (e) {
    // Too large for one request or response (or a generic failure, as desktop Excel may report an
    // oversized one): read the row alone, then the log's tail in chunks and the parts in sized
    // batches. Reads only: nothing was changed by the failed attempt.
    if (!worthRetryingSmaller(e)) throw e;
    try {
      d = await read({ tail: false, parts: false, ids: true });
    } catch (e2) {
      // The RunID column alone is too large (some 300,000 runs): it is read in chunks.
      if (!worthRetryingSmaller(e2) || !s.runs) throw e2;
      d = await read({ tail: false, parts: false, ids: false });
      const k = findColumns(s.runs.headers).index.RunID;
      if (d.row && k >= 0)
        d.row.runIds = await readColumnChunks(
          host,
          RUN_TABLE,
          k,
          s.runs.rowCount,
        );
    }
    const g = s.log.geometry;
    if (s.log.index && g) {
      const from = tailStart(s.log.index);
      const rows = await readTableRows(
        host,
        LOG_TABLE,
        g,
        false,
        undefined,
        from,
      );
      d.log = {
        ...d.log,
        from,
        entries: tailEntries(g.headers, rows.values, from),
      };
    }
  }
  // The kept seals not read with the row, in batches sized by their measured bytes.
  const parts = await readPartsSized(host, s.sealPartIds);
  d.seals = parts
    .map((x) => parseSealPart(x.id, x.xml))
    .filter((p): p is StoredSeal => p !== null);
  return d;
}

function tailEntries(
  headers: string[],
  rows: unknown[][],
  from: number,
): PatchLogEntry[] {
  // From the top, the tail is the whole body: one all-empty row is then an empty log.
  return logEntriesFrom(headers, rows, from !== 0).entries;
}

/** What a second read carries besides the row (see readDetails). */
interface ReadWhat {
  /** The log from its checkpoint's entry on. */
  tail: boolean;
  /** The first kept seals not yet known, as many as fit beside the row (see readParts.ts). */
  parts: boolean;
  /** The whole RunID column (the duplicate check). */
  ids: boolean;
  /** Sealing the selection: check it still names this row, visible, where sync 1 saw it. */
  selected: boolean;
}

async function readDetailsOnce(
  host: ExcelHost,
  s: Snapshot,
  rowIndex: number | null,
  runId: string | undefined,
  what: ReadWhat,
): Promise<Details> {
  return host.run({ delayForCellEdit: true }, async (ctx) => {
    const runs = s.runs;
    const index = s.log.index;
    const g = s.log.geometry;
    let tail: Excel.Range | null = null;
    let sealRow: Excel.Range | null = null;
    const from = index ? tailStart(index) : 0;
    if (index && g) {
      const logBody = ctx.workbook.tables.getItem(LOG_TABLE).getDataBodyRange();
      if (what.tail && g.rowCount > from) {
        tail = logBody.getRow(from).getResizedRange(g.rowCount - 1 - from, 0);
        tail.load("values");
      }
      const at = runId === undefined ? -1 : latestSealAt(index, runId);
      if (at >= 0 && at < from) {
        sealRow = logBody.getRow(at);
        sealRow.load("values");
      }
    }
    let row: Excel.Range | null = null;
    let ids: Excel.Range | null = null;
    let recheck: { body: Excel.Range; sel: Excel.RangeAreas } | null = null;
    if (runs && rowIndex !== null) {
      const body = ctx.workbook.tables.getItem(RUN_TABLE).getDataBodyRange();
      row = body.getRow(rowIndex);
      row.load(["values", "numberFormat"]);
      if (what.selected) {
        // What sync 1 resolved must still hold: the same selection, the table where it was, the
        // row visible (Range.rowHidden, ExcelApi 1.2). README rule 15.
        row.load("rowHidden");
        body.load(["rowIndex", "rowCount"]);
        const sel = ctx.workbook.getSelectedRanges();
        sel.load("address");
        recheck = { body, sel };
      }
      const k = findColumns(runs.headers).index.RunID;
      if (k >= 0 && what.ids) {
        ids = body.getColumn(k);
        ids.load("values");
      }
    }
    // Beside the row and the RunID column (some 20 bytes a run), as many unknown parts as fit.
    const known = partCache(host).xml;
    const room = what.parts
      ? partsThatFit(host, SYNC2_BUDGET_BYTES - (runs ? runs.rowCount * 20 : 0))
      : 0;
    const first = s.sealPartIds
      .filter((id) => !known.has(id))
      .slice(0, room)
      .map((id) => ({
        id,
        xml: ctx.workbook.customXmlParts.getItem(id).getXml(),
      }));
    await ctx.sync();
    rememberParts(
      host,
      first.map((x) => ({ id: x.id, xml: x.xml.value })),
    );
    const seals: StoredSeal[] = []; // filled by readDetails from the part cache
    const log: LogTail | undefined =
      index && g
        ? {
            from,
            entries: tail ? tailEntries(g.headers, tail.values, from) : [],
            sealBefore: sealRow
              ? tailEntries(g.headers, sealRow.values, 1)[0]
              : undefined,
          }
        : undefined;
    if (!runs || rowIndex === null || !row) return { row: null, seals, log };
    const r0 = runs.bodyRow + rowIndex;
    if (recheck) checkStillSelected(s, runs, recheck, row, r0);
    return {
      log,
      row: {
        index: rowIndex,
        values: row.values[0] as CellValue[],
        numberFormats: (row.numberFormat[0] as unknown[]).map(String),
        address: `${quoteSheet(runs.sheet)}!${columnLetters(runs.bodyCol)}${r0 + 1}:${columnLetters(runs.bodyCol + runs.headers.length - 1)}${r0 + 1}`,
        runIds: ids ? ids.values.map((r) => r[0] as CellValue) : null,
      },
      seals,
    };
  });
}

function checkStillSelected(
  s: Snapshot,
  runs: TableGeometry,
  recheck: { body: Excel.Range; sel: Excel.RangeAreas },
  row: Excel.Range,
  r0: number,
): void {
  const was =
    s.selection && "address" in s.selection ? s.selection.address : "";
  if (
    recheck.body.rowIndex !== runs.bodyRow ||
    recheck.body.rowCount !== runs.rowCount ||
    recheck.sel.address !== was
  )
    throw new WorkbookError(
      `${RUN_TABLE} or the selection changed while the seal was reading it (the table was sorted, filtered, moved or resized, or the selection moved). Nothing was sealed: select the run's row again, then seal.`,
      "selection",
    );
  if (row.rowHidden)
    throw new WorkbookError(
      `The selected row (${quoteSheet(runs.sheet)} row ${r0 + 1}) is hidden, by a filter or by hand: the add-in does not seal a row you cannot see. Clear the filter or unhide the row, select the run, and seal again.`,
      "selection",
    );
}

/** What sync 2 may carry besides its parts, in bytes (the parts fill the rest, see readParts.ts). */
const SYNC2_BUDGET_BYTES = 3 * 1024 * 1024;

export function runCellName(
  runs: TableGeometry,
  index: number,
  col: number,
): string {
  return cellAddress(runs.sheet, runs.bodyRow + index, runs.bodyCol + col);
}

export function requireRuns(s: Snapshot): TableGeometry {
  if (s.runs && !s.runs.showHeaders) {
    throw new WorkbookError(
      `The header row of ${RUN_TABLE} is turned off, and the add-in finds each column by its header. Turn it back on (Table Design > Header Row), then try again.`,
      "no-table",
    );
  }
  if (!s.runs) {
    throw new WorkbookError(
      `This workbook has no table ${RUN_TABLE} (expected on the sheet ${RUN_SHEET}). Format the runs as a table named ${RUN_TABLE}, or open the sample workbook.`,
      "no-table",
    );
  }
  if (s.runs.sheet !== RUN_SHEET) {
    throw new WorkbookError(
      `${RUN_TABLE} is on the sheet ${s.runs.sheet}; the add-in expects it on ${RUN_SHEET}.`,
      "no-sheet",
    );
  }
  return s.runs;
}

/** One entry of the log by position (a run's latest SEAL before the tail, when the run was not known in sync 2). */
export async function readLogEntry(
  host: ExcelHost,
  s: Snapshot,
  at: number,
): Promise<PatchLogEntry | undefined> {
  const g = s.log.geometry;
  if (!g || at < 0 || at >= g.rowCount) return undefined;
  return host.run({ delayForCellEdit: true }, async (ctx) => {
    const row = ctx.workbook.tables
      .getItem(LOG_TABLE)
      .getDataBodyRange()
      .getRow(at);
    row.load("values");
    await ctx.sync();
    const values: unknown[][] = row.values;
    const [entry] = logEntriesFrom(g.headers, values, true).entries;
    return entry;
  });
}
