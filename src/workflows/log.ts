// The Log view's data, and the repair of seals that were stored but never logged.
import {
  checkChain,
  makeEntry,
  type PatchLogEntry,
  type SealedRun,
} from "../core";
import { WorkbookError, type Actor, type LogView } from "./api";
import { orphansOf, requireActor, storedDocument } from "./context";
import { ledgerLogStore } from "./ledgerLog";
import type { WorkbookStore } from "./store";

export async function readLogView(store: WorkbookStore): Promise<LogView> {
  const snap = await store.snapshot({ seals: true });
  if (snap.log.layoutProblem)
    throw new WorkbookError(snap.log.layoutProblem, "log-layout");
  const details = await store.details(snap, null);
  const chain = await checkChain(
    snap.log.entries,
    details.seals.map((s) => ({ head: s.head, recordedBy: s.fileName })),
  );
  return {
    entries: snap.log.entries,
    chain,
    orphans: orphansOf(details.seals, snap.log.entries),
  };
}

/** Append the SEAL entry each orphaned seal should have had (its own timestamp, file and sealer). */
export async function repairOrphansInWorkbook(
  store: WorkbookStore,
  actor: Actor,
): Promise<number> {
  requireActor(actor.name);
  const ledger = ledgerLogStore(store, "Repairing the log");
  const log = await ledger.read();
  const details = await store.details(ledger.snapshot!, null);
  const orphans = orphansOf(details.seals, log.entries);
  if (!orphans.length) return 0;
  // The repaired entries move the checkpoint only over a chain that checks intact in full;
  // otherwise it stays, and the next seal checks everything after it.
  const intact = (
    await checkChain(
      log.entries,
      details.seals.map((s) => ({ head: s.head, recordedBy: s.fileName })),
    )
  ).intact;
  const entries = [...log.entries];
  const added: PatchLogEntry[] = [];
  for (const o of orphans) {
    const doc: SealedRun = await storedDocument(store, o.id);
    const e = await makeEntry(entries, {
      Timestamp: doc.meta.export_timestamp,
      Action: "SEAL",
      RunID: doc.meta.run_id,
      SealHash: doc.hash,
      FileName: o.fileName,
      Actor: doc.authority_envelope.actor,
      Reason: `repaired by ${actor.name.trim()}: the seal was stored but its entry was not written`,
    });
    entries.push(e);
    added.push(e);
  }
  const last = added[added.length - 1];
  await ledger.append(
    added,
    intact ? { count: entries.length, head: last.EntryHash } : undefined,
  );
  // A failed save leaves the repair written: the next save keeps it.
  await store.save();
  return added.length;
}
