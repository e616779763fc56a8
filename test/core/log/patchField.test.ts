// §6 PATCH: the field path names a place in the sealed document, and the old and new values are
// written as log text (strings as they are, anything else as JCS).
import {
  logText,
  lookupField,
  newValueText,
} from "../../../src/core/log/patchField";
import type { SealedRun } from "../../../src/core/types";
import { sealOk } from "../fixtures";

let doc: SealedRun;
beforeAll(async () => {
  doc = (await sealOk()).document;
});

describe("lookupField", () => {
  it.each<[string, unknown]>([
    ["kpis.summary_confidence_pct", 78],
    ["kpis.next_review_date", "2026-02-22"],
    ["top_risks[2]", "Assumption staleness"],
    ["top_risks[0]", "Budget reversal"],
    ["meta.operator", "J. Rivera"],
    [
      "suggested_updates",
      ["Update CLM-003 confidence", "Flag ASM-002 for re-review"],
    ],
    ["system_observations", []],
    [
      "authority_envelope.refusal.checks_performed[7].check",
      "not_already_sealed",
    ],
    ["reconstruction.source.headers[8]", "NextReviewDate"],
  ])("%s", (field, value) => {
    expect(lookupField(doc, field)).toEqual({ ok: true, value });
  });

  it.each<[string, string]>([
    ["kpis.summary_confidence", 'kpis has no member "summary_confidence"'],
    ["missing", 'the document has no member "missing"'],
    ["meta.run_id.x", 'meta.run_id has no member "x"'],
    ["top_risks[3]", "top_risks has no item [3]"],
    ["top_risks[99]", "top_risks has no item [99]"],
    ["kpis[0]", "kpis has no item [0]"],
    ["top_risks.length", 'top_risks has no member "length"'],
    ["constructor", 'the document has no member "constructor"'],
    ["__proto__", 'the document has no member "__proto__"'],
    ["hash", "hash cannot be patched: it is the seal itself"],
    ["", "the field path is empty"],
  ])("refuses %j: %s", (field, message) => {
    expect(lookupField(doc, field)).toEqual({ ok: false, message });
  });

  it.each([
    "kpis..x",
    "top_risks[a]",
    "top_risks[-1]",
    "top_risks[ 1]",
    ".kpis",
    "kpis.",
    "2kpis",
    "kpis['x']",
    "meta/run_id",
    "top risks",
  ])(
    "refuses the malformed path %j, with an example of a good one",
    (field) => {
      expect(lookupField(doc, field)).toEqual({
        ok: false,
        message: `${JSON.stringify(field)} is not a field path like kpis.summary_confidence_pct or top_risks[2]`,
      });
    },
  );

  it("walks nested indexes", () => {
    expect(lookupField({ a: [[1, [2, 3]]] }, "a[0][1][1]")).toEqual({
      ok: true,
      value: 3,
    });
    expect(lookupField({ a: [[1]] }, "a[0][1]")).toEqual({
      ok: false,
      message: "a[0] has no item [1]",
    });
  });
});

describe("log text of values", () => {
  it("writes strings as they are and everything else as JCS", () => {
    expect(logText("=SUM(A1)")).toBe("=SUM(A1)");
    expect(logText(78)).toBe("78");
    expect(logText(72.5)).toBe("72.5");
    expect(logText(["b", "a"])).toBe('["b","a"]');
    expect(logText({ z: 1, a: null })).toBe('{"a":null,"z":1}');
    expect(logText(true)).toBe("true");
  });
});

describe("newValueText", () => {
  it("keeps the text of a string field exactly as typed", () => {
    expect(newValueText("Budget reversal", "  72.50 ")).toEqual({
      ok: true,
      text: "  72.50 ",
    });
    expect(newValueText("x", "=1+1")).toEqual({ ok: true, text: "=1+1" });
    expect(newValueText("x", "")).toEqual({ ok: true, text: "" });
  });

  it("requires JSON for a number field and writes it canonically", () => {
    expect(newValueText(78, "72.50")).toEqual({ ok: true, text: "72.5" });
    expect(newValueText(78, " 1E2 ")).toEqual({ ok: true, text: "100" });
    expect(newValueText(78, "-0")).toEqual({ ok: true, text: "0" });
  });

  it("writes a list field canonically", () => {
    expect(newValueText(["a"], '[ "b" ,\n "a" ]')).toEqual({
      ok: true,
      text: '["b","a"]',
    });
  });

  it.each([
    ["72,5", "unexpected text after the JSON value"],
    ["seventy", 'unexpected character "s"'],
    ["", "unexpected end of text"],
    ["1e400", "non-finite number"],
    ["9007199254740993", "beyond ±(2^53−1)"],
    ['{"a":1,"a":2}', "repeated member name"],
  ])(
    "refuses %j for a number field, saying the field holds a number and why",
    (typed, why) => {
      const r = newValueText(78, typed);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(
          r.message.startsWith(
            'the field holds 78, so the new value must be JSON (e.g. 72 or ["a","b"]): line 1, column ',
          ),
        ).toBe(true);
        expect(r.message).toContain(why);
      }
    },
  );
});
