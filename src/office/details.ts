// Sync 2 of a read (sync 1 is snapshot.ts): the one row, the RunID column, the kept seals as far as
// they fit, the log's tail from the checkpoint on; for the selection, the checks that it still
// names that row, visible, where sync 1 saw it.
// Requirement sets: ranges, numberFormat 1.1; rowHidden 1.2; customXmlParts 1.5; getSelectedRanges 1.9.
import type { CellValue } from "../core";
import { findColumns } from "../core";
import type { ExcelHost } from "./host";
import { columnLetters, quoteSheet } from "./cells";
import { LOG_TABLE, RUN_TABLE } from "./names";
import { parseSealPart, type StoredSeal } from "./sealStore";
import {
  partCache,
  partsThatFit,
  readPartsSized,
  rememberParts,
  worthRetryingSmaller,
} from "./readParts";
import { readColumnChunks, readTableRows } from "./readRuns";
import { latestSealAt, tailEntries, tailStart, type LogTail } from "./logRead";
import type { Snapshot } from "./snapshot";
import type { TableGeometry } from "./tables";
import { WorkbookError } from "./workbookError";

export interface Details {
  row: RowRead | null;
  seals: StoredSeal[];
  /** With a log index: the entries from `from` to the end, and a run's latest SEAL entry before them. */
  log?: LogTail;
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
