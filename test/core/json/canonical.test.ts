// RFC 8785 against the reference vectors (cyberphone/json-canonicalization) and the refusals JCS
// needs: a value it cannot represent must stop the seal, never be silently changed.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  canonicalBytes,
  canonicalize,
  CanonicalizationError,
} from "../../../src/core/json/canonical";
import { SHARED } from "../fixtures";

const VECTORS = path.join(SHARED, "vectors/jcs");
const names = fs
  .readdirSync(path.join(VECTORS, "input"))
  .filter((f) => f.endsWith(".json"));

describe("JCS reference vectors", () => {
  it("finds the six reference inputs", () => {
    expect(names.sort()).toEqual([
      "arrays.json",
      "french.json",
      "structures.json",
      "unicode.json",
      "values.json",
      "weird.json",
    ]);
  });

  it.each(names)(
    "%s canonicalizes to output/ byte for byte and to outhex/",
    (name) => {
      const input = fs.readFileSync(path.join(VECTORS, "input", name), "utf8");
      const expected = fs.readFileSync(path.join(VECTORS, "output", name));
      const got = canonicalBytes(JSON.parse(input));
      expect(Buffer.from(got).equals(expected)).toBe(true);

      const hex = fs
        .readFileSync(
          path.join(VECTORS, "outhex", name.replace(/\.json$/, ".txt")),
          "utf8",
        )
        .trim()
        .split(/\s+/);
      expect(Array.from(got, (b) => b.toString(16).padStart(2, "0"))).toEqual(
        hex,
      );
    },
  );
});

describe("JCS numbers: es6testfile10k.txt", () => {
  const lines = fs
    .readFileSync(path.join(VECTORS, "numbers/es6testfile10k.txt"), "utf8")
    .split("\n")
    .filter(Boolean);

  it("has 10,000 lines", () => {
    expect(lines).toHaveLength(10000);
  });

  it("serializes every IEEE double as the file expects", () => {
    const view = new DataView(new ArrayBuffer(8));
    const wrong: string[] = [];
    for (const line of lines) {
      const [hex, expected] = line.split(",");
      const padded = hex.padStart(16, "0");
      view.setUint32(0, parseInt(padded.slice(0, 8), 16));
      view.setUint32(4, parseInt(padded.slice(8), 16));
      const got = canonicalize(view.getFloat64(0));
      if (got !== expected)
        wrong.push(`${hex}: got ${got}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it("writes -0 as 0", () => {
    expect(canonicalize(-0)).toBe("0");
    expect(canonicalize({ a: [-0] })).toBe('{"a":[0]}');
  });
});

describe("JCS ordering and escaping", () => {
  it("sorts members by UTF-16 code units at every depth, keeping array order", () => {
    expect(
      canonicalize({
        b: 1,
        a: { z: [3, 1, 2], "\u{1F602}": true, "\uFB33": false },
        "": null,
      }),
    ).toBe('{"":null,"a":{"z":[3,1,2],"\u{1F602}":true,"\uFB33":false},"b":1}');
  });

  it("escapes control characters and keeps other characters as they are", () => {
    expect(canonicalize('\u0000\b\t\n\f\r"\\/\u001f\u007f\u2028é')).toBe(
      '"\\u0000\\b\\t\\n\\f\\r\\"\\\\/\\u001f\u007f\u2028é"',
    );
  });
});

describe("JCS refusals name the JSON path", () => {
  const refusals: [string, unknown, string][] = [
    ["NaN", { a: [1, NaN] }, "$.a[1]"],
    ["Infinity", { x: Infinity }, "$.x"],
    ["-Infinity", [-Infinity], "$[0]"],
    ["a lone high surrogate value", { s: "ok\uD800" }, "$.s"],
    ["a lone low surrogate value", { list: ["x", "\uDC00y"] }, "$.list[1]"],
    ["a reversed surrogate pair value", { r: "\uDE00\uD83D" }, "$.r"],
    ["a lone high surrogate key", { outer: { "k\uD800": 1 } }, "$.outer"],
    ["a lone low surrogate key", { "\uDC00": 1 }, "$"],
    ["a reversed pair key", { o: [{ "\uDE00\uD83D": 1 }] }, "$.o[0]"],
    ["undefined", { meta: { model: undefined } }, "$.meta.model"],
    ["undefined at top level", undefined, "$"],
    ["a function", { f: () => 1 }, "$.f"],
    ["a bigint", { n: [BigInt(1)] }, "$.n[0]"],
    ["a Date object", { when: new Date(0) }, "$.when"],
    ["a Map", { m: new Map() }, "$.m"],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case: JCS has no way to write one
    ["an array hole", { h: [1, , 3] }, "$.h[1]"],
  ];

  it.each(refusals)("refuses %s", (_what, value, where) => {
    let caught: unknown;
    try {
      canonicalize(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CanonicalizationError);
    const err = caught as CanonicalizationError;
    expect(err.path).toBe(where);
    expect(err.message.endsWith(` at ${where}`)).toBe(true);
  });

  it("says when the lone surrogate is in a member name, and which one", () => {
    expect(() => canonicalize({ outer: { "k\uD800": 1 } })).toThrow(
      'lone surrogate in member name "k\\ud800" at $.outer',
    );
  });

  it("accepts a well-formed surrogate pair in keys and values", () => {
    expect(canonicalize({ "\uD83D\uDE02": "\uD83D\uDE02" })).toBe(
      '{"\u{1F602}":"\u{1F602}"}',
    );
  });

  it("accepts objects without a prototype", () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    expect(canonicalize(o)).toBe('{"a":1,"b":2}');
  });
});
