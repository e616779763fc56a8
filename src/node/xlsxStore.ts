// A workbook file as a WorkbookStore (src/workflows/store.ts), for the CLI: the package layer
// (src/xlsx) loads it into the in-memory workbook model, this reads and writes that model the way
// the Office.js adapter reads and writes the open workbook, and src/node/xlsxSource.ts saves the
// changed parts back. No Office.js and no emulation of it: the model's cells are read as
// Range.values and Range.numberFormat return them, and the log is written as text the way
// src/office/ledger.ts writes it (number format "@" before the value, a leading apostrophe
// behind a General cell's quote prefix), so that a seal from the CLI and one from the add-in are
// the same document and leave the same log.
import { findColumns } from "../core";
import type { PatchLogEntry } from "../core";
import type { Details } from "../office/details";
import { translateOfficeError } from "../office/errors";
import { governanceFrom } from "../office/governance";
import { columnLetters, quoteSheet } from "../office/cells";
import {
  GOVERNANCE_TABLE,
  PROMPTS_TABLE,
  RUN_TABLE,
  SEAL_PART_NS,
} from "../office/names";
import {
  parseSealPart,
  sealPartText,
  type StoredSeal,
} from "../office/sealStore";
import type { Snapshot } from "../office/snapshot";
import { bodyRows } from "../office/tables";
import { WorkbookError } from "../office/workbookError";
import { actorKeysOf, planKeyRow, type TableCells } from "../office/actorKeys";
import {
  parseSignaturePart,
  SIGNATURE_PART_NS,
  signaturePartXml,
  type KeptSignature,
} from "../office/signatureStore";
import { ACTOR_KEYS_TABLE, NO_ACTOR_KEYS } from "../core/sign";
import type { SimTable, SimWorkbook } from "@sealed-run/workbook-model";
import type { WorkbookStore } from "../workflows";
import { commitSeal, ledgerOf } from "./xlsxLedger";
import { geometryOf, rectOf, valuesAt } from "./xlsxModelRead";
import { writeText } from "./xlsxModelWrite";

/** ActorKeysTable's cells, as src/office/actorKeys.ts reads them from Excel. */
function keyTableCells(t: SimTable): TableCells {
  const g = geometryOf(t);
  return {
    sheet: g.sheet,
    headers: g.headers,
    body: valuesAt(t.sheet, t.bodyRect),
    bodyRow: g.bodyRow,
    bodyCol: g.bodyCol,
  };
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

    keptSignatures: () =>
      Promise.resolve(
        book.liveParts
          .filter((p) => p.namespaceUri === SIGNATURE_PART_NS)
          .map((p) => parseSignaturePart(p.id, p.xml))
          .filter((k): k is KeptSignature => k !== null),
      ),

    addSignature: (meta, envelope) =>
      Promise.resolve(
        book.addCustomXmlPart(signaturePartXml(meta, envelope)).id,
      ),

    actorKeys() {
      const t = book.findTable(ACTOR_KEYS_TABLE);
      return t ? actorKeysOf(keyTableCells(t)) : Promise.resolve(NO_ACTOR_KEYS);
    },

    // src/office/actorKeys.ts appendActorKeyRow on the model: TableRowCollection.add, then the
    // row's cells as text. Nothing reaches the file, which the caller writes only after this.
    async addActorKeyRow(row) {
      const t = book.findTable(ACTOR_KEYS_TABLE);
      if (!t) return { kind: "no-table" };
      const plan = await planKeyRow(keyTableCells(t), row);
      if (plan.kind !== "write") return plan;
      // Excel refuses rows.add on a protected sheet (AccessDenied); said here with the sheet's
      // name, since the CLI has no sheet in view.
      if (t.sheet.protection.protected)
        throw new WorkbookError(
          `the sheet ${t.sheet.name} is protected, so ActorKeysTable cannot take a row: unprotect it (Review > Unprotect Sheet), then try again. Nothing was written.`,
          "log-protected",
        );
      try {
        if (!plan.fillEmpty) book.addTableRows(t, undefined, null);
        const r = plan.fillEmpty ? t.bodyRect.r0 : t.bodyRect.r1;
        writeText(book, t.sheet, rectOf(r, t.rect.c0, r, t.rect.c1), [
          plan.values,
        ]);
      } catch (e) {
        throw translateOfficeError(e, "Adding your key to ActorKeysTable");
      }
      return { kind: "added", cell: plan.cell };
    },

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
