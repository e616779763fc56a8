// The byte scan that verify runs first over many files must give exactly the bytes the strict
// reader and canonicalizer give (UTF-8 encoded), and must never accept what the strict reader
// refuses: generated documents, hostile bytes (invalid UTF-8 of every kind, raw controls,
// repeated names), and each edge of the UTF-8 table.
import fc from "fast-check";
import { scanHashedBytes } from "../../../src/core/json/canonicalBytes";
import { canonicalize } from "../../../src/core/json/canonical";
import { readStrict } from "../../../src/core/json/strictParse";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

/** What verify hashes, by the reference path: strict read of the bytes, hash set to "", canonicalize, UTF-8. */
function reference(
  bytes: Uint8Array,
): { claimed: string; canonical: Uint8Array } | null {
  const r = readStrict(bytes);
  if (!r.ok) return null;
  const doc = r.value as Record<string, unknown>;
  if (
    typeof doc !== "object" ||
    doc === null ||
    Array.isArray(doc) ||
    typeof doc.hash !== "string"
  )
    return null;
  return {
    claimed: doc.hash,
    canonical: utf8(canonicalize({ ...doc, hash: "" })),
  };
}

/** The scan's answer, copied out of its reused buffer. */
function scanned(
  bytes: Uint8Array,
): { claimed: string; canonical: Uint8Array } | null {
  const r = scanHashedBytes(bytes);
  return r && { claimed: r.claimed, canonical: new Uint8Array(r.canonical) };
}

/** Accepted means exactly the reference; declined is always allowed for what the reference refuses. */
function expectAgreement(bytes: Uint8Array): "accepted" | "declined" {
  const got = scanned(bytes);
  if (got === null) return "declined";
  expect(got).toEqual(reference(bytes));
  return "accepted";
}

const notPlainAscii = (s: string) =>
  !/^[\x20-\x7e]*$/.test(s) || /["\\]/.test(s);

/** Every member name in a parsed document. */
function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === "object")
    return Object.entries(v).flatMap(([k, x]) => [k, ...names(x)]);
  return [];
}

const doc = fc.record({
  hash: fc.string(),
  body: fc.jsonValue({ maxDepth: 4 }),
  text: fc.string({ unit: "binary" }),
  words: fc.array(fc.string({ unit: "grapheme" })),
  more: fc.dictionary(
    fc.string({ unit: "grapheme-ascii" }),
    fc.oneof(fc.double(), fc.integer(), fc.string({ unit: "binary-ascii" })),
  ),
});

describe("scanHashedBytes", () => {
  it("gives the reference bytes for any document it accepts, and declines only what it leaves to the full reader", () => {
    let accepted = 0;
    fc.assert(
      fc.property(doc, fc.integer({ min: 0, max: 4 }), (d, indent) => {
        const text = JSON.stringify(d, null, indent);
        const bytes = utf8(text);
        const verdict = expectAgreement(bytes);
        if (verdict === "accepted" && /[^\x20-\x7e\n]/.test(text)) accepted++;
        if (verdict === "declined" && reference(bytes) !== null) {
          // \u escapes (JSON.stringify writes them for controls and lone surrogates), names and a
          // claimed hash that are not plain ASCII, -0, large integers, exponents, __proto__.
          const odd =
            /\\u|-0[^.]|\d{16}|"__proto__"|e[+-]?\d/.test(text) ||
            [d.hash, ...names(JSON.parse(text))].some(notPlainAscii);
          expect(odd).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200); // the agreement was tested on non-ASCII documents, not only declined
  });

  it("accepts documents as sealed files are written: indented, members out of order, non-ASCII text, JCS escapes", () => {
    const text = JSON.stringify(
      {
        schema_version: "1.0",
        meta: { z: 1, a: [true, null, {}], m: 'x\n\t"\\é—€😀' },
        hash: "sha256:x",
        b: 1.5,
        c: 0.1 + 0.2,
        e: 12345678901234,
      },
      null,
      2,
    );
    expect(expectAgreement(utf8(text))).toBe("accepted");
    const want = reference(utf8(text))!;
    expect(Buffer.from(want.canonical).toString()).toBe(
      '{"b":1.5,"c":0.30000000000000004,"e":12345678901234,"hash":"","meta":{"a":[true,null,{}],"m":"x\\n\\t\\"\\\\é—€😀","z":1},"schema_version":"1.0"}',
    );
  });

  it("writes decimals and exponents as ECMAScript does", () => {
    for (const n of [
      "1.0",
      "-0.0",
      "1E21",
      "1e2",
      "1e5",
      "0.00000015",
      "1.5e-7",
      "123456789012345",
      "-5",
      "0",
    ]) {
      const bytes = utf8(`{"n":${n},"hash":"h"}`);
      expect(expectAgreement(bytes)).toBe("accepted");
    }
  });

  it("agrees with the reference on any bytes put into a valid document", () => {
    const base = utf8(
      JSON.stringify(
        { hash: "sha256:a", s: "abc déf", t: ["x", "y"], o: { k: "v" } },
        null,
        1,
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const bytes = new Uint8Array(base);
          for (const [at, b] of edits) bytes[at] = b;
          expectAgreement(bytes);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.uint8Array({ minLength: 1, maxLength: 5 }),
        (at, inserted) => {
          const bytes = new Uint8Array([
            ...base.subarray(0, at),
            ...inserted,
            ...base.subarray(at),
          ]);
          expectAgreement(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  // Unicode 15 table 3-7, each edge: inside a string, accepted exactly when well-formed.
  it.each([
    ["U+0080", [0xc2, 0x80], true],
    ["U+07FF", [0xdf, 0xbf], true],
    ["U+0800", [0xe0, 0xa0, 0x80], true],
    ["U+D7FF", [0xed, 0x9f, 0xbf], true],
    ["U+E000", [0xee, 0x80, 0x80], true],
    ["U+FEFF inside a string", [0xef, 0xbb, 0xbf], true],
    ["U+FFFF", [0xef, 0xbf, 0xbf], true],
    ["U+10000", [0xf0, 0x90, 0x80, 0x80], true],
    ["U+10FFFF", [0xf4, 0x8f, 0xbf, 0xbf], true],
    ["an overlong slash", [0xc0, 0xaf], false],
    ["an overlong two-byte form", [0xc1, 0xbf], false],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf], false],
    ["an overlong four-byte form", [0xf0, 0x80, 0x80, 0xaf], false],
    ["a high surrogate (CESU-8)", [0xed, 0xa0, 0x80], false],
    ["a low surrogate", [0xed, 0xbf, 0xbf], false],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], false],
    ["F5", [0xf5, 0x80, 0x80, 0x80], false],
    ["FF", [0xff], false],
    ["a lone continuation byte", [0x80], false],
    ["a truncated three-byte form", [0xe2, 0x82], false],
    ["a truncated four-byte form", [0xf0, 0x9f, 0x98], false],
    ["a lead byte then ASCII", [0xc3, 0x41], false],
    ["a raw control character", [0x01], false],
    ["a raw newline", [0x0a], false],
    ["a raw DEL (JSON allows it)", [0x7f], true],
  ])("%s", (_what, seq, ok) => {
    const bytes = new Uint8Array([
      ...utf8('{"hash":"h","s":"a'),
      ...seq,
      ...utf8('z"}'),
    ]);
    const got = scanned(bytes);
    expect(got !== null).toBe(ok);
    expect(reference(bytes) !== null).toBe(ok);
    if (ok) expect(got).toEqual(reference(bytes));
  });

  it.each([
    ["a repeated member", '{"a":1,"a":2,"hash":""}'],
    ["a repeated member out of order", '{"b":1,"a":1,"c":1,"a":2,"hash":""}'],
    ["a repeated hash", '{"hash":"a","hash":"b"}'],
    ["__proto__", '{"__proto__":{},"hash":""}'],
    ["a nested __proto__", '{"x":{"__proto__":1},"hash":""}'],
    ["an escaped name", '{"x":{"\\u005f_proto__":1},"hash":""}'],
    ["a lone surrogate escaped", '{"x":"\\ud800","hash":""}'],
    ["an escaped slash", '{"x":"a\\/b","hash":""}'],
    ["NaN", '{"x":NaN,"hash":""}'],
    ["a number too large", '{"x":1e400,"hash":""}'],
    ["an unsafe integer", '{"x":9007199254740993,"hash":""}'],
    ["-0", '{"x":-0,"hash":""}'],
    ["a leading zero", '{"x":01,"hash":""}'],
    ["a bare minus", '{"x":-,"hash":""}'],
    ["a dot without digits", '{"x":1.,"hash":""}'],
    ["an exponent without digits", '{"x":1e,"hash":""}'],
    ["trailing text", '{"hash":""} x'],
    ["a trailing comma", '{"hash":"",}'],
    ["a trailing comma in an array", '{"hash":"","a":[1,]}'],
    ["a malformed escape", '{"x":"\\q","hash":""}'],
    ["a truncated text", '{"hash":"'],
    ["a truncated escape", '{"hash":"","x":"\\'],
    ["no hash", '{"x":1}'],
    ["a hash that is not a string", '{"hash":1}'],
    ["a hash with an escape", '{"hash":"a\\n"}'],
    ["an array at the top", '[{"hash":""}]'],
    ["a misspelt literal", '{"hash":"","x":tru}'],
    ["single quotes", "{'hash':''}"],
    [
      "nesting deeper than 256",
      '{"hash":"","x":' + "[".repeat(300) + "]".repeat(300) + "}",
    ],
    [
      "an object of 65 members",
      JSON.stringify(
        Object.fromEntries([
          ["hash", ""],
          ...Array.from({ length: 64 }, (_, i) => [`k${i}`, i]),
        ]),
      ),
    ],
  ])("declines %s", (_what, text) => {
    expect(scanHashedBytes(utf8(text))).toBeNull();
  });

  it("a hash nested deeper is an ordinary member", () => {
    const got = scanned(utf8('{"x":{"hash":"inner"},"hash":"outer"}'));
    expect(
      got && {
        claimed: got.claimed,
        text: Buffer.from(got.canonical).toString(),
      },
    ).toEqual({ claimed: "outer", text: '{"hash":"","x":{"hash":"inner"}}' });
  });

  it("grows its buffers for a large document and a long rewritten number run", () => {
    const big = {
      hash: "h",
      items: Array.from({ length: 3000 }, (_, i) => ({
        z: i + 0.5,
        a: "é".repeat(i % 7),
        m: [1e5, 2e5],
      })),
    };
    const bytes = utf8(JSON.stringify(big));
    expect(expectAgreement(bytes)).toBe("accepted");
    expect(
      expectAgreement(
        utf8('{"hash":"h","n":[' + Array(2000).fill("1e20").join(",") + "]}"),
      ),
    ).toBe("accepted");
  });
});
