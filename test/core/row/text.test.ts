import fc from "fast-check";
import { cellToText, shortestDecimal, splitList } from "../../../src/core/row";

describe("shortestDecimal", () => {
  it.each<[number, string]>([
    [0, "0"],
    [-0, "0"],
    [78, "78"],
    [0.785, "0.785"],
    [-12.5, "-12.5"],
    [1e21, "1000000000000000000000"],
    [1.5e21, "1500000000000000000000"],
    [-1.2345e25, "-12345000000000000000000000"],
    [1e-7, "0.0000001"],
    [1.5e-7, "0.00000015"],
    [-1.23e-18, "-0.00000000000000000123"],
    [0.000001, "0.000001"],
    [5e-324, "0." + "0".repeat(323) + "5"],
    [Number.MAX_VALUE, "17976931348623157" + "0".repeat(292)],
    [0.1 + 0.2, "0.30000000000000004"],
  ])("writes %p as %p", (n, s) => {
    expect(shortestDecimal(n)).toBe(s);
  });

  it("refuses NaN and infinities", () => {
    expect(() => shortestDecimal(NaN)).toThrow(RangeError);
    expect(() => shortestDecimal(Infinity)).toThrow(RangeError);
    expect(() => shortestDecimal(-Infinity)).toThrow(RangeError);
  });

  it("parses back to the same double, never with an exponent (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = shortestDecimal(n);
        expect(s).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(s)).toBe(n === 0 ? 0 : n); // -0 is written "0"
      }),
      { numRuns: 2000 },
    );
  });

  it("uses the same digits as String(n) (shortest round trip)", () => {
    fc.assert(
      fc.property(
        fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: 1e-300,
          max: 1e300,
        }),
        (n) => {
          const digits = (s: string) =>
            s
              .replace(/e.*$/, "")
              .replace(/[-.]/g, "")
              .replace(/^0+/, "")
              .replace(/0+$/, "");
          expect(digits(shortestDecimal(n))).toBe(digits(String(n)));
        },
      ),
    );
  });
});

describe("cellToText", () => {
  it("trims strings with ECMAScript trim (tabs, newlines, no-break space, BOM)", () => {
    expect(cellToText(" \t J. Rivera\u00a0\n\ufeff")).toBe("J. Rivera");
  });
  it("keeps inner spaces", () => {
    expect(cellToText("gpt 4o  mini")).toBe("gpt 4o  mini");
  });
  it("writes numbers as shortest digits without exponent", () => {
    expect(cellToText(4)).toBe("4");
    expect(cellToText(1e21)).toBe("1000000000000000000000");
    expect(cellToText(1e-7)).toBe("0.0000001");
    expect(cellToText(-0)).toBe("0");
  });
  it("writes booleans as Excel shows them", () => {
    expect(cellToText(true)).toBe("TRUE");
    expect(cellToText(false)).toBe("FALSE");
  });
  it("gives an empty string for an empty cell", () => {
    expect(cellToText("")).toBe("");
    expect(cellToText("   ")).toBe("");
  });
});

describe("splitList", () => {
  it("splits on ; and trims each item", () => {
    expect(
      splitList(
        "Budget reversal; Legacy API consumer discovered ;Assumption staleness",
      ),
    ).toEqual([
      "Budget reversal",
      "Legacy API consumer discovered",
      "Assumption staleness",
    ]);
  });
  it("drops empty and all-space items, keeping order and repeats", () => {
    expect(splitList(";; b ;  ; a;b;;a ;")).toEqual(["b", "a", "b", "a"]);
  });
  it("gives [] for an empty cell", () => {
    expect(splitList("")).toEqual([]);
    expect(splitList(" ; ; ")).toEqual([]);
  });
  it("gives one item for text without ;, and keeps commas inside items", () => {
    expect(splitList("Re-check hiring freeze, Q3")).toEqual([
      "Re-check hiring freeze, Q3",
    ]);
  });
  it("writes a number or boolean cell as one item", () => {
    expect(splitList(42)).toEqual(["42"]);
    expect(splitList(true)).toEqual(["TRUE"]);
  });
  it("never yields an empty or untrimmed item, and loses no non-space text (property)", () => {
    const piece = fc.string({
      unit: fc.constantFrom("a", "b", " ", ";", "\t", "\u00a0", "é", "\n"),
    });
    fc.assert(
      fc.property(piece, (s) => {
        const items = splitList(s);
        for (const item of items) {
          expect(item).not.toBe("");
          expect(item).toBe(item.trim());
          expect(item).not.toContain(";");
        }
        const visible = (t: string) => t.replace(/[\s;]/g, "");
        expect(items.map(visible).join("")).toBe(visible(s));
      }),
      { numRuns: 1000 },
    );
  });
});
