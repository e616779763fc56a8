// The one-pass scan that verify uses for many files must give exactly the bytes the strict reader
// and canonicalizer give, and must never accept what the strict reader refuses.
import fc from "fast-check";
import { scanHashedText } from "../../../src/core/json/canonicalScan";
import { canonicalize } from "../../../src/core/json/canonical";
import { parseStrictText } from "../../../src/core/json/strictParse";

/** What verify hashes, by the reference path: strict read, hash set to "", canonicalize. */
function reference(
  text: string,
): { claimed: string; canonical: string } | null {
  const r = parseStrictText(text);
  if (!r.ok) return null;
  const doc = r.value as Record<string, unknown>;
  if (
    typeof doc !== "object" ||
    doc === null ||
    Array.isArray(doc) ||
    typeof doc.hash !== "string"
  )
    return null;
  return { claimed: doc.hash, canonical: canonicalize({ ...doc, hash: "" }) };
}

/** Rewrites some characters of JSON text's strings as \uXXXX escapes, and \/ for slashes. */
function escapeSome(text: string, every: number): string {
  let inString = false;
  let out = "";
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      out += ch + text[++i];
      continue;
    }
    if (ch === '"') inString = !inString;
    else if (inString && ++n % every === 0) {
      out +=
        ch === "/"
          ? "\\/"
          : "\\u" +
            ch
              .charCodeAt(0)
              .toString(16)
              .padStart(4, n % 2 ? "0" : "0")
              .toUpperCase();
      continue;
    }
    out += ch;
  }
  return out;
}

const doc = fc.record({
  hash: fc.string(),
  body: fc.jsonValue({ maxDepth: 4 }),
  text: fc.string({ unit: "binary" }),
  more: fc.dictionary(
    fc.string({ unit: "grapheme" }),
    fc.oneof(fc.double(), fc.integer(), fc.string({ unit: "binary-ascii" })),
  ),
});

describe("scanHashedText", () => {
  it("gives the reference bytes for any document it accepts, and accepts plain ones", () => {
    fc.assert(
      fc.property(
        doc,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 2, max: 9 }),
        (d, indent, every) => {
          const text = escapeSome(JSON.stringify(d, null, indent), every);
          const want = reference(text);
          const got = scanHashedText(text);
          if (got !== null) expect(got).toEqual(want);
          if (want !== null && got === null) {
            // Declining is allowed (the full reader then decides) only for what the scan leaves to it.
            expect(text).toMatch(
              /\\u[dD][89a-fA-F]|-0[^.]|\d{16}|\\u|"__proto__"/,
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("accepts a sealed file's shape with every JCS escape and number form", () => {
    const text =
      '{ "b": [1.0, -0.0, 1E21, 0.00000015, 123456789012345, true, null, {}], "hash": "sha256:x",\n "a": "x\\n\\t\\"\\\\\\/\\u00e9\\u001F", "é": "€", "\u{1F600}": 1, "\uFB33": 2 }';
    const got = scanHashedText(text);
    expect(got).not.toBeNull();
    expect(got).toEqual(reference(text));
  });

  it.each([
    ["a repeated member", '{"a":1,"a":2,"hash":""}'],
    ["a repeated hash", '{"hash":"a","hash":"b"}'],
    ["__proto__", '{"__proto__":{},"hash":""}'],
    [
      "a nested __proto__ spelled with an escape",
      '{"x":{"\\u005f_proto__":1},"hash":""}',
    ],
    ["a lone surrogate escaped", '{"x":"\\ud800","hash":""}'],
    ["a lone surrogate raw", '{"x":"\ud800","hash":""}'],
    ["a raw control character", '{"x":"a\u0001","hash":""}'],
    ["NaN", '{"x":NaN,"hash":""}'],
    ["a number too large", '{"x":1e400,"hash":""}'],
    ["an unsafe integer", '{"x":9007199254740993,"hash":""}'],
    ["trailing text", '{"hash":""} x'],
    ["a trailing comma", '{"hash":"",}'],
    ["a malformed escape", '{"x":"\\q","hash":""}'],
    ["a truncated text", '{"hash":"'],
    ["no hash", '{"x":1}'],
    ["a hash that is not a string", '{"hash":1}'],
    ["an array at the top", '[{"hash":""}]'],
    [
      "nesting deeper than 256",
      '{"hash":"","x":' + "[".repeat(300) + "]".repeat(300) + "}",
    ],
  ])("declines %s", (_what, text) => {
    expect(scanHashedText(text)).toBeNull();
  });

  it("a hash nested deeper is an ordinary member", () => {
    const text = '{"x":{"hash":"inner"},"hash":"outer"}';
    expect(scanHashedText(text)).toEqual({
      claimed: "outer",
      canonical: '{"hash":"","x":{"hash":"inner"}}',
    });
  });
});
