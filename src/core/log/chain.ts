// CONTRACT §6: the PATCH_LOG hash chain. Each entry's EntryHash covers its twelve other cells, and
// PrevEntryHash links it to the entry before, so an edit, insertion, deletion or swap shows at the
// first entry it touches. A cut tail does not show in the chain itself, only against the
// `patch_log_head` a seal recorded, so the check takes those heads too.
import type { PatchLogEntry } from "../types";
import { entryHashSync, LoneSurrogateError } from "./entryHash";
import { entryId, isEntryId } from "./entryId";
import { plainTextHashes } from "./plainHashes";

export type ChainBreakKind =
  | "edited"
  | "inserted"
  | "deleted"
  | "reordered"
  | "forked"
  | "malformed"
  | "cut";

export interface ChainBreak {
  /** 0-based position in the log body. */
  index: number;
  entryId: string;
  kind: ChainBreakKind;
  message: string;
}

export interface ChainReport {
  intact: boolean;
  entries: number;
  /** EntryHash of the last entry ("" for an empty log): the `patch_log_head` of the next seal. */
  head: string;
  firstBreak?: ChainBreak;
}

/** Heads recorded by seals that must all still be in the chain (a cut tail removes them). */
export interface KnownHead {
  head: string;
  /** The hash of the seal that recorded it, when known (a partial check uses it, see sealRun). */
  sealHash?: string;
  /** Who recorded it, for the message: `RUN-004_20260301T101500Z.json`. */
  recordedBy: string;
  /** The seal must have its SEAL entry in this log (a file beside the log): a deleted one shows. */
  mustBeLogged?: boolean;
}

function describeAt(i: number, e: PatchLogEntry | undefined): string {
  return e?.EntryID
    ? `${e.EntryID} (row ${i + 1} of the log)`
    : `row ${i + 1} of the log`;
}

/**
 * Where a partial check starts: `entries` are the log's entries from 0-based position `index` on
 * (EntryIDs continue from index + 1), and the first of them must follow `prevHash`. The entries
 * before `index` are not looked at: the caller vouches for them (a verified checkpoint).
 */
export interface ChainStart {
  index: number;
  prevHash: string;
}

/** Check the chain; say which entry first breaks and how (a throw rejects, as before). */
export function checkChain(
  entries: readonly PatchLogEntry[],
  knownHeads: readonly KnownHead[] = [],
  start: ChainStart = { index: 0, prevHash: "" },
): Promise<ChainReport> {
  return new Promise((resolve) =>
    resolve(checkChainSync(entries, knownHeads, start)),
  );
}

/**
 * checkChain without a promise: hashing is synchronous (no Web Crypto call per entry), so a
 * 100,000-entry log is one loop. Positions are only looked up (indexOf, findIndex) once a break
 * is found, so an intact log costs one hash and one comparison per entry.
 */
export function checkChainSync(
  entries: readonly PatchLogEntry[],
  knownHeads: readonly KnownHead[] = [],
  start: ChainStart = { index: 0, prevHash: "" },
): ChainReport {
  const base = start.index;
  // Every EntryHash, built only when a break or a recorded head needs a lookup.
  let hashList: string[] | undefined;
  const hashes = () => (hashList ??= entries.map((e) => e.EntryHash));
  const head = entries.length
    ? entries[entries.length - 1].EntryHash
    : start.prevHash;
  const total = base + entries.length;
  const broken = (
    index: number,
    kind: ChainBreakKind,
    message: string,
  ): ChainReport => ({
    intact: false,
    entries: total,
    head,
    firstBreak: {
      index: base + index,
      entryId: entries[index]?.EntryID ?? "",
      kind,
      message,
    },
  });
  const describe = (i: number, e: PatchLogEntry | undefined) =>
    describeAt(base + i, e);

  // Hashes of entries[planned], entries[planned + 1], ... (see plainTextHashes).
  let planned = 0;
  let plainHashes: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.Action !== "SEAL" && e.Action !== "PATCH" && e.Action !== "REFUSED") {
      const where = describe(i, e);
      return broken(
        i,
        "malformed",
        `${where}: Action ${JSON.stringify(e.Action)} is not SEAL, PATCH or REFUSED`,
      );
    }
    if (i >= planned + plainHashes.length) {
      planned = i;
      plainHashes = plainTextHashes(entries, i);
    }
    const plainHex = plainHashes[i - planned];
    let recomputed = "sha256:" + plainHex;
    // "" (no plain hash to trust) always takes the exact path, whatever the EntryHash cell holds.
    if (!plainHex || recomputed !== e.EntryHash) {
      try {
        recomputed = entryHashSync(e);
      } catch (err) {
        if (!(err instanceof LoneSurrogateError)) throw err;
        return broken(
          i,
          "malformed",
          `${describe(i, e)}: ${err.message}, which has no UTF-8 form and cannot be hashed`,
        );
      }
    }
    const expectedPrev = i === 0 ? start.prevHash : entries[i - 1].EntryHash;
    if (recomputed !== e.EntryHash) {
      const copyOf = hashes().indexOf(recomputed);
      if (copyOf >= 0 && copyOf !== i) {
        return broken(
          i,
          "inserted",
          `${describe(i, e)}: a copy of ${describe(copyOf, entries[copyOf])} was inserted`,
        );
      }
      return broken(
        i,
        "edited",
        `${describe(i, e)}: its cells were changed after it was written (they hash to ${recomputed}, the entry says ${e.EntryHash || '""'})`,
      );
    }
    if (e.PrevEntryHash !== expectedPrev) {
      const twin = entries.findIndex(
        (o, k) => k < i && o.PrevEntryHash === e.PrevEntryHash,
      );
      if (twin >= 0) {
        return hashes()[twin] === e.EntryHash
          ? broken(
              i,
              "inserted",
              `${describe(i, e)}: a copy of ${describe(twin, entries[twin])} was inserted`,
            )
          : broken(
              i,
              "forked",
              `${describe(i, e)} and ${describe(twin, entries[twin])} both follow the same entry: the log forked (two people appended at once) or an entry was inserted`,
            );
      }
      // The same entry again further down: this one is a copy of a later entry, not a moved one
      // (a move leaves one of each).
      const copyOfLater = hashes().indexOf(e.EntryHash, i + 1);
      if (copyOfLater > i)
        return broken(
          i,
          "inserted",
          `${describe(i, e)}: a copy of ${describe(copyOfLater, entries[copyOfLater])} was inserted`,
        );
      const later = hashes().indexOf(e.PrevEntryHash, i + 1);
      if (later > i)
        return broken(
          i,
          "reordered",
          `${describe(i, e)}: it should come after ${describe(later, entries[later])}; entries were reordered`,
        );
      return broken(
        i,
        "deleted",
        i === 0 && base === 0
          ? `${describe(i, e)}: it follows an entry (${e.PrevEntryHash}) that is not in the log; entries before it were deleted`
          : i === 0
            ? `${describe(i, e)}: the entry it follows (${e.PrevEntryHash}) is not the entry before it (${start.prevHash || '""'}); an entry was deleted or changed`
            : `${describe(i, e)}: the entry it follows (${e.PrevEntryHash}) is not in the log; an entry after ${describe(i - 1, entries[i - 1])} was deleted`,
      );
    }
    if (!isEntryId(e.EntryID, base + i + 1)) {
      return broken(
        i,
        "inserted",
        `${describe(i, e)}: EntryID ${JSON.stringify(e.EntryID)} is out of sequence (expected ${entryId(base + i + 1)})`,
      );
    }
  }
  const present = new Set(knownHeads.length ? hashes() : []);
  if (base > 0) present.add(start.prevHash);
  const logged = new Set(
    entries.filter((e) => e.Action === "SEAL").map((e) => e.SealHash),
  );
  for (const k of knownHeads) {
    if (!k.mustBeLogged || !k.sealHash || logged.has(k.sealHash)) continue;
    const after = k.head ? hashes().indexOf(k.head) : -1;
    const place =
      after >= 0
        ? `it should follow ${describe(after, entries[after])}, the head it recorded`
        : k.head
          ? `the head it recorded, ${k.head}, is not in the log either`
          : "it was the log's first entry";
    return {
      intact: false,
      entries: total,
      head,
      firstBreak: {
        index: after >= 0 ? base + after + 1 : total,
        entryId: "",
        kind: "deleted",
        message: `${k.recordedBy} is a valid seal (${k.sealHash}) but the log has no SEAL entry for it (${place}): the entry was deleted, or the export that wrote the file was stopped before logging it. Nothing is appended until the log and the sealed files agree: restore the entry from a copy of the log, or move the file out of this folder if it was never logged.`,
      },
    };
  }
  for (const k of knownHeads) {
    if (k.head !== "" && !present.has(k.head)) {
      return {
        intact: false,
        entries: total,
        head,
        firstBreak: {
          index: total,
          entryId: "",
          kind: "cut",
          message: `${k.recordedBy} names log head ${k.head}, which is no longer in the log: entries were deleted from its end`,
        },
      };
    }
  }
  return { intact: true, entries: total, head };
}

/** The latest SEAL entry of a run, if any. */
export function latestSeal(
  entries: readonly PatchLogEntry[],
  runId: string,
): PatchLogEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--)
    if (entries[i].Action === "SEAL" && entries[i].RunID === runId)
      return entries[i];
  return undefined;
}
