// The strict reader decides what a sealed file says before anything is hashed: it must read every
// valid JSON text exactly as JSON.parse does, and refuse (never crash on) each text that two
// parsers could read differently or that cannot be hashed, saying where.
import fc from "fast-check";
import {
  firstInvalidUtf8,
  MAX_SEALED_FILE_BYTES,
  parseStrictText,
  readStrict,
  type StrictReadResult,
} from "../../../src/core/json/strictParse";
import { encode } from "../fixtures";

function refusal(r: StrictReadResult): {
  message: string;
  line?: number;
  column?: number;
  path?: string;
} {
  if (r.ok)
    throw new Error(`expected a refusal, read ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Asserts a refusal at line/column/path whose message carries the place and `detail`. */
function expectRefused(
  text: string,
  line: number,
  column: number,
  path: string,
  detail: string | RegExp,
): void {
  const e = refusal(parseStrictText(text));
  expect({ line: e.line, column: e.column, path: e.path }).toEqual({
    line,
    column,
    path,
  });
  expect(
    e.message.startsWith(`line ${line}, column ${column} (${path}): `),
  ).toBe(true);
  if (typeof detail === "string") expect(e.message).toContain(detail);
  else expect(e.message).toMatch(detail);
}

/** Numbers JSON.stringify writes as integer text beyond 2^53−1 are refused by design. */
function safeNumbers(v: unknown): boolean {
  if (typeof v === "number")
    return (
      !Object.is(v, -0) &&
      !(Number.isInteger(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER)
    );
  if (Array.isArray(v)) return v.every(safeNumbers);
  if (v && typeof v === "object")
    return Object.entries(v).every(
      ([k, x]) => k !== "__proto__" && safeNumbers(x),
    );
  return true;
}

const jsonValues = fc.jsonValue({ stringUnit: "binary" }).filter(safeNumbers);

describe("valid JSON reads exactly as JSON.parse reads it", () => {
  it("property: any JSON value, any indentation", () => {
    fc.assert(
      fc.property(
        jsonValues,
        fc.constantFrom<string | number>(0, 2, 4, "\t"),
        (v, indent) => {
          const text = JSON.stringify(v, null, indent);
          const r = parseStrictText(text);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toEqual(JSON.parse(text));
          const fromBytes = readStrict(encode(text));
          expect(fromBytes.ok && fromBytes.value).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads -0, exponents, escapes and surrogate pairs like JSON.parse", () => {
    const text =
      ' {"a" : [ -0 , 1.5e300, 1E-7, 9007199254740991, -9007199254740991, 0.1 ],\r\n\t"s":"\\ud83d\\ude02\\u00e9\\/\\b\\f\\n\\r\\t\\"\\\\", "t": true, "f": false, "n": null, "": {}} ';
    const r = parseStrictText(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
    expect(r.ok && Object.is((r.value as { a: number[] }).a[0], -0)).toBe(true);
  });

  it("gives back the decoded text", () => {
    const r = readStrict(encode('{"é":1}'));
    expect(r.ok && r.text).toBe('{"é":1}');
  });

  it("accepts a file of exactly 5 MiB", () => {
    const big = new Uint8Array(MAX_SEALED_FILE_BYTES).fill(0x61);
    big[0] = 0x22;
    big[big.length - 1] = 0x22;
    const r = readStrict(big);
    expect(r.ok && (r.value as string).length).toBe(MAX_SEALED_FILE_BYTES - 2);
  });
});

describe("repeated member names", () => {
  it("refuses a repeat at the top level, naming the line and column of the repeat", () => {
    expectRefused(
      '{\n  "a": 1,\n  "a": 2\n}',
      3,
      3,
      "$",
      'repeated member name "a"',
    );
  });

  it("refuses a repeat inside an object inside an array", () => {
    expectRefused(
      '{"x":[{"k":1,"k":2}]}',
      1,
      14,
      "$.x[0]",
      'repeated member name "k"',
    );
  });

  it("refuses a repeat nested in objects", () => {
    expectRefused(
      '{"a":{"b":{"c":1,"c":{}}}}',
      1,
      18,
      "$.a.b",
      'repeated member name "c"',
    );
  });

  it("refuses a repeat written with an escape (the names are equal once decoded)", () => {
    expectRefused(
      '{"run_id":"A","run\\u005fid":"B"}',
      1,
      15,
      "$",
      'repeated member name "run_id"',
    );
  });

  it("counts lines across CRLF", () => {
    expectRefused('{\r\n"a":1,\r\n"a":2}', 3, 1, "$", "repeated member name");
  });

  it("property: a repeat spliced into any object at any depth is refused with the object's path", () => {
    const obj = fc
      .dictionary(fc.string({ minLength: 1, maxLength: 6 }), jsonValues, {
        minKeys: 1,
        maxKeys: 5,
      })
      .filter(safeNumbers);
    const wrappers = fc.array(
      fc.oneof(
        fc.constant<"arr">("arr"),
        fc
          .string({ minLength: 1, maxLength: 4 })
          .filter((k) => k !== "__proto__"),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(obj, fc.nat(), wrappers, (o, pick, wrap) => {
        const keys = Object.keys(o);
        const key = keys[pick % keys.length];
        let text =
          "{" + JSON.stringify(key) + ":0," + JSON.stringify(o).slice(1);
        let path = "$";
        const parts: string[] = [];
        for (const w of wrap) parts.push(w === "arr" ? "[0]" : `.${w}`);
        for (const w of [...wrap].reverse())
          text = w === "arr" ? `[${text},1]` : `{${JSON.stringify(w)}:${text}}`;
        path += parts.join("");
        const e = refusal(parseStrictText(text));
        expect(e.path).toBe(path);
        expect(e.message).toContain(
          `repeated member name ${JSON.stringify(key)}`,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("__proto__", () => {
  it("refuses a member named __proto__ at the top", () => {
    expectRefused(
      '{"__proto__": {"polluted": true}}',
      1,
      2,
      "$",
      'member named "__proto__"',
    );
  });

  it("refuses it nested and when written with escapes", () => {
    expectRefused('[{"a":{"\\u005f_proto__":1}}]', 1, 8, "$[0].a", "__proto__");
  });

  it("does not touch Object.prototype", () => {
    parseStrictText('{"__proto__":{"polluted":1}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("lone surrogates", () => {
  it.each([
    ["a lone high surrogate", '{"s":"\\ud800"}', 1, 6, "$.s"],
    ["a lone low surrogate", '{"s":["x","a\\udc00b"]}', 1, 11, "$.s[1]"],
    ["a reversed pair", '["\\ude02\\ud83d"]', 1, 2, "$[0]"],
    ["a high surrogate at the end", '"abc\\uD83D"', 1, 1, "$"],
    ["a lone surrogate in a member name", '{"ok":1,"\\udc00":1}', 1, 9, "$"],
    ["a raw lone surrogate", '{"s":"\uD800"}', 1, 6, "$.s"],
  ])("refuses %s", (_what, text, line, column, path) => {
    expectRefused(text, line, column, path, "lone surrogate");
  });
});

describe("numbers", () => {
  it.each([
    ["1e400", '{"n":1e400}', 1, 6, "$.n", "non-finite number 1e400"],
    ["-1e400", "[0,-1e400]", 1, 4, "$[1]", "non-finite number -1e400"],
    ["NaN", "[NaN]", 1, 2, "$[0]", "non-finite number"],
    ["Infinity", '{"x":Infinity}', 1, 6, "$.x", "non-finite number"],
    [
      "2^53",
      '{"n":9007199254740992}',
      1,
      6,
      "$.n",
      "integer 9007199254740992 is beyond ±(2^53−1)",
    ],
    [
      "-2^53",
      "[-9007199254740992]",
      1,
      2,
      "$[0]",
      "integer -9007199254740992 is beyond",
    ],
    [
      "a 30-digit integer",
      "123456789012345678901234567890",
      1,
      1,
      "$",
      "is beyond",
    ],
  ])("refuses %s", (_what, text, line, column, path, detail) => {
    expectRefused(text, line, column, path, detail);
  });

  it("refuses -Infinity, naming where", () => {
    const e = refusal(parseStrictText("[-Infinity]"));
    expect(e.path).toBe("$[0]");
    expect(e.message).toMatch(/^line 1, column 2 \(\$\[0\]\): /);
  });

  it("accepts ±(2^53−1) and large non-integer-text numbers", () => {
    const r = parseStrictText(
      "[9007199254740991,-9007199254740991,1.5e300,-1.5e300,1e21,5e-324]",
    );
    expect(r.ok && r.value).toEqual([
      9007199254740991, -9007199254740991, 1.5e300, -1.5e300, 1e21, 5e-324,
    ]);
  });

  it.each([
    ["a lone minus", "-", "malformed number"],
    ["a leading plus", "+1", 'unexpected character "+"'],
    ["a bare fraction", ".5", 'unexpected character "."'],
    ["a leading zero", "01", "unexpected text after the JSON value"],
    ["a trailing point", "1.", "unexpected text after the JSON value"],
    ["an empty exponent", "1e", "unexpected text after the JSON value"],
    ["hex", "0x10", "unexpected text after the JSON value"],
  ])("refuses %s", (_what, text, detail) => {
    expect(refusal(parseStrictText(text)).message).toContain(detail);
  });
});

describe("size, BOM and encoding (readStrict)", () => {
  it("refuses a file over 5 MiB, saying the limit", () => {
    const big = new Uint8Array(MAX_SEALED_FILE_BYTES + 1).fill(0x20);
    const e = refusal(readStrict(big));
    expect(e.message).toContain(`file is over 5 MiB`);
    expect(e.message).toContain("5 MiB");
  });

  it("refuses a BOM", () => {
    expect(
      refusal(readStrict(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])))
        .message,
    ).toContain("byte order mark");
  });

  // Each bad sequence sits after `{"a":"` (6 bytes), so the offset named must be 6.
  it.each([
    ["an overlong 2-byte slash", [0xc0, 0xaf]],
    ["an overlong 3-byte sequence", [0xe0, 0x80, 0xaf]],
    ["an overlong 4-byte sequence", [0xf0, 0x80, 0x80, 0xaf]],
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["an encoded surrogate ED A0 80", [0xed, 0xa0, 0x80]],
    ["a code point beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["an F5 lead byte", [0xf5, 0x80, 0x80, 0x80]],
    ["an FF byte", [0xff]],
  ])("refuses %s with its byte offset", (_what, bad) => {
    const bytes = Uint8Array.from([
      ...encode('{"a":"'),
      ...bad,
      ...encode('"}'),
    ]);
    expect(firstInvalidUtf8(bytes)).toBe(6);
    expect(refusal(readStrict(bytes)).message).toBe(
      "not UTF-8: invalid byte sequence at byte offset 6",
    );
  });

  it("refuses a sequence truncated by the end of the file", () => {
    expect(
      refusal(readStrict(Uint8Array.from([0x22, 0xf0, 0x9f, 0x98]))).message,
    ).toContain("byte offset 1");
  });

  it("accepts every valid UTF-8 length, up to U+10FFFF", () => {
    const bytes = encode('"a\u00e9\u20ac\u{1F602}\u{10FFFF}"');
    expect(firstInvalidUtf8(bytes)).toBe(-1);
    expect(readStrict(bytes).ok).toBe(true);
  });
});

describe("malformed text", () => {
  it.each([
    ["empty text", "", 1, 1, "$", "unexpected end of text"],
    ["only whitespace", " \n ", 2, 2, "$", "unexpected end of text"],
    [
      "trailing garbage",
      "{} x",
      1,
      4,
      "$",
      "unexpected text after the JSON value",
    ],
    [
      "two values",
      '{"a":1}{"b":2}',
      1,
      8,
      "$",
      "unexpected text after the JSON value",
    ],
    [
      "an unterminated string value",
      '{"a":"abc',
      1,
      6,
      "$.a",
      "unterminated string",
    ],
    ["an unterminated member name", '{"ab', 1, 2, "$", "unterminated string"],
    [
      "an unterminated object",
      '{"a":1',
      1,
      7,
      "$",
      "expected , or } in object",
    ],
    ["an unterminated array", "[1,2", 1, 5, "$", "expected , or ] in array"],
    [
      "a missing comma in an object",
      '{"a":1 "b":2}',
      1,
      8,
      "$",
      "expected , or } in object",
    ],
    [
      "a missing comma in an array",
      '{"l":[1 2]}',
      1,
      9,
      "$.l",
      "expected , or ] in array",
    ],
    [
      "a trailing comma in an array",
      "[1,]",
      1,
      4,
      "$[1]",
      'unexpected character "]"',
    ],
    [
      "a trailing comma in an object",
      '{"a":1,}',
      1,
      8,
      "$",
      "expected a member name in double quotes",
    ],
    [
      "an unquoted name",
      "{a:1}",
      1,
      2,
      "$",
      "expected a member name in double quotes",
    ],
    ["a missing colon", '{"a" 1}', 1, 6, "$", "expected : after member name"],
    ["single quotes", "['a']", 1, 2, "$[0]", 'unexpected character "\'"'],
    ["a misspelt literal", '{"t":tru}', 1, 6, "$.t", "not JSON"],
    [
      "a raw control character",
      '["a\u0001b"]',
      1,
      4,
      "$[0]",
      "control character in string must be escaped",
    ],
    [
      "a raw newline in a string",
      '{"a":"x\ny"}',
      1,
      8,
      "$.a",
      "control character",
    ],
    ["a malformed escape", '["\\x41"]', 1, 3, "$[0]", "malformed escape"],
    ["a short \\u escape", '["\\u12G4"]', 1, 3, "$[0]", "malformed \\u escape"],
    ["a comment", '{"a":1 /* c */}', 1, 8, "$", "expected , or } in object"],
  ])("refuses %s", (_what, text, line, column, path, detail) => {
    expectRefused(text, line, column, path, detail);
  });
});

describe("deep nesting", () => {
  it("refuses 300 nested arrays cleanly", () => {
    const e = refusal(parseStrictText("[".repeat(300) + "]".repeat(300)));
    expect(e.message).toContain("nesting deeper than 256");
    expect(e.path).toBe("$" + "[0]".repeat(256));
  });

  it("refuses 300 nested objects cleanly", () => {
    const e = refusal(
      parseStrictText('{"a":'.repeat(300) + "1" + "}".repeat(300)),
    );
    expect(e.message).toContain("nesting deeper than 256");
    expect(e.line).toBe(1);
    expect(e.column).toBe(256 * 5 + 1);
  });

  it("refuses a million unclosed brackets without overflowing the stack", () => {
    expect(
      refusal(readStrict(encode("[".repeat(1_000_000)))).message,
    ).toContain("nesting deeper than 256");
  });

  it("accepts 256 levels", () => {
    const r = parseStrictText("[".repeat(256) + "]".repeat(256));
    expect(r.ok).toBe(true);
  });
});
