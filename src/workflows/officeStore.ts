// The open workbook as a WorkbookStore, through Office.js (src/office): the reads and the one
// write batch a seal makes, in the syncs src/office/snapshot.ts and details.ts describe.
import { logEntriesFrom, readLogEntry } from "../office/logRead";
import { checkAppend, queueAppend, queueUnprotect } from "../office/ledger";
import { readSealPartText, sealPartXml } from "../office/sealStore";
import { readTableRows } from "../office/readRuns";
import { translateOfficeError } from "../office/errors";
import { saveWorkbook } from "../office/save";
import { LOG_TABLE } from "../office/names";
import type { ExcelHost } from "../office/host";
import { detailsOf, snapshotOf } from "./context";
import type { WorkbookStore } from "./store";

export function officeStore(host: ExcelHost): WorkbookStore {
  const signing = () =>
    import("./officeSignatures").then((m) => m.officeSignatures(host));
  return {
    snapshot: (opts) => snapshotOf(host, opts),
    details: (s, row, runId, selected) =>
      detailsOf(host, s, row, runId, selected),
    logEntry: (s, at) => readLogEntry(host, s.log, at),
    async wholeLog(s) {
      const g = s.log.geometry;
      if (!g) return [];
      const rows = await readTableRows(host, LOG_TABLE, g, false);
      return logEntriesFrom(g.headers, rows.values).entries;
    },
    async commit(s, write, doing) {
      const warnings: string[] = [];
      try {
        await host.run({ delayForCellEdit: true }, async (ctx) => {
          // Unprotecting first: a password the add-in lacks stops the batch before anything is kept.
          const unprotected = queueUnprotect(ctx.workbook, s.log);
          if (write.part)
            ctx.workbook.customXmlParts.add(
              sealPartXml(write.part.meta, write.part.text),
            );
          const q = queueAppend(
            ctx.workbook,
            s.log,
            write.entries,
            unprotected,
            write.checkpoint,
          );
          await ctx.sync();
          warnings.push(
            ...checkAppend(q, write.entries[write.entries.length - 1]),
          );
        });
      } catch (e) {
        throw translateOfficeError(e, doing);
      }
      return warnings;
    },
    save: () => saveWorkbook(host),
    sealText: (id) => readSealPartText(host, id),
    // Signing's reads and writes load with their first use, not with the pane.
    keptSignatures: () => signing().then((s) => s.keptSignatures()),
    addSignature: (meta, envelope) =>
      signing().then((s) => s.addSignature(meta, envelope)),
    actorKeys: () => signing().then((s) => s.actorKeys()),
    addActorKeyRow: (row) => signing().then((s) => s.addActorKeyRow(row)),
  };
}
