// The core's synchronous SHA-256 (used for the PATCH_LOG chain where no native digest is
// installed) against node:crypto, at every length around the padding boundaries and on text.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sha256HexOfText, sha256HexSync } from "../../src/core/sha256";
import { entryCanonicalText, entryHashSync } from "../../src/core/log/chain";
import { canonicalize } from "../../src/core/json/canonical";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../src/core/types";

const node = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

it("matches FIPS 180-4's examples", () => {
  expect(sha256HexOfText("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(sha256HexOfText("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});

it("matches node:crypto at every length from 0 to 300 bytes and on a megabyte", () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 255);
  for (let n = 0; n <= 300; n++) expect(sha256HexSync(bytes.subarray(0, n))).toBe(node(bytes.subarray(0, n)));
  const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 255);
  expect(sha256HexSync(big)).toBe(node(big));
});

it("hashes a string's UTF-8 bytes, whatever it holds", () => {
  fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => expect(sha256HexOfText(s)).toBe(node(s))));
});

describe("an entry's fixed-shape canonical text", () => {
  const cell = fc.string({ unit: "grapheme", maxLength: 30 });
  const entry = fc.record(Object.fromEntries(PATCH_LOG_COLUMNS.map((c) => [c, cell])) as Record<string, fc.Arbitrary<string>>);
  it("is canonicalize() of its twelve covered cells, and hashes as node:crypto does", () => {
    fc.assert(
      fc.property(entry, (e) => {
        const covered = Object.fromEntries(PATCH_LOG_COLUMNS.filter((c) => c !== "EntryHash").map((c) => [c, e[c]]));
        expect(entryCanonicalText(e as PatchLogEntry)).toBe(canonicalize(covered));
        expect(entryHashSync(e as PatchLogEntry)).toBe("sha256:" + node(canonicalize(covered)));
      }),
      { numRuns: 500 },
    );
  });
  it("escapes controls, quotes and backslashes as JCS does", () => {
    const e = Object.fromEntries(PATCH_LOG_COLUMNS.map((c) => [c, ""])) as PatchLogEntry;
    e.Reason = 'a"b\\c\n\u0001\u2028';
    const { EntryHash: _omitted, ...covered } = e;
    expect(entryCanonicalText(e)).toBe(canonicalize(covered));
  });
});
