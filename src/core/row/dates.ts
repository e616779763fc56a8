// §3 dates: Excel serial numbers and YYYY-MM-DD strings, in integer day arithmetic so that the
// result never depends on the machine's time zone.
import type { CellValue } from "../types";

export type DateSystem = 1900 | 1904;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy =
    Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil, as `YYYY-MM-DD`. */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe -
      Math.floor(doe / 1460) +
      Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) /
      365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Largest valid serials: both are 9999-12-31, Excel's last day. */
export const MAX_SERIAL: Record<DateSystem, number> = {
  1900: 2958465,
  1904: 2957003,
};
const MIN_SERIAL: Record<DateSystem, number> = { 1900: 1, 1904: 0 };

// Excel's 1900 system counts 1900 as a leap year (Lotus compatibility): serial 60 is the
// non-existent 29 Feb 1900, so serials below it are one day later than a plain count from
// 1899-12-30 would give.
const EPOCH_1900_EARLY = daysFromCivil(1899, 12, 31); // serial 1..59
const EPOCH_1900 = daysFromCivil(1899, 12, 30); // serial 61..
const EPOCH_1904 = daysFromCivil(1904, 1, 1); // serial 0..

/**
 * The calendar date of an Excel serial, time of day dropped; null outside the system's range
 * (1900: 1 … 2958465, never 60; 1904: 0 … 2957003) or for a non-finite number.
 */
export function serialToIsoDate(
  serial: number,
  system: DateSystem,
): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial); // a fraction is a time of day; negative serials stay invalid
  if (whole < MIN_SERIAL[system] || whole > MAX_SERIAL[system]) return null;
  if (system === 1904) return civilFromDays(EPOCH_1904 + whole);
  if (whole === 60) return null;
  return civilFromDays((whole < 60 ? EPOCH_1900_EARLY : EPOCH_1900) + whole);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** `s` itself when it is exactly `YYYY-MM-DD` and a real (proleptic Gregorian) date, else null. */
export function parseIsoDate(s: string): string | null {
  const m = ISO_DATE.exec(s);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const monthDays = [
    31,
    isLeapYear(year) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= monthDays[month - 1] ? s : null;
}

export type DateResult =
  { ok: true; date: string } | { ok: false; reason: string };

const LOCALE_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

function stringDate(raw: string): DateResult {
  const s = raw.trim();
  if (s === "")
    return { ok: false, reason: "is empty; a date is required (YYYY-MM-DD)" };
  const date = parseIsoDate(s);
  if (date !== null) return { ok: true, date };
  const shown = JSON.stringify(s);
  if (ISO_DATE.test(s))
    return {
      ok: false,
      reason: `is ${shown}, which is not a real calendar date`,
    };
  if (LOCALE_DATE.test(s)) {
    return {
      ok: false,
      reason: `is ${shown}, a locale date that reads differently on different machines; use YYYY-MM-DD (e.g. 2026-02-15)`,
    };
  }
  return {
    ok: false,
    reason: `is ${shown}, not a date; use YYYY-MM-DD (e.g. 2026-02-15)`,
  };
}

/**
 * A date cell per §3. CSV: only a `YYYY-MM-DD` string. Excel table: a number is a serial of the
 * workbook's date system, a string must be `YYYY-MM-DD`. Strings are trimmed first, as every
 * text cell is. The reason does not name the cell; the caller does, and every reason starts with "is".
 */
export function dateCell(
  v: CellValue,
  kind: "csv" | "excel-table",
  system: DateSystem = 1900,
): DateResult {
  if (typeof v === "string") return stringDate(v);
  if (typeof v === "boolean") {
    return {
      ok: false,
      reason: `is the boolean ${v ? "TRUE" : "FALSE"}, not a date`,
    };
  }
  if (typeof v !== "number")
    return { ok: false, reason: "is empty; a date is required (YYYY-MM-DD)" };
  if (kind === "csv") {
    return {
      ok: false,
      reason: `is the number ${String(v)}; a CSV date must be text YYYY-MM-DD`,
    };
  }
  const date = serialToIsoDate(v, system);
  if (date !== null) return { ok: true, date };
  if (system === 1900 && Math.floor(v) === 60) {
    return {
      ok: false,
      reason:
        "is serial 60, 29 February 1900, a day that never existed (Excel's 1900 leap-year error); enter the date again",
    };
  }
  return {
    ok: false,
    reason: `is the number ${String(v)}, outside the ${system} date system's serials ${MIN_SERIAL[system]} … ${MAX_SERIAL[system]}`,
  };
}
