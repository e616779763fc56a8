import fc from "fast-check";
import { dateCell, parseIsoDate, serialToIsoDate } from "../../../src/core/row";
import { containing } from "../../matchers";

const DAY_MS = 86_400_000;
/** Oracle: UTC arithmetic (independent of the implementation's integer day count). */
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("serialToIsoDate, 1900 system", () => {
  it.each<[number, string | null]>([
    [1, "1900-01-01"],
    [2, "1900-01-02"],
    [31, "1900-01-31"],
    [59, "1900-02-28"],
    [60, null], // 29 Feb 1900 never existed
    [61, "1900-03-01"],
    [366, "1900-12-31"],
    [367, "1901-01-01"],
    [46068, "2026-02-15"],
    [46075, "2026-02-22"],
    [45351, "2024-02-29"],
    [2958465, "9999-12-31"],
    [2958466, null],
    [0, null],
    [-1, null],
  ])("serial %p → %p", (serial, iso) => {
    expect(serialToIsoDate(serial, 1900)).toBe(iso);
  });

  it("drops the time of day", () => {
    expect(serialToIsoDate(46068.75, 1900)).toBe("2026-02-15");
    expect(serialToIsoDate(46068.999999, 1900)).toBe("2026-02-15");
    expect(serialToIsoDate(59.9, 1900)).toBe("1900-02-28");
    expect(serialToIsoDate(61.01, 1900)).toBe("1900-03-01");
    expect(serialToIsoDate(2958465.5, 1900)).toBe("9999-12-31");
  });

  it("refuses a fractional 60, a fraction of day 0, and non-finite numbers", () => {
    expect(serialToIsoDate(60.5, 1900)).toBeNull();
    expect(serialToIsoDate(0.5, 1900)).toBeNull();
    expect(serialToIsoDate(NaN, 1900)).toBeNull();
    expect(serialToIsoDate(Infinity, 1900)).toBeNull();
  });

  it("agrees with UTC arithmetic from 1899-12-30 for every serial from 61 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (s) => {
        expect(serialToIsoDate(s, 1900)).toBe(
          utcDate(Date.UTC(1899, 11, 30) + s * DAY_MS),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe("serialToIsoDate, 1904 system", () => {
  it.each<[number, string | null]>([
    [0, "1904-01-01"],
    [1, "1904-01-02"],
    [59, "1904-02-29"], // 1904 is a real leap year; no phantom day in this system
    [60, "1904-03-01"],
    [44606, "2026-02-15"], // 46068 − 1462,
    [2957003, "9999-12-31"],
    [2957004, null],
    [-1, null],
    [-0.5, null],
  ])("serial %p → %p", (serial, iso) => {
    expect(serialToIsoDate(serial, 1904)).toBe(iso);
  });

  it("is the 1900 date 1462 days later, for every date both systems hold (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2957003 }), (s) => {
        expect(serialToIsoDate(s, 1904)).toBe(serialToIsoDate(s + 1462, 1900));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseIsoDate", () => {
  it.each([
    "2026-02-15",
    "2024-02-29",
    "2000-02-29",
    "1900-02-28",
    "0001-01-01",
    "9999-12-31",
    "2026-04-30",
  ])("accepts the real date %p", (s) => {
    expect(parseIsoDate(s)).toBe(s);
  });
  it.each([
    "2026-02-29", // not a leap year
    "1900-02-29", // century, not a leap year
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-01-00",
    "2026-1-5",
    "26-01-05",
    "2026/01/05",
    "2026-01-05T00:00:00Z",
    " 2026-01-05",
    "+02026-01-05",
    "２０２６-01-05",
    "",
  ])("refuses %p", (s) => {
    expect(parseIsoDate(s)).toBeNull();
  });

  it("agrees with UTC calendar round trips (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = utcDate(Date.UTC(y, m - 1, d)) === s;
          expect(parseIsoDate(s)).toBe(real ? s : null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("dateCell", () => {
  it("reads a CSV YYYY-MM-DD string, trimmed", () => {
    expect(dateCell(" 2026-02-15 ", "csv")).toEqual({
      ok: true,
      date: "2026-02-15",
    });
  });

  it("refuses a CSV locale date, saying to use YYYY-MM-DD", () => {
    const r = dateCell("2/15/2026", "csv");
    expect(r).toEqual({
      ok: false,
      reason:
        'is "2/15/2026", a locale date that reads differently on different machines; use YYYY-MM-DD (e.g. 2026-02-15)',
    });
  });

  it("refuses a day-first locale date too", () => {
    expect(dateCell("15.02.2026", "csv")).toMatchObject({
      ok: false,
      reason: containing("use YYYY-MM-DD"),
    });
  });

  it("refuses an impossible ISO date, naming it", () => {
    expect(dateCell("2026-02-29", "csv")).toEqual({
      ok: false,
      reason: 'is "2026-02-29", which is not a real calendar date',
    });
    expect(dateCell("2026-13-01", "excel-table", 1900)).toEqual({
      ok: false,
      reason: 'is "2026-13-01", which is not a real calendar date',
    });
  });

  it("accepts 2024-02-29", () => {
    expect(dateCell("2024-02-29", "csv")).toEqual({
      ok: true,
      date: "2024-02-29",
    });
  });

  it("refuses free text", () => {
    expect(dateCell("next week", "csv")).toEqual({
      ok: false,
      reason: 'is "next week", not a date; use YYYY-MM-DD (e.g. 2026-02-15)',
    });
  });

  it("refuses an empty cell in either source", () => {
    const empty = {
      ok: false,
      reason: "is empty; a date is required (YYYY-MM-DD)",
    };
    expect(dateCell("", "csv")).toEqual(empty);
    expect(dateCell("  ", "excel-table", 1900)).toEqual(empty);
  });

  it("refuses a boolean", () => {
    expect(dateCell(true, "excel-table", 1900)).toEqual({
      ok: false,
      reason: "is the boolean TRUE, not a date",
    });
  });

  it("refuses a number in a CSV record (CSV values are text)", () => {
    expect(dateCell(46068, "csv")).toEqual({
      ok: false,
      reason: "is the number 46068; a CSV date must be text YYYY-MM-DD",
    });
  });

  it("reads an Excel number as a serial of the workbook's system", () => {
    expect(dateCell(46068, "excel-table", 1900)).toEqual({
      ok: true,
      date: "2026-02-15",
    });
    expect(dateCell(46068, "excel-table", 1904)).toEqual({
      ok: true,
      date: "2030-02-16",
    });
    expect(dateCell(46068.5, "excel-table")).toEqual({
      ok: true,
      date: "2026-02-15",
    });
  });

  it("reads an Excel text cell as YYYY-MM-DD", () => {
    expect(dateCell("2026-02-22", "excel-table", 1900)).toEqual({
      ok: true,
      date: "2026-02-22",
    });
    expect(dateCell("2/22/2026", "excel-table", 1900)).toMatchObject({
      ok: false,
    });
  });

  it("explains serial 60 of the 1900 system", () => {
    expect(dateCell(60, "excel-table", 1900)).toEqual({
      ok: false,
      reason:
        "is serial 60, 29 February 1900, a day that never existed (Excel's 1900 leap-year error); enter the date again",
    });
  });

  it("names the valid range for an out-of-range serial", () => {
    expect(dateCell(0, "excel-table", 1900)).toEqual({
      ok: false,
      reason:
        "is the number 0, outside the 1900 date system's serials 1 … 2958465",
    });
    expect(dateCell(2958466, "excel-table", 1900)).toMatchObject({
      ok: false,
      reason: containing("1 … 2958465"),
    });
    expect(dateCell(2957004, "excel-table", 1904)).toEqual({
      ok: false,
      reason:
        "is the number 2957004, outside the 1904 date system's serials 0 … 2957003",
    });
    expect(dateCell(0, "excel-table", 1904)).toEqual({
      ok: true,
      date: "1904-01-01",
    });
  });
});
