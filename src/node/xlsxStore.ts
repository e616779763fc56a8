// A workbook file as a WorkbookStore (src/workflows/store.ts), for the CLI: the package layer
// (src/xlsx) loads it into the in-memory workbook model, this reads and writes that model the way
// the Office.js adapter reads and writes the open workbook, and src/node/xlsxSource.ts saves the
// changed parts back. No Office.js and no emulation of it: the model's cells are read as
// Range.values and Range.numberFormat return them, and the log is written as text the way
// src/office/ledger.ts writes it (number format "@" before the value, a leading apostrophe
// behind a General cell's quote prefix), so that a seal from the CLI and one from the add-in are
// the same document and leave the same log.
import { findColumns, PATCH_LOG_COLUMNS } from "../core";
import type { CellValue, PatchLogEntry } from "../core";
import type { Details } from "../office/details";
import { translateOfficeError } from "../office/errors";
import { governanceFrom } from "../office/governance";
import {
  appendProblemOf,
  entryCount,
  leftoverOf,
  logEntriesFrom,
  NO_LOG_TABLE,
  type LedgerRead,
} from "../office/logRead";
import {
  CHECKPOINT_COL_OFFSET,
  CHECKPOINT_LABEL,
  checkpointText,
} from "../office/checkpoint";
import {
  cellString,
  columnLetters,
  quoteSheet,
  textCells,
} from "../office/cells";
import {
  GOVERNANCE_TABLE,
  LOG_SHEET,
  LOG_TABLE,
  PROMPTS_TABLE,
  RUN_TABLE,
  SEAL_PART_NS,
} from "../office/names";
import {
  parseSealPart,
  sealPartText,
  sealPartXml,
  type StoredSeal,
} from "../office/sealStore";
import type { Snapshot } from "../office/snapshot";
import { bodyRows, type TableGeometry } from "../office/tables";
import { WorkbookError } from "../office/workbookError";
import type { Rect } from "../simulator/address";
import type { SimSheet, SimTable, SimWorkbook } from "../simulator/workbook";
import type { SealWrite, WorkbookStore } from "../workflows";

const rectOf = (r0: number, c0: number, r1: number, c1: number): Rect => ({
  r0,
  c0,
  r1,
  c1,
});

/** Range.values of a rectangle (none for an empty one). */
function valuesAt(sheet: SimSheet, r: Rect): CellValue[][] {
  return r.r1 < r.r0 ? [] : (sheet.values(sheet.address(r)) as CellValue[][]);
}

function geometryOf(t: SimTable): TableGeometry {
  return {
    sheet: t.sheet.name,
    headers: (valuesAt(t.sheet, t.headerRect)[0] ?? []).map(cellString),
    bodyRow: t.bodyRect.r0,
    bodyCol: t.rect.c0,
    rowCount: t.rowCount,
    showHeaders: t.showHeaders,
    showTotals: t.showTotals,
  };
}

function ledgerOf(book: SimWorkbook, readBody: boolean): LedgerRead {
  const sheet = book.findSheet(LOG_SHEET);
  const table = book.findTable(LOG_TABLE);
  const log: LedgerRead = {
    exists: !!table,
    entries: [],
    protected: !!sheet?.protection.protected,
  };
  if (table) {
    const g = geometryOf(table);
    const below = table.bodyRect.r1 + 1;
    return {
      ...log,
      // The whole body: a file is in memory already, and a full chain check is the stricter one.
      ...(readBody
        ? logEntriesFrom(g.headers, valuesAt(table.sheet, table.bodyRect))
        : { entries: [] }),
      geometry: g,
      appendProblem: appendProblemOf(g),
      belowOccupied: valuesAt(
        table.sheet,
        rectOf(below, table.rect.c0, below, table.rect.c1),
      )[0].some((v) => v !== "" && v !== null),
    };
  }
  if (!sheet) return log;
  const used = sheet.usedRect(true);
  const leftover = leftoverOf(
    book.liveTables.filter((t) => t.sheet === sheet).map((t) => t.name),
    used
      ? { address: sheet.address(used), firstRow: valuesAt(sheet, used)[0] }
      : null,
  );
  return leftover
    ? { ...log, leftover }
    : { ...log, layoutProblem: NO_LOG_TABLE };
}

/** Write `rows` as text the way the add-in does (src/office/cells.ts writeText), growing a table they extend. */
function writeText(
  book: SimWorkbook,
  sheet: SimSheet,
  r: Rect,
  rows: string[][],
): void {
  const cells = textCells(rows);
  const address = sheet.address(r);
  sheet.assertEditable("Range.numberFormat", "allowFormatCells");
  sheet.setNumberFormat(address, cells.numberFormat);
  sheet.assertEditable("Range.values");
  sheet.enter(address, cells.values);
  book.expandTablesBelow(sheet, r);
}

/** The log sheet and table to append to, created (or an interrupted creation finished) when missing. */
function logTable(book: SimWorkbook, log: LedgerRead): SimTable {
  if (log.exists) return book.table(LOG_TABLE);
  const sheet = log.leftover ? book.sheet(LOG_SHEET) : book.addSheet(LOG_SHEET);
  const left = log.leftover?.tableName;
  if (left) {
    const table = book.table(left);
    if (left !== LOG_TABLE) {
      book.validateTableName(LOG_TABLE, table);
      table.name = LOG_TABLE;
    }
    return table;
  }
  const last = PATCH_LOG_COLUMNS.length - 1;
  sheet.enter(sheet.address(rectOf(0, 0, 0, last)), [[...PATCH_LOG_COLUMNS]]);
  return book.createTable(sheet, rectOf(0, 0, 0, last), true, LOG_TABLE);
}

/**
 * src/workflows/officeStore.ts commit, on the model, in its order: the log sheet unprotected first (a
 * password stops everything before the seal is kept), the seal kept, the entries below the log,
 * the checkpoint beside it, the sheet protected again.
 */
function commitSeal(
  book: SimWorkbook,
  log: LedgerRead,
  write: SealWrite,
): void {
  const problem = log.layoutProblem ?? log.appendProblem;
  if (problem) throw new WorkbookError(problem, "log-layout");
  const sheetBefore = book.findSheet(LOG_SHEET);
  if (log.protected && sheetBefore) sheetBefore.unprotect();
  if (write.part)
    book.addCustomXmlPart(sealPartXml(write.part.meta, write.part.text));
  const table = logTable(book, log);
  const sheet = table.sheet;
  const rows = write.entries.map((e) => PATCH_LOG_COLUMNS.map((c) => e[c]));
  const { c0, c1 } = table.rect;
  // A new table has one empty body row: it takes the first entry.
  const emptyBody =
    !log.exists ||
    (entryCount(log) === 0 && (log.geometry?.rowCount ?? 0) >= 1);
  let above = table.bodyRect.r1;
  let rest = rows;
  if (emptyBody) {
    above = table.bodyRect.r0;
    writeText(book, sheet, rectOf(above, c0, above, c1), [rows[0]]);
    rest = rows.slice(1);
  }
  if (rest.length) {
    const below = rectOf(above + 1, c0, above + rest.length, c1);
    // Something under the log (or more rows than the one read): moved down, never overwritten.
    if (log.belowOccupied || rest.length > 1)
      book.insertCells(sheet, below.r0, rest.length, c0, c1);
    writeText(book, sheet, below, rest);
  }
  if (write.checkpoint) {
    const r0 = table.rect.r0;
    const c = c0 + CHECKPOINT_COL_OFFSET;
    writeText(book, sheet, rectOf(r0, c, r0 + 1, c), [
      [CHECKPOINT_LABEL],
      [checkpointText(write.checkpoint)],
    ]);
  }
  sheet.protect({});
}

/** The kept seals, in the workbook's order. */
function keptSeals(book: SimWorkbook): StoredSeal[] {
  return book.liveParts
    .filter((p) => p.namespaceUri === SEAL_PART_NS)
    .map((p) => parseSealPart(p.id, p.xml))
    .filter((s): s is StoredSeal => s !== null);
}

export function xlsxStore(book: SimWorkbook): WorkbookStore {
  return {
    snapshot(opts) {
      if (opts.selection)
        return Promise.reject(
          new Error("a workbook file has no selection to seal"),
        );
      const table = (name: string) => book.findTable(name);
      const runs = table(RUN_TABLE);
      const gov = table(GOVERNANCE_TABLE);
      const prompts = table(PROMPTS_TABLE);
      const body = (t: SimTable | undefined) =>
        t ? bodyRows(valuesAt(t.sheet, t.bodyRect)) : null;
      const headers = (t: SimTable | undefined) =>
        t ? geometryOf(t).headers : [];
      const snap: Snapshot = {
        workbookName: book.name,
        runs: runs ? geometryOf(runs) : null,
        dateSystem: book.dateSystem,
        governance: governanceFrom(
          body(gov),
          body(prompts),
          headers(gov),
          headers(prompts),
        ),
        hasGovernance: !!gov,
        hasPrompts: !!prompts,
        log: ledgerOf(book, opts.log !== false),
        sealPartIds: opts.seals
          ? book.liveParts
              .filter((p) => p.namespaceUri === SEAL_PART_NS)
              .map((p) => p.id)
          : [],
      };
      return Promise.resolve(snap);
    },

    details(s, rowIndex) {
      const runs = s.runs;
      const seals = s.sealPartIds.length ? keptSeals(book) : [];
      if (!runs || rowIndex === null)
        return Promise.resolve<Details>({ row: null, seals });
      const sheet = book.sheet(runs.sheet);
      const r0 = runs.bodyRow + rowIndex;
      const last = runs.bodyCol + runs.headers.length - 1;
      const row = rectOf(r0, runs.bodyCol, r0, last);
      const k = findColumns(runs.headers).index.RunID;
      const ids =
        k >= 0
          ? valuesAt(
              sheet,
              rectOf(
                runs.bodyRow,
                runs.bodyCol + k,
                runs.bodyRow + runs.rowCount - 1,
                runs.bodyCol + k,
              ),
            ).map((r) => r[0])
          : null;
      return Promise.resolve<Details>({
        row: {
          index: rowIndex,
          values: valuesAt(sheet, row)[0],
          numberFormats: sheet.numberFormats(sheet.address(row))[0].map(String),
          address: `${quoteSheet(runs.sheet)}!${columnLetters(runs.bodyCol)}${r0 + 1}:${columnLetters(last)}${r0 + 1}`,
          runIds: ids,
        },
        seals,
      });
    },

    logEntry: (s, at) =>
      Promise.resolve<PatchLogEntry | undefined>(s.log.entries[at]),
    wholeLog: (s) => Promise.resolve(s.log.entries),

    commit(s, write, doing) {
      try {
        commitSeal(book, s.log, write);
      } catch (e) {
        // The model refuses as Excel would (a password on the log sheet, a name taken): said the
        // add-in's way. Nothing reaches the file, which is written only after this succeeds.
        return Promise.reject(translateOfficeError(e, doing));
      }
      // One writer holds the file's lock: no co-author can fork the log between write and read-back.
      return Promise.resolve([]);
    },

    // The file is written by the caller once the seal's own file exists (src/node/xlsxSource.ts).
    save: () => Promise.resolve({ saved: true }),

    sealText(id) {
      const part = book.findPart(id);
      if (!part)
        return Promise.reject(
          new WorkbookError(
            "That seal is no longer kept in this workbook.",
            "no-seal",
          ),
        );
      return Promise.resolve(sealPartText(part.xml));
    },
  };
}
