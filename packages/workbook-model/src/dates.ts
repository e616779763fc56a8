// Excel stores a date as a serial number in one of two date systems
// (https://learn.microsoft.com/office/troubleshoot/excel/1900-and-1904-date-system):
//   1900 system: 1 = 1900-01-01, and serial 60 is the 29 February 1900 that never was;
//   1904 system: 0 = 1904-01-01.
// 1904-01-01 is 1462 in the 1900 system, which is what DATE(1904,1,1) returns there.

export type DateSystem = 1900 | 1904;

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 to 1970-01-01: the 1900-system serial of the Unix epoch. */
const UNIX_EPOCH_1900 = 25_569;
/** 1904-01-01 expressed in the 1900 system. */
const OFFSET_1904 = 1_462;

/** DATE(y, m, d) as Excel computes it, months and days may overflow like in Excel. */
export function dateSerial(
  year: number,
  month: number,
  day: number,
  system: DateSystem,
): number {
  // Excel treats years 0..1899 as 1900+year.
  const y = year < 1900 ? year + 1900 : year;
  const ms = Date.UTC(y, month - 1, day);
  let serial = ms / MS_PER_DAY + UNIX_EPOCH_1900;
  if (system === 1904) return serial - OFFSET_1904;
  // Before 1 March 1900 the 1900 system is one lower (it counts the fictitious 29 Feb 1900).
  if (serial < 61) serial -= 1;
  return serial;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
  /** Fraction of the day, 0 <= fraction < 1. */
  fraction: number;
}

export function serialToYmd(serial: number, system: DateSystem): Ymd {
  const whole = Math.floor(serial);
  const fraction = serial - whole;
  if (system === 1900 && whole === 60)
    return { year: 1900, month: 2, day: 29, fraction };
  let days = system === 1904 ? whole + OFFSET_1904 : whole;
  if (system === 1900 && whole < 60) days += 1;
  const d = new Date((days - UNIX_EPOCH_1900) * MS_PER_DAY);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    fraction,
  };
}
