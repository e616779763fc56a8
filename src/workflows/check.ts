// Hold a sealed document against the open workbook: is it logged, has its row changed since,
// which patches name it, is the chain intact (CONTRACT §6).
import {
  checkChain,
  fieldDifferences,
  sealedFields,
  verifyDocument,
  type PatchLogEntry,
  type SealedRun,
} from "../core";
import { requireRuns } from "../office/tables";
import type { WorkbookStore } from "./store";
import type { CheckBasis, FieldChange, StoredSeal, WorkbookCheck } from "./api";
import { changesSince } from "./changes";
import { rowOfRun, rowSource, storedDocument } from "./context";

/** Where an altered file differs from the seal it claims to be (nothing, when its shape is broken too). */
function editsOf(seal: SealedRun, file: SealedRun): FieldChange[] {
  try {
    return fieldDifferences(sealedFields(seal), sealedFields(file));
  } catch {
    return [];
  }
}

/**
 * What to compare the workbook with. An intact file is the seal. An altered file is not: its edited
 * values would be reported as changes of the row. Then the seal kept in the workbook under the hash
 * the file claims (else the run's latest kept seal) stands in for it; a seal known only from the
 * log's SealHash gives no values to compare.
 */
async function basisOf(
  store: WorkbookStore,
  doc: SealedRun,
  fileIntact: boolean,
  seals: readonly StoredSeal[],
  entries: readonly PatchLogEntry[],
): Promise<{ basis: CheckBasis; reference: SealedRun | null }> {
  if (fileIntact) return { basis: { kind: "file" }, reference: doc };
  const runId = doc.meta?.run_id;
  const kept =
    seals.find((s) => s.hash === doc.hash) ??
    [...seals].reverse().find((s) => s.runId === runId);
  if (kept) {
    try {
      const reference = await storedDocument(store, kept.id);
      return {
        basis: { kind: "kept-seal", fileName: kept.fileName, hash: kept.hash },
        reference,
      };
    } catch {
      // A kept copy that no longer verifies is no reference either: fall back to the log.
    }
  }
  const logged =
    entries.find((e) => e.Action === "SEAL" && e.SealHash === doc.hash) ??
    [...entries]
      .reverse()
      .find((e) => e.Action === "SEAL" && e.RunID === runId);
  if (logged)
    return {
      basis: {
        kind: "log-only",
        entryId: logged.EntryID,
        hash: logged.SealHash,
      },
      reference: null,
    };
  return { basis: { kind: "none" }, reference: null };
}

export async function checkInWorkbook(
  store: WorkbookStore,
  doc: SealedRun,
): Promise<WorkbookCheck> {
  // Recomputed here rather than taken from the caller: whether the file can speak for the seal is
  // this check's first question.
  const fileIntact = (
    await verifyDocument(doc as unknown as Record<string, unknown>)
  ).valid;
  const snap = await store.snapshot({ seals: true });
  const entries = snap.log.entries;
  const sealEntry =
    entries.find((e) => e.Action === "SEAL" && e.SealHash === doc.hash) ?? null;
  let details = await store.details(snap, null);
  const heads = details.seals.map((s) => ({
    head: s.head,
    recordedBy: s.fileName,
  }));
  // An altered file's recorded log head is not evidence of anything.
  if (sealEntry && fileIntact)
    heads.push({
      head: doc.reconstruction.patch_log_head,
      recordedBy: sealEntry.FileName || doc.meta.run_id,
    });
  const chain = await checkChain(entries, heads);
  const patches = entries.filter(
    (e) => e.Action === "PATCH" && e.SealHash === doc.hash,
  );
  const { basis, reference } = await basisOf(
    store,
    doc,
    fileIntact,
    details.seals,
    entries,
  );
  const fileEdits = reference && !fileIntact ? editsOf(reference, doc) : [];

  let rowFound = false;
  let changes: FieldChange[] = [];
  if (snap.runs) {
    const runs = requireRuns(snap.runs);
    if (runs.rowCount > 0) details = await store.details(snap, 0);
    const lookup = rowOfRun(snap, details.row?.runIds ?? null, doc.meta.run_id);
    if (lookup.rowIndex !== null) {
      rowFound = true;
      if (reference) {
        const row = (await store.details(snap, lookup.rowIndex)).row!;
        changes = changesSince(
          reference,
          rowSource(snap, row.address, row.values, row.numberFormats),
        );
      }
    }
  }
  return {
    fileIntact,
    basis,
    fileEdits,
    sealEntry,
    rowFound,
    changes,
    patches,
    chain,
  };
}
