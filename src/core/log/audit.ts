// The auditor's view of a PATCH_LOG (issue 13, `sealed-run log`): the chain verdict, what each
// sealed file held outside the log says about it, and a count per action. Pure: the shells read
// the log and the files; this decides.
import type { PatchLogEntry } from "../types";
import { checkChainSync, type ChainReport } from "./chain";

/** A sealed file whose hash verified, as the cross-check needs it. */
export interface SealRef {
  /** The file as given (a path) or its name in the workbook. */
  file: string;
  runId: string;
  hash: string;
  /** Its `reconstruction.patch_log_head`: "" when the log was empty. */
  head: string;
}

export interface UnloggedSeal extends SealRef {
  reason: string;
}

export interface MissingSealFile {
  entryId: string;
  runId: string;
  sealHash: string;
  fileName: string;
}

export interface LogAudit {
  chain: ChainReport;
  /** Entries per action; an unknown action counts under its own name. */
  actions: Record<string, number>;
  /** Seals that have no SEAL entry naming their hash. */
  unlogged: UnloggedSeal[];
  /** SEAL entries whose sealed file is not among the seals given (null: no seals were given). */
  missingFiles: MissingSealFile[] | null;
}

export function auditLog(
  entries: readonly PatchLogEntry[],
  seals: readonly SealRef[] | null,
): LogAudit {
  const given = seals ?? [];
  const chain = checkChainSync(
    entries,
    given.map((s) => ({ head: s.head, sealHash: s.hash, recordedBy: s.file })),
  );
  const actions: Record<string, number> = { SEAL: 0, PATCH: 0, REFUSED: 0 };
  const sealEntriesByHash = new Map<string, PatchLogEntry>();
  const sealCountByRun = new Map<string, number>();
  for (const e of entries) {
    actions[e.Action] = (actions[e.Action] ?? 0) + 1;
    if (e.Action !== "SEAL") continue;
    sealEntriesByHash.set(e.SealHash, e);
    sealCountByRun.set(e.RunID, (sealCountByRun.get(e.RunID) ?? 0) + 1);
  }
  const unlogged: UnloggedSeal[] = [];
  for (const s of given) {
    if (sealEntriesByHash.has(s.hash)) continue;
    const n = sealCountByRun.get(s.runId) ?? 0;
    unlogged.push({
      ...s,
      reason: n
        ? `${s.file}: no SEAL entry names its hash ${s.hash}; the log's ${n} SEAL entr${n === 1 ? "y" : "ies"} for ${s.runId} name other seals`
        : `${s.file}: the log has no SEAL entry for run ${s.runId}`,
    });
  }
  let missingFiles: MissingSealFile[] | null = null;
  if (seals) {
    const hashes = new Set(seals.map((s) => s.hash));
    missingFiles = [];
    for (const e of entries)
      if (e.Action === "SEAL" && !hashes.has(e.SealHash))
        missingFiles.push({
          entryId: e.EntryID,
          runId: e.RunID,
          sealHash: e.SealHash,
          fileName: e.FileName,
        });
  }
  return { chain, actions, unlogged, missingFiles };
}

/** Whether the audit found nothing: chain intact, every seal logged, every logged seal given. */
export function auditClean(a: LogAudit): boolean {
  return a.chain.intact && !a.unlogged.length && !a.missingFiles?.length;
}
