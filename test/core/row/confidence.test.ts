import fc from "fast-check";
import { confidenceCell, isPercentFormat } from "../../../src/core/row";
import { containing } from "../../matchers";

const ok = (value: number) => ({ ok: true, value });

describe("confidenceCell: numbers", () => {
  it.each<[number, number]>([
    [78, 78],
    [78.5, 78.5],
    [0, 0],
    [100, 100],
    [12.345, 12.35], // half away from zero on the decimal digits, not on the binary double
    [12.344, 12.34],
    [1.005, 1.01], // 1.005 is 1.00499999… in binary; the decimal string rounds up
    [99.995, 100],
    [-0, 0],
    [-0.001, 0], // rounds to −0, written 0
    [-0.004999, 0],
  ])("%p (General) → %p", (v, want) => {
    const r = confidenceCell(v, "General");
    expect(r).toEqual(ok(want));
    if (r.ok) expect(Object.is(r.value, -0)).toBe(false);
  });

  it("treats an undefined format as not a percentage", () => {
    expect(confidenceCell(0.78, undefined)).toEqual(ok(0.78));
  });

  it("refuses a number above 100", () => {
    expect(confidenceCell(101, "General")).toEqual({
      ok: false,
      reason: "is 101, above 100; the confidence must be between 0 and 100",
    });
  });

  it("refuses a number that rounds above 100, saying what it rounds to", () => {
    expect(confidenceCell(100.005, "General")).toEqual({
      ok: false,
      reason:
        "is 100.005, which gives 100.01, above 100; the confidence must be between 0 and 100",
    });
    expect(confidenceCell(100.004, "General")).toEqual(ok(100));
  });

  it("refuses a negative number", () => {
    expect(confidenceCell(-5, "General")).toEqual({
      ok: false,
      reason: "is -5, below 0; the confidence must be between 0 and 100",
    });
    expect(confidenceCell(-0.005, "General")).toMatchObject({ ok: false }); // rounds to −0.01
  });

  it("refuses NaN and infinities", () => {
    expect(confidenceCell(NaN, "General")).toEqual({
      ok: false,
      reason: "is NaN, not a finite number",
    });
    expect(confidenceCell(Infinity, "0%")).toEqual({
      ok: false,
      reason: "is Infinity, not a finite number",
    });
  });
});

describe("confidenceCell: percentage-formatted numbers", () => {
  it.each<[number, string, number]>([
    [0.78, "0%", 78],
    [0.785, "0.0%", 78.5],
    [0.07, "0%", 7], // 0.07 * 100 would be 7.000000000000001
    [0.123456, "0.00%", 12.35],
    [0.1234549, "0.00%", 12.35],
    [0.1234449, "0.00%", 12.34],
    [1, "0%", 100],
    [0, "0%", 0],
    [0.57, "0%", 57], // 0.57 * 100 === 56.99999999999999
    [1e-7, "0.00%", 0],
    [0.00005, "0.00%", 0.01],
  ])("%p formatted %p → %p", (v, fmt, want) => {
    expect(confidenceCell(v, fmt)).toEqual(ok(want));
  });

  it("refuses a percentage above 100%, naming the format", () => {
    expect(confidenceCell(1.01, "0%")).toEqual({
      ok: false,
      reason:
        "is 1.01 (formatted as a percentage, 0%), which gives 101, above 100; the confidence must be between 0 and 100",
    });
  });

  it("refuses a negative percentage", () => {
    expect(confidenceCell(-0.2, "0%")).toEqual({
      ok: false,
      reason:
        "is -0.2 (formatted as a percentage, 0%), below 0; the confidence must be between 0 and 100",
    });
  });

  it("gives the decimal-shifted figure for every two-decimal percentage (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (hundredths) => {
        const v = hundredths / 10000; // the double nearest e.g. 0.7851
        expect(confidenceCell(v, "0.00%")).toEqual(
          ok(Number((hundredths / 100).toFixed(2))),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isPercentFormat", () => {
  it.each([
    "0%",
    "0.0%",
    "0.00%",
    "#,##0.0%",
    "[Red]0%",
    "0%;[Red]-0%",
    "[$-409]0.00%",
  ])("%p is a percentage", (f) => {
    expect(isPercentFormat(f)).toBe(true);
  });
  it.each([
    "General",
    "0",
    "0.00",
    '0"%"',
    '"%"0',
    "0\\%",
    "0_%",
    "0*%",
    "@",
    "yyyy-mm-dd",
    "[%]0",
    "",
  ])("%p is not a percentage (the % is literal or absent)", (f) => {
    expect(isPercentFormat(f)).toBe(false);
  });
  it("uses the section Excel applies to the value", () => {
    expect(isPercentFormat("0;0%", 0.5)).toBe(false);
    expect(isPercentFormat("0;0%", -0.5)).toBe(true);
    expect(isPercentFormat("0%;0;0", 0)).toBe(false);
    expect(isPercentFormat("0%;0;0", 0.5)).toBe(true);
  });
  it("counts a % in any section of a conditional format", () => {
    expect(isPercentFormat("[<0.5]0;0%", 0.78)).toBe(true);
  });
  it("applies to a cell through confidenceCell", () => {
    expect(confidenceCell(0.78, "0;0%")).toEqual(ok(0.78));
  });
});

describe("confidenceCell: text", () => {
  it.each<[string, number]>([
    ["78", 78],
    [" 78 ", 78],
    ["78.5", 78.5],
    ["+78", 78],
    ["078", 78],
    ["78%", 78], // already a percentage
    ["78.555%", 78.56],
    ["0.78", 0.78], // text is never scaled
    ["100", 100],
    ["100.004", 100],
    ["-0", 0],
    ["-0.001", 0],
    ["12.3456789012345678901234567890", 12.35],
  ])("%p → %p", (s, want) => {
    expect(confidenceCell(s, "General")).toEqual(ok(want));
  });

  it("ignores a percentage format on a text cell", () => {
    expect(confidenceCell("78", "0%")).toEqual(ok(78));
  });

  it("refuses text that is not a number, saying so", () => {
    expect(confidenceCell("high", "General")).toEqual({
      ok: false,
      reason:
        'is "high", which is not a number (write a figure like 78, 78.5 or 78%)',
    });
  });

  it.each([
    "78 %",
    "1e2",
    "78.",
    ".5",
    "0x10",
    "78%%",
    "7 8",
    "NaN",
    "Infinity",
    "78,5",
    "٧٨",
  ])("refuses %p", (s) => {
    expect(confidenceCell(s, "General")).toMatchObject({
      ok: false,
      reason: containing("is not a number"),
    });
  });

  it("refuses text above 100 or below 0", () => {
    expect(confidenceCell("101", undefined)).toEqual({
      ok: false,
      reason: 'is "101", above 100; the confidence must be between 0 and 100',
    });
    expect(confidenceCell("101%", undefined)).toMatchObject({
      ok: false,
      reason: containing("above 100"),
    });
    expect(confidenceCell("-1", undefined)).toEqual({
      ok: false,
      reason: 'is "-1", below 0; the confidence must be between 0 and 100',
    });
    expect(confidenceCell("9".repeat(400), undefined)).toMatchObject({
      ok: false,
      reason: containing("above 100"),
    });
  });

  it("refuses an empty cell", () => {
    expect(confidenceCell("", "General")).toEqual({
      ok: false,
      reason: "is empty; the confidence must be between 0 and 100",
    });
    expect(confidenceCell("   ", undefined)).toMatchObject({ ok: false });
  });

  it("refuses a boolean", () => {
    expect(confidenceCell(true, "General")).toEqual({
      ok: false,
      reason: "is the boolean TRUE, not a number",
    });
    expect(confidenceCell(false, "0%")).toEqual({
      ok: false,
      reason: "is the boolean FALSE, not a number",
    });
  });

  it("always returns a value with at most two decimals, in range, never −0 (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 200, noNaN: true }),
        fc.constantFrom("General", "0%"),
        (v, fmt) => {
          const r = confidenceCell(v, fmt);
          if (!r.ok) return;
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(100);
          expect(Object.is(r.value, -0)).toBe(false);
          expect(String(r.value)).toMatch(/^\d+(\.\d{1,2})?$/);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
