// Rule 4: what Excel stores when an add-in writes strings through Range.values / formulas.
import type {
  TestHost,
  SimWorkbook,
} from "@sealed-run/excel-simulator/testing";
import { rejection, setup } from "./helpers";

async function write(
  host: TestHost,
  address: string,
  value: unknown,
  format?: string,
  via: "values" | "formulas" = "values",
) {
  return host.run(async (context) => {
    const r = context.workbook.worksheets.getItem("S").getRange(address);
    if (format !== undefined) r.numberFormat = [[format]];
    r[via] = [[value]];
    r.load("values, formulas, valueTypes, text, numberFormat");
    await context.sync();
    return {
      value: r.values[0][0] as unknown,
      formula: r.formulas[0][0] as unknown,
      type: r.valueTypes[0][0],
      text: r.text[0][0],
      format: r.numberFormat[0][0] as unknown,
    };
  });
}

let book: SimWorkbook;
let host: TestHost;
beforeEach(() => ({ book, host } = setup(["S"])));

describe("rule 4: formula-like strings in a General cell become formulas", () => {
  test.each([
    ["=SUM(A1:A3)", "=SUM(A1:A3)", "#NAME?"],
    ["=A1", "=A1", "#NAME?"],
    ["-abc", "=-abc", "#NAME?"],
    ["+abc", "=+abc", "#NAME?"],
    ["@abc", "=@abc", "#NAME?"],
  ])(
    "%s is stored as the formula %s (value %s: the simulator has no calc engine)",
    async (input, formula, value) => {
      const got = await write(host, "A1", input);
      expect(got).toMatchObject({ formula, value, type: "Error" });
    },
  );

  test('formulas of literals evaluate: =5, =-5, =2*3, ="a"&"b"', async () => {
    expect(await write(host, "A1", "=5")).toMatchObject({
      value: 5,
      formula: "=5",
      type: "Double",
    });
    expect(await write(host, "A2", "=-5")).toMatchObject({
      value: -5,
      formula: "=-5",
    });
    expect(await write(host, "A3", "=2*3")).toMatchObject({
      value: 6,
      formula: "=2*3",
    });
    expect(await write(host, "A4", '="a"&"b"')).toMatchObject({
      value: "ab",
      formula: '="a"&"b"',
      type: "String",
    });
  });

  test("-5 and +5 are numbers, not formulas", async () => {
    expect(await write(host, "A1", "-5")).toMatchObject({
      value: -5,
      formula: -5,
      type: "Double",
    });
    expect(await write(host, "A2", "+5")).toMatchObject({
      value: 5,
      formula: 5,
    });
  });

  test("an unbalanced formula is refused with InvalidArgument", async () => {
    const err = await rejection(write(host, "A1", "=SUM(A1"));
    expect(err.code).toBe("InvalidArgument");
    expect(book.sheet("S").cell("A1").valueType).toBe("Empty");
  });

  test("writing through Range.formulas parses the same way", async () => {
    expect(
      await write(host, "A1", "plain", undefined, "formulas"),
    ).toMatchObject({ value: "plain", formula: "plain" });
    expect(
      await write(host, "A2", "=1+1", undefined, "formulas"),
    ).toMatchObject({ value: 2, formula: "=1+1" });
  });
});

describe("rule 4: how a string is kept as text", () => {
  test("a leading apostrophe keeps the rest as text; values, formulas and text omit it", async () => {
    const got = await write(host, "A1", "'=SUM(A1:A3)");
    expect(got).toMatchObject({
      value: "=SUM(A1:A3)",
      formula: "=SUM(A1:A3)",
      text: "=SUM(A1:A3)",
      type: "String",
    });
    expect(book.sheet("S").cell("A1").quotePrefix).toBe(true);
  });

  test("the apostrophe works for every trigger and for digits", async () => {
    for (const [i, s] of [
      "-1",
      "+x",
      "@x",
      "00123",
      "TRUE",
      "2026-02-15",
    ].entries()) {
      const got = await write(host, `B${i + 1}`, `'${s}`);
      expect(got.value).toBe(s);
      expect(got.type).toBe("String");
    }
  });

  test("two apostrophes keep one", async () => {
    expect((await write(host, "A1", "''quoted")).value).toBe("'quoted");
  });

  test("a cell formatted as Text (@) keeps a formula-like string as text", async () => {
    const got = await write(host, "A1", "=SUM(A1:A3)", "@");
    expect(got).toMatchObject({
      value: "=SUM(A1:A3)",
      formula: "=SUM(A1:A3)",
      type: "String",
      format: "@",
    });
    expect(book.sheet("S").cell("A1").quotePrefix).toBe(false);
  });

  test("the @ format must be applied before the value: format after value is too late", async () => {
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1");
      r.values = [["00123"]];
      r.numberFormat = [["@"]];
      await context.sync();
    });
    expect(book.sheet("S").cell("A1")).toMatchObject({
      value: 123,
      valueType: "Double",
      numberFormat: "@",
    });
  });

  test("a format set in an earlier sync counts too", async () => {
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:A2");
      r.numberFormat = [["@"], ["@"]];
      await context.sync();
      r.values = [["PL-000001"], ["-x"]];
      await context.sync();
    });
    expect(book.sheet("S").values("A1:A2")).toEqual([["PL-000001"], ["-x"]]);
  });

  test("tab- and carriage-return-led strings are plain text", async () => {
    expect((await write(host, "A1", "\t=1")).value).toBe("\t=1");
    expect((await write(host, "A2", "\r+1")).value).toBe("\r+1");
  });
});

describe("rule 4: other conversions in a General cell", () => {
  test('a string of digits becomes a number: "00123" → 123', async () => {
    expect(await write(host, "A1", "00123")).toMatchObject({
      value: 123,
      type: "Double",
      text: "123",
    });
  });

  test('a @-formatted cell keeps "00123" as text', async () => {
    expect(await write(host, "A1", "00123", "@")).toMatchObject({
      value: "00123",
      type: "String",
    });
  });

  test("more than 15 significant digits are lost, as in Excel", async () => {
    expect((await write(host, "A1", "12345678901234567890")).value).toBe(
      12345678901234600000,
    );
  });

  test("percent strings become fractions with a percent format", async () => {
    expect(await write(host, "A1", "78%")).toMatchObject({
      value: 0.78,
      format: "0%",
      text: "78%",
    });
    expect(await write(host, "A2", "78.5%")).toMatchObject({
      value: 0.785,
      format: "0.00%",
      text: "78.50%",
    });
  });

  test("TRUE/FALSE become booleans, error literals become errors", async () => {
    expect(await write(host, "A1", "true")).toMatchObject({
      value: true,
      type: "Boolean",
      text: "TRUE",
    });
    expect(await write(host, "A2", "#N/A")).toMatchObject({
      value: "#N/A",
      type: "Error",
    });
  });

  test("ISO dates become date serials with a date format", async () => {
    expect(await write(host, "A1", "2026-02-15")).toMatchObject({
      value: 46068,
      format: "yyyy-mm-dd",
      text: "2026-02-15",
    });
    expect(await write(host, "A2", "2026-02-15 10:30")).toMatchObject({
      value: 46068 + 10.5 / 24,
      format: "yyyy-mm-dd h:mm",
    });
  });

  test("ISO timestamps with T/Z and impossible dates stay text", async () => {
    expect((await write(host, "A1", "2026-02-15T10:30:00Z")).type).toBe(
      "String",
    );
    expect((await write(host, "A2", "2026-02-30")).type).toBe("String");
  });

  test("an empty string clears the cell but keeps its format; null leaves the cell alone", async () => {
    book.sheet("S").setCells("A1:B1", [["x", "y"]], "@");
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [
        ["", null],
      ];
      await context.sync();
    });
    expect(book.sheet("S").cell("A1")).toMatchObject({
      valueType: "Empty",
      numberFormat: "@",
    });
    expect(book.sheet("S").cell("B1").value).toBe("y");
  });

  test("a string longer than 32,767 characters is refused and nothing is written", async () => {
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [
          ["ok", "x".repeat(32_768)],
        ];
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toContain("32767");
    expect(book.sheet("S").cell("A1").valueType).toBe("Empty");
  });

  test("non-scalar values (Date, objects, NaN) are refused", async () => {
    for (const bad of [new Date(), { a: 1 }, Number.NaN, undefined]) {
      const err = await rejection(write(host, "A1", bad));
      expect(err.code).toBe("InvalidArgument");
    }
  });
});

describe("rule 4: strings whose conversion depends on the locale are refused in General cells", () => {
  test.each([
    "2/15/2026",
    "1/2",
    "15-Feb",
    "Feb 2026",
    "10:30",
    "$12",
    "(123)",
    "1 1/2",
    "-$5",
  ])('"%s" fails with NotImplemented, naming the way out', async (s) => {
    const err = await rejection(write(host, "A1", s));
    expect(err.code).toBe("NotImplemented");
    expect(err.message).toContain(`"${s}"`);
    expect(err.message).toContain('"@"');
  });

  test("the same strings are fine in a Text cell or with an apostrophe", async () => {
    expect((await write(host, "A1", "2/15/2026", "@")).value).toBe("2/15/2026");
    expect((await write(host, "A2", "'10:30")).value).toBe("10:30");
  });

  test("ordinary text with months or digits is not mistaken for a date", async () => {
    for (const s of [
      "Run 12",
      "12 Run",
      "PL-000001",
      "RUN-001",
      "sha256:ab12",
      "top_risks[2]",
    ]) {
      expect((await write(host, "A1", s)).value).toBe(s);
    }
  });
});

test("a refused value names the cell it was meant for", async () => {
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B4:C4").values = [
        ["fine", "10:30"],
      ];
      await context.sync();
    }),
  );
  expect(err.message).toContain("S!C4");
  expect(err.debugInfo.errorLocation).toBe("Range.values");
});
