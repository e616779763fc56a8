// Range.text: the value as the number format displays it. This covers the formats a triage
// workbook uses (General, "@", fixed decimals, thousands separators, percentages, dates and
// times); anything more exotic falls back to General. Excel's own rendering is locale-dependent;
// this is en-US.

import { serialToYmd, type DateSystem } from "./dates";
import type { Scalar } from "./cells";

export function isTextFormat(format: string): boolean {
  return format === "@";
}

/** Removes quoted literals and backslash escapes, so format letters can be inspected. */
function stripLiterals(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

export function isDateFormat(format: string): boolean {
  const s = stripLiterals(format.split(";")[0]);
  return /[dmyhs]/i.test(s) && !/^General$/i.test(s);
}

export function isPercentFormat(format: string): boolean {
  return stripLiterals(format.split(";")[0]).includes("%");
}

/** Excel's General display: up to 11 characters, switching to scientific notation beyond. */
export function formatGeneral(n: number): string {
  if (n === 0) return "0";
  const plain = String(n);
  if (plain.length <= 11 && !plain.includes("e")) return plain;
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mant, exp] = n.toExponential(5).split("e");
    const m = mant.replace(/\.?0+$/, "");
    const e = Number(exp);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const intDigits = Math.floor(Math.log10(abs)) + 1;
  const decimals = Math.max(0, 10 - Math.max(intDigits, 1) - (n < 0 ? 1 : 0));
  return String(Number(n.toFixed(decimals)));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

function formatDate(
  serial: number,
  section: string,
  system: DateSystem,
): string {
  const { year, month, day, fraction } = serialToYmd(serial, system);
  let secs = Math.round(fraction * 86_400);
  const hours = Math.floor(secs / 3600);
  secs -= hours * 3600;
  const minutes = Math.floor(secs / 60);
  const seconds = secs - minutes * 60;
  const ampm = /AM\/PM|A\/P/i.test(section);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const tokens =
    section.match(/"[^"]*"|\\.|AM\/PM|A\/P|y+|m+|d+|h+|s+|\[[^\]]*\]|./gi) ??
    [];
  let out = "";
  let lastWasHour = false;
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    if (tok.startsWith('"')) out += tok.slice(1, -1);
    else if (tok.startsWith("\\")) out += tok.slice(1);
    else if (tok.startsWith("[")) return;
    else if (/^y+$/.test(lower))
      out +=
        lower.length <= 2 ? String(year % 100).padStart(2, "0") : String(year);
    else if (/^m+$/.test(lower)) {
      // "m" after an hour or before seconds means minutes.
      const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
      const isMinute =
        (lastWasHour || (next !== undefined && /^s+$/i.test(next))) &&
        lower.length <= 2;
      if (isMinute)
        out +=
          lower.length === 2
            ? String(minutes).padStart(2, "0")
            : String(minutes);
      else if (lower.length === 1) out += String(month);
      else if (lower.length === 2) out += String(month).padStart(2, "0");
      else if (lower.length === 3) out += MONTHS[month - 1].slice(0, 3);
      else out += MONTHS[month - 1];
    } else if (/^d+$/.test(lower)) {
      if (lower.length === 1) out += String(day);
      else if (lower.length === 2) out += String(day).padStart(2, "0");
      else if (lower.length === 3) out += DAYS[weekday].slice(0, 3);
      else out += DAYS[weekday];
    } else if (/^h+$/.test(lower)) {
      const h = ampm ? ((hours + 11) % 12) + 1 : hours;
      out += lower.length >= 2 ? String(h).padStart(2, "0") : String(h);
    } else if (/^s+$/.test(lower))
      out +=
        lower.length >= 2 ? String(seconds).padStart(2, "0") : String(seconds);
    else if (/^am\/pm$/i.test(tok)) out += hours < 12 ? "AM" : "PM";
    else if (/^a\/p$/i.test(tok)) out += hours < 12 ? "A" : "P";
    else out += tok;
    if (/^h+$/.test(lower)) lastWasHour = true;
    else if (/^[a-z]/i.test(tok) && !/^m+$/.test(lower)) lastWasHour = false;
  });
  return out;
}

function formatNumber(n: number, section: string): string {
  const s = stripLiterals(section);
  const percent = s.includes("%");
  const value = percent ? n * 100 : n;
  const decMatch = /\.([0#?]+)/.exec(s);
  const decimals = decMatch ? decMatch[1].length : 0;
  const grouping = /[0#],[0#]/.test(s);
  const abs = Math.abs(value);
  let body = abs.toFixed(decimals);
  if (grouping) {
    const [int, frac] = body.split(".");
    body =
      int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") +
      (frac !== undefined ? `.${frac}` : "");
  }
  // Literal text around the digits (currency symbols, quoted text) is kept in place.
  const firstDigit = section.search(/[0#?]/);
  const lastDigit = Math.max(
    section.lastIndexOf("0"),
    section.lastIndexOf("#"),
    section.lastIndexOf("?"),
  );
  const clean = (t: string) =>
    t
      .replace(/"([^"]*)"/g, "$1")
      .replace(/\\(.)/g, "$1")
      .replace(/[_*]./g, "");
  const prefix = firstDigit > 0 ? clean(section.slice(0, firstDigit)) : "";
  const suffix =
    lastDigit >= 0 ? clean(section.slice(lastDigit + 1)).replace(/,/g, "") : "";
  const sign = value < 0 && Number(body.replace(/,/g, "")) !== 0 ? "-" : "";
  return `${sign}${prefix}${body}${suffix}`;
}

/** What Excel displays for `value` under `format`. */
export function displayText(
  value: Scalar | undefined,
  format: string,
  system: DateSystem,
  isError = false,
): string {
  if (value === undefined) return "";
  if (isError) return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (/^General$/i.test(format) || isTextFormat(format))
    return formatGeneral(value);
  const sections = format.split(";");
  const section = value < 0 && sections.length > 1 ? sections[1] : sections[0];
  const v = value < 0 && sections.length > 1 ? -value : value;
  try {
    if (isDateFormat(section)) return formatDate(v, section, system);
    if (/[0#?]/.test(section)) return formatNumber(v, section);
  } catch {
    return formatGeneral(value);
  }
  return formatGeneral(value);
}
