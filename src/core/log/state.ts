// The log as one model (CONTRACT §6). Whatever keeps it — the workbook's PatchLogTable (src/office)
// or PATCH_LOG.csv beside the sealed files (src/node) — reads into a LogState and takes new entries
// through a LogStore; the chain check, the next entry and the seal's checks see only these shapes.
import { checkChain, type ChainReport, type KnownHead } from "./chain";
import type { PatchLogEntry } from "../types";

/**
 * A verified checkpoint: the log was checked intact through `count` entries, the last of which has
 * EntryHash `head`. The workbook keeps one beside PATCH_LOG so that a seal reads only what follows.
 */
export interface LogCheckpoint {
  count: number;
  head: string;
}

/**
 * A log whose first `verifiedCount` entries were verified when its checkpoint was written (the
 * workbook keeps the count and the EntryHash of entry verifiedCount - 1 beside PATCH_LOG), so
 * only the entries after them are read and checked. The verified prefix is trusted, not
 * re-hashed: its edits and cuts show at the next full check (the Log view, or any seal whose
 * checkpoint no longer matches), not here.
 */
export interface VerifiedLog {
  verifiedCount: number;
  /** EntryHash of entry verifiedCount - 1, as the checkpoint records it. */
  verifiedHead: string;
  /** The entries from position verifiedCount - 1 (the checkpoint's own entry) to the end. */
  tail: readonly PatchLogEntry[];
  /** The latest SEAL entry of a run anywhere in the log (the shell reads it when it lies before the tail). */
  latestSeal(runId: string): PatchLogEntry | undefined;
}

export function isVerifiedLog(
  log: readonly PatchLogEntry[] | VerifiedLog | null | undefined,
): log is VerifiedLog {
  return !!log && !Array.isArray(log);
}

/** Entry count and head of a log, whole or summarized. */
export function logEnd(log: readonly PatchLogEntry[] | VerifiedLog): {
  count: number;
  head: string;
} {
  if (isVerifiedLog(log)) {
    const last = log.tail[log.tail.length - 1];
    return {
      count: log.verifiedCount - 1 + log.tail.length,
      head: last ? last.EntryHash : log.verifiedHead,
    };
  }
  const entries = log;
  const last = entries[entries.length - 1];
  return { count: entries.length, head: last ? last.EntryHash : "" };
}

/**
 * The chain check of a whole log, or of a verified log's tail: the tail's first entry must be
 * the checkpoint's (same EntryHash, and its cells still hash to it), the rest must chain on it,
 * and seals logged in the tail must name a head in the tail. Seals logged before the tail named
 * heads of the verified prefix, which is trusted (a cut below the checkpoint leaves fewer
 * entries than it counts: the shell then reads and checks the whole log).
 */
export async function checkLog(
  log: readonly PatchLogEntry[] | VerifiedLog,
  knownHeads: readonly KnownHead[] = [],
): Promise<ChainReport> {
  if (!isVerifiedLog(log)) return checkChain(log, knownHeads);
  const first = log.tail[0];
  const at = log.verifiedCount - 1;
  if (!first || first.EntryHash !== log.verifiedHead) {
    return {
      intact: false,
      entries: logEnd(log).count,
      head: logEnd(log).head,
      firstBreak: {
        index: at,
        entryId: first?.EntryID ?? "",
        kind: first ? "edited" : "cut",
        message: first
          ? `${first.EntryID} (row ${at + 1} of the log) has EntryHash ${first.EntryHash || '""'}, but the log was verified through it as ${log.verifiedHead}`
          : `the log was verified through ${log.verifiedCount} entries, which are no longer all there: entries were deleted`,
      },
    };
  }
  const logged = new Set(
    log.tail.filter((e) => e.Action === "SEAL").map((e) => e.SealHash),
  );
  const strict = knownHeads.filter(
    (k) => k.sealHash !== undefined && logged.has(k.sealHash),
  );
  return checkChain(log.tail, strict, {
    index: at,
    prevHash: first.PrevEntryHash,
  });
}

/** The log's entries: whole, or (a workbook's seal) its verified checkpoint and the entries after it. */
export type LogEntries = readonly PatchLogEntry[] | VerifiedLog;

/** The log as a store read it (a store that always reads it whole says so with E). */
export interface LogState<E extends LogEntries = LogEntries> {
  entries: E;
  /** How many entries the log holds, and the last one's EntryHash ("" for an empty log). */
  count: number;
  head: string;
  /** The verified checkpoint kept beside the log, when it has one that fits it. */
  checkpoint: LogCheckpoint | null;
  /** Why entries cannot be appended (another layout, a total row...): each names the store and what to do. */
  problems: string[];
}

export function logStateOf<E extends LogEntries>(
  entries: E,
  checkpoint: LogCheckpoint | null = null,
  problems: string[] = [],
): LogState<E> {
  return { entries, ...logEnd(entries), checkpoint, problems };
}

/**
 * A place the log is kept. `append` adds entries after the log as this store last read it and
 * refuses (nothing appended) when the store changed meanwhile or cannot take entries; it moves the
 * checkpoint to `checkpoint` when given (only after the whole chain before the entries checked).
 * It returns warnings about what was written (a fork seen on reading it back).
 */
export interface LogStore<E extends LogEntries = LogEntries> {
  read(): Promise<LogState<E>>;
  append(
    entries: readonly PatchLogEntry[],
    checkpoint?: LogCheckpoint,
  ): Promise<string[]>;
}
