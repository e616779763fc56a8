// Rule 5: dates are serial numbers with a number format, in the workbook's date system.
import {
  SimWorkbook,
  createTestHost,
  dateSerial,
  serialToYmd,
} from "@sealed-run/excel-simulator/testing";
import { rejection, thrown } from "./helpers";

describe("serials", () => {
  test("1900 system: 1 = 1900-01-01, 60 = the fictitious 1900-02-29, 61 = 1900-03-01", () => {
    expect(dateSerial(1900, 1, 1, 1900)).toBe(1);
    expect(dateSerial(1900, 2, 28, 1900)).toBe(59);
    expect(serialToYmd(60, 1900)).toMatchObject({
      year: 1900,
      month: 2,
      day: 29,
    });
    expect(dateSerial(1900, 3, 1, 1900)).toBe(61);
    expect(dateSerial(2026, 2, 15, 1900)).toBe(46068);
    expect(serialToYmd(2_958_465, 1900)).toMatchObject({
      year: 9999,
      month: 12,
      day: 31,
    });
  });

  test("1904 system: 0 = 1904-01-01, and 1462 days lower than 1900", () => {
    expect(dateSerial(1904, 1, 1, 1904)).toBe(0);
    expect(dateSerial(1904, 1, 1, 1900)).toBe(1462);
    expect(dateSerial(2026, 2, 15, 1904)).toBe(46068 - 1462);
    expect(serialToYmd(46068 - 1462, 1904)).toMatchObject({
      year: 2026,
      month: 2,
      day: 15,
      fraction: 0,
    });
  });
});

describe("Workbook.functions.date", () => {
  async function date(book: SimWorkbook, y: number, m: number, d: number) {
    return createTestHost(book).run(async (context) => {
      const r = context.workbook.functions.date(y, m, d);
      r.load("value, error");
      await context.sync();
      return { value: r.value, error: r.error };
    });
  }

  test("date(1904,1,1) is 1462 in the 1900 system and 0 in the 1904 system", async () => {
    expect(await date(new SimWorkbook({ sheets: ["S"] }), 1904, 1, 1)).toEqual({
      value: 1462,
      error: null,
    });
    expect(
      await date(
        new SimWorkbook({ sheets: ["S"], date1904: true }),
        1904,
        1,
        1,
      ),
    ).toEqual({ value: 0, error: null });
  });

  test("out-of-range arguments give #NUM!", async () => {
    expect(
      (await date(new SimWorkbook({ sheets: ["S"] }), 10000, 1, 1)).error,
    ).toBe("#NUM!");
  });

  test("the result must be loaded and synced before reading", async () => {
    await createTestHost(new SimWorkbook({ sheets: ["S"] })).run(
      async (context) => {
        const r = context.workbook.functions.date(2026, 2, 15);
        expect(thrown(() => r.value).code).toBe("PropertyNotLoaded");
        await context.sync();
        expect(thrown(() => r.value).code).toBe("PropertyNotLoaded");
      },
    );
  });
});

describe("date cells", () => {
  test("a date cell holds a number; text renders it with its format in the book's system", async () => {
    const book = new SimWorkbook({ sheets: ["S"] });
    book
      .sheet("S")
      .setCells(
        "A1:C1",
        [[46068, 46068.75, 46068]],
        [["yyyy-mm-dd", "m/d/yyyy h:mm AM/PM", "dd mmm yyyy"]],
      );
    const got = await createTestHost(book).run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:C1");
      r.load("values, text, valueTypes, numberFormat");
      await context.sync();
      return { values: r.values, text: r.text, types: r.valueTypes };
    });
    expect(got.values).toEqual([[46068, 46068.75, 46068]]);
    expect(got.types).toEqual([["Double", "Double", "Double"]]);
    expect(got.text).toEqual([
      ["2026-02-15", "2/15/2026 6:00 PM", "15 Feb 2026"],
    ]);
  });

  test("the same serial shows a different date in a 1904 workbook", () => {
    const book = new SimWorkbook({ sheets: ["S"], date1904: true });
    book.sheet("S").setCells("A1", [[46068]], "yyyy-mm-dd");
    expect(book.sheet("S").cell("A1").text).toBe("2030-02-16");
  });

  test("a typed ISO date is stored in the book's date system", async () => {
    const book = new SimWorkbook({ sheets: ["S"], date1904: true });
    await createTestHost(book).run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [
        ["2026-02-15"],
      ];
      await context.sync();
    });
    expect(book.sheet("S").cell("A1")).toMatchObject({
      value: 46068 - 1462,
      text: "2026-02-15",
    });
  });

  test("a JS Date is not a valid cell value (Office.js takes serials)", async () => {
    const book = new SimWorkbook({ sheets: ["S"] });
    const err = await rejection(
      createTestHost(book).run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [
          [new Date()],
        ];
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
  });
});
