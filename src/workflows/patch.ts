// Record a correction of a sealed run as a PATCH entry (seal → version → patch). The sealed
// document, in the file and in the workbook, is never touched.
import {
  checkChain,
  exportTimestamp,
  lookupField,
  logText,
  makeEntry,
  newValueText,
  verifyDocument,
} from "../core";
import { unsavedWarning } from "../office/save";
import { WorkbookError, type PatchOutcome, type PatchRequest } from "./api";
import { requireActor, storedDocument } from "./context";
import { ledgerLogStore } from "./ledgerLog";
import type { WorkbookStore } from "./store";

export async function recordPatchInWorkbook(
  store: WorkbookStore,
  req: PatchRequest,
): Promise<PatchOutcome> {
  requireActor(req.actor.name);
  if (!req.reason.trim())
    throw new WorkbookError(
      "Say why the correction is made: a patch needs a reason.",
      "bad-patch",
    );
  const ledger = ledgerLogStore(store, "Recording the patch");
  const log = await ledger.read();
  if (log.problems.length)
    throw new WorkbookError(log.problems[0], "log-layout");
  const snap = ledger.snapshot!;
  const sealEntry = log.entries.find(
    (e) => e.Action === "SEAL" && e.SealHash === req.sealHash,
  );
  if (!sealEntry)
    throw new WorkbookError(
      `PATCH_LOG has no SEAL entry for ${req.sealHash}; a patch must name a seal logged in this workbook.`,
      "no-seal",
    );
  const details = await store.details(snap, null);
  const chain = await checkChain(
    log.entries,
    details.seals.map((s) => ({ head: s.head, recordedBy: s.fileName })),
  );
  if (!chain.intact)
    throw new WorkbookError(
      `PATCH_LOG is broken, so nothing was recorded: ${chain.firstBreak?.message}`,
      "log-layout",
    );

  let doc = req.document;
  // A file is patched only while its content is what was sealed: the old value recorded must be
  // the sealed one, not an edit made since.
  if (
    doc &&
    !(await verifyDocument(doc as unknown as Record<string, unknown>)).valid
  )
    throw new WorkbookError(
      "This file's content was changed after sealing, so it cannot be patched: patch the seal kept in the workbook, or a copy of the file that verifies.",
      "bad-patch",
    );
  if (!doc) {
    const stored = details.seals.find((s) => s.hash === req.sealHash);
    if (!stored)
      throw new WorkbookError(
        `The seal ${req.sealHash} is not kept in this workbook; open its file in the Verify panel and patch from there.`,
        "no-seal",
      );
    doc = await storedDocument(store, stored.id);
  }
  if (doc.hash !== req.sealHash)
    throw new WorkbookError(
      "The document given is not the seal named.",
      "bad-patch",
    );
  const found = lookupField(doc, req.field);
  if (!found.ok)
    throw new WorkbookError(
      `Field ${req.field}: ${found.message}`,
      "bad-patch",
    );
  const next = newValueText(found.value, req.newValue);
  if (!next.ok)
    throw new WorkbookError(`New value: ${next.message}`, "bad-patch");
  const oldText = logText(found.value);
  if (next.text === oldText)
    throw new WorkbookError(
      `${req.field} already is ${oldText}; nothing to correct.`,
      "bad-patch",
    );

  let entry;
  try {
    entry = await makeEntry(log.entries, {
      Timestamp: exportTimestamp((req.now ?? (() => new Date()))()),
      Action: "PATCH",
      RunID: doc.meta.run_id,
      SealHash: doc.hash,
      FileName: sealEntry.FileName,
      Actor: req.actor.name.trim(),
      Field: req.field,
      OldValue: oldText,
      NewValue: next.text,
      Reason: req.reason.trim(),
    });
  } catch (e) {
    throw new WorkbookError((e as Error).message, "too-long");
  }
  // The whole chain was checked above: the checkpoint moves to this entry, in the same batch.
  const warnings = await ledger.append([entry], {
    count: log.count + 1,
    head: entry.EntryHash,
  });
  if (warnings.length) throw new WorkbookError(warnings.join(" "), "office");
  const save = await store.save();
  return {
    logEntry: entry,
    saved: save.saved,
    warnings: unsavedWarning("The patch is logged", save),
  };
}
