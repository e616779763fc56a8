// The core's synchronous SHA-256 (used for the PATCH_LOG chain where no native digest is
// installed) against node:crypto, at every length around the padding boundaries and on text.
import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  sha256HexOfRange,
  sha256HexOfText,
  sha256HexOfTexts,
  sha256HexSync,
} from "../../src/core/sha256";
import { checkChain } from "../../src/core/log/chain";
import {
  entryCanonicalText,
  entryHashSync,
} from "../../src/core/log/entryHash";
import { makeEntry } from "../../src/core/log/newEntry";
import { canonicalize } from "../../src/core/json/canonical";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../src/core/types";

const node = (b: Uint8Array | string) =>
  createHash("sha256").update(b).digest("hex");

it("matches FIPS 180-4's examples", () => {
  expect(sha256HexOfText("abc")).toBe(
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  expect(sha256HexOfText("")).toBe(
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

it("matches node:crypto at every length from 0 to 300 bytes and on a megabyte", () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 255);
  for (let n = 0; n <= 300; n++)
    expect(sha256HexSync(bytes.subarray(0, n))).toBe(
      node(bytes.subarray(0, n)),
    );
  const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 255);
  expect(sha256HexSync(big)).toBe(node(big));
});

it("hashes a range of bytes in place, at every start and end around the block boundaries", () => {
  const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i * 29 + 3) & 255);
  for (let start = 0; start <= 70; start += 7)
    for (let end = start; end <= 200; end++)
      expect(sha256HexOfRange(bytes, start, end)).toBe(
        node(bytes.subarray(start, end)),
      );
});

describe("many texts end to end", () => {
  const ascii = fc.string({
    unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
    maxLength: 150,
  });
  const endsOf = (texts: string[]) => {
    const ends = new Int32Array(texts.length);
    let at = 0;
    texts.forEach((t, k) => (ends[k] = at += t.length));
    return ends;
  };
  it("hashes each ASCII text as it would be hashed alone", () => {
    fc.assert(
      fc.property(fc.array(ascii, { maxLength: 40 }), (texts) =>
        expect(
          sha256HexOfTexts(texts.join(""), endsOf(texts), texts.length),
        ).toEqual(texts.map(node)),
      ),
    );
  });
  it("declines texts that are not all ASCII, whose byte and UTF-16 offsets part", () => {
    for (const odd of ["é", "Ã©", "\u{1F600}", "\uD800"]) {
      const texts = ["plain", `a${odd}b`, "more"];
      expect(
        sha256HexOfTexts(texts.join(""), endsOf(texts), texts.length),
      ).toBeNull();
    }
  });
});

it("hashes a string's UTF-8 bytes, whatever it holds", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) =>
      expect(sha256HexOfText(s)).toBe(node(s)),
    ),
  );
});

describe("an entry's fixed-shape canonical text", () => {
  const cell = fc.string({ unit: "grapheme", maxLength: 30 });
  const entry = fc.record(
    Object.fromEntries(PATCH_LOG_COLUMNS.map((c) => [c, cell])),
  );
  it("is canonicalize() of its twelve covered cells, and hashes as node:crypto does", () => {
    fc.assert(
      fc.property(entry, (e) => {
        const covered = Object.fromEntries(
          PATCH_LOG_COLUMNS.filter((c) => c !== "EntryHash").map((c) => [
            c,
            e[c],
          ]),
        );
        expect(entryCanonicalText(e as PatchLogEntry)).toBe(
          canonicalize(covered),
        );
        expect(entryHashSync(e as PatchLogEntry)).toBe(
          "sha256:" + node(canonicalize(covered)),
        );
      }),
      { numRuns: 500 },
    );
  });
  it("escapes controls, quotes and backslashes as JCS does", () => {
    const e = Object.fromEntries(
      PATCH_LOG_COLUMNS.map((c) => [c, ""]),
    ) as PatchLogEntry;
    e.Reason = 'a"b\\c\n\u0001\u2028';
    const covered: Partial<PatchLogEntry> = { ...e };
    delete covered.EntryHash;
    expect(entryCanonicalText(e)).toBe(canonicalize(covered));
  });
});

describe("the chain check's unescaped first pass never passes what the exact check refuses", () => {
  const make = async (reason: string) =>
    await makeEntry([], {
      Timestamp: "t",
      Action: "PATCH",
      RunID: "R",
      Actor: "a",
      Reason: reason,
    });
  it.each([
    ["a newline edited into a literal backslash-n", "a\nb", "a\\nb"],
    ["a quote edited into an escaped quote", 'say "x"', 'say \\"x\\"'],
    [
      "U+FFFD edited into a lone surrogate (both encode to EF BF BD)",
      "x\uFFFDy",
      "x\uD800y",
    ],
    ["a tab edited into \\t", "a\tb", "a\\tb"],
    [
      "an emoji (a surrogate pair, written raw by JCS) cut to its lone high half",
      "x\uD83D\uDE00y",
      "x\uD83Dy",
    ],
    [
      "an emoji's halves swapped into two lone surrogates",
      "x\uD83D\uDE00y",
      "x\uDE00\uD83Dy",
    ],
  ])("%s", async (_what, honest, edited) => {
    const e = await make(honest);
    expect((await checkChain([e])).intact).toBe(true); // honest cells with escapes pass
    const report = await checkChain([{ ...e, Reason: edited }]);
    expect(report.intact).toBe(false);
    expect(["edited", "malformed"]).toContain(report.firstBreak!.kind);
  });

  it("agrees with a reference check on entries of any cells", async () => {
    const cell = fc.string({ unit: "binary", maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell, { minLength: 1, maxLength: 3 }),
        fc.nat(2),
        cell,
        async (reasons, which, edit) => {
          const log: PatchLogEntry[] = [];
          for (const r of reasons)
            log.push(
              await makeEntry(log, {
                Timestamp: "t",
                Action: "PATCH",
                RunID: "R",
                Actor: "a",
                Reason: r,
              }),
            );
          const k = which % log.length;
          const edited = log.map((e, i) =>
            i === k ? { ...e, Reason: edit } : e,
          );
          const reference = edited.every((e) => {
            const { EntryHash, ...covered } = e;
            try {
              return "sha256:" + node(canonicalize(covered)) === EntryHash;
            } catch {
              return false; // a lone surrogate: not hashable
            }
          });
          expect((await checkChain(edited)).intact).toBe(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});
