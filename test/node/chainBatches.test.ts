// The chain check hashes entries in batches (core plainTextHashes) through whichever digest is
// installed: the core's pure-JS one over the batch encoded once, or node:crypto (what the CLI
// installs) one slice at a time. Each must reach the verdict of hashing every entry's canonical text on its
// own, on logs of several batches, with breaks anywhere (on and around batch boundaries too), and
// with cells that must leave the batch's fast path: non-ASCII text, backslashes, quotes, control
// characters, lone surrogates.
import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  canonicalize,
  checkChainSync,
  installSha256,
  makeEntry,
  type PatchLogEntry,
  type Sha256Provider,
} from "../../src/core";
import { nodeSha256 } from "../../src/node/digest";

const DIGESTS: [string, Sha256Provider | null][] = [
  ["the core's pure-JS digest", null],
  ["node:crypto", nodeSha256],
];
afterEach(() => installSha256(null));

const TRICKY = [
  "é",
  "Ã©", // é's UTF-8 bytes read as Latin-1: the same bytes, if a batch were encoded as Latin-1
  'say "no"',
  "a\\b",
  "line\nbreak",
  "\u{1F600}",
  "x\uD800y",
];
const LENGTH = 700; // several batches whatever their size

/** Index of the first entry whose own canonical text, or link, does not hold; -1 if none. */
function referenceBreak(log: readonly PatchLogEntry[]): number {
  return log.findIndex((e, i) => {
    const { EntryHash, ...covered } = e;
    let ok: boolean;
    try {
      ok =
        "sha256:" +
          createHash("sha256").update(canonicalize(covered)).digest("hex") ===
        EntryHash;
    } catch {
      ok = false; // a lone surrogate: no UTF-8 form to hash
    }
    return !ok || e.PrevEntryHash !== (i ? log[i - 1].EntryHash : "");
  });
}

let log: PatchLogEntry[];
beforeAll(async () => {
  log = [];
  for (let i = 0; i < LENGTH; i++)
    log.push(
      await makeEntry(log, {
        Timestamp: "2026-02-16T00:00:00Z",
        Action: i % 10 ? "PATCH" : "SEAL",
        RunID: `RUN-${i}`,
        Actor: "J. Rivera",
        // Honest tricky cells (no lone surrogate: it could not be written) every 37th entry.
        Reason: i % 37 === 5 ? TRICKY[((i / 37) % 6) | 0] : `re-assessed ${i}`,
      }),
    );
});

describe.each(DIGESTS)("through %s", (_name, digest) => {
  beforeEach(() => installSha256(digest));

  it("a long log with tricky cells is intact", () => {
    expect(checkChainSync(log)).toEqual({
      intact: true,
      entries: LENGTH,
      head: log[LENGTH - 1].EntryHash,
    });
  });

  it("é edited into Ã© (the same bytes in Latin-1) is an edit", () => {
    expect(log[5].Reason).toBe("é");
    const edited = log.map((e, i) => (i === 5 ? { ...e, Reason: "Ã©" } : e));
    const r = checkChainSync(edited);
    expect(r.firstBreak).toMatchObject({ index: 5, kind: "edited" });
  });

  it.each(["", "sha256:"])(
    "a last entry with a backslash and EntryHash %j is an edit, not a pass",
    (forged) => {
      const edited = log.slice(0, 4);
      edited[3] = { ...edited[3], Reason: "a\\b", EntryHash: forged };
      expect(checkChainSync(edited).firstBreak).toMatchObject({
        index: 3,
        kind: "edited",
      });
    },
  );

  it("finds one edited cell, anywhere, where a per-entry reference does", () => {
    const cell = fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.nat(LENGTH - 1), cell, (at, reason) => {
        const edited = log.map((e, i) =>
          i === at ? { ...e, Reason: reason } : e,
        );
        const expected = referenceBreak(edited);
        const r = checkChainSync(edited);
        expect(r.intact).toBe(expected < 0);
        if (expected >= 0) expect(r.firstBreak?.index).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("finds a deleted or swapped entry at every batch boundary it could straddle", () => {
    for (let at = 1; at < LENGTH - 1; at++) {
      const deleted = [...log.slice(0, at), ...log.slice(at + 1)];
      expect(checkChainSync(deleted).firstBreak?.index).toBe(at);
      if (at % 7) continue; // swaps: a sample is enough beside the deletions
      const swapped = [...log];
      [swapped[at], swapped[at + 1]] = [swapped[at + 1], swapped[at]];
      expect(checkChainSync(swapped).firstBreak?.index).toBe(at);
    }
  });
});
