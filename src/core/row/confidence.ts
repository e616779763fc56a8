// §3 summary_confidence_pct. All arithmetic is on decimal strings: a binary double times 100 is
// not always the figure the user sees (0.07 * 100 === 7.000000000000001), and a seal must give the
// same number on every machine and in replay.
import type { CellValue } from "../types";
import { shortestDecimal } from "./text";

export type ConfidenceResult =
  { ok: true; value: number } | { ok: false; reason: string };

const CONFIDENCE_TEXT = /^[+-]?\d+(\.\d+)?%?$/;

/** An exact decimal: sign, integer digits, fraction digits (either digit string may be long). */
interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

function parseDecimal(s: string): Decimal {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (m === null) throw new Error(`internal: ${s} is not a plain decimal`); // callers pass only matched text
  return { negative: m[1] === "-", int: m[2], frac: m[3] ?? "" };
}

/** ×100 by moving the decimal point, never by multiplying. */
function shiftTwoPlaces(d: Decimal): Decimal {
  const frac = d.frac.padEnd(2, "0");
  return {
    negative: d.negative,
    int: d.int + frac.slice(0, 2),
    frac: frac.slice(2),
  };
}

/** Adds one to a string of decimal digits. */
function incrementDigits(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return "1" + out.join("");
}

/** Rounds to two decimals, half away from zero: only the third decimal decides, the rest is exact. */
function roundTwoPlaces(d: Decimal): Decimal {
  const frac = d.frac.padEnd(3, "0");
  let scaled = d.int + frac.slice(0, 2); // the magnitude in hundredths
  if (frac[2] >= "5") scaled = incrementDigits(scaled);
  scaled = scaled.replace(/^0+(?=\d{3})/, "").padStart(3, "0");
  return {
    negative: d.negative,
    int: scaled.slice(0, -2),
    frac: scaled.slice(-2),
  };
}

/**
 * Whether an Excel number format shows a number as a percentage (and so scales it by 100): a `%`
 * that is not inside quotes or brackets, not escaped by a backslash, and not the character after
 * `_` (padding) or `*` (fill). Of a format with sections (`pos;neg;zero;text`), the section that
 * Excel uses for `value` decides; a format with [conditions] counts if any section has a `%`.
 */
export function isPercentFormat(
  numberFormat: string | undefined,
  value = 1,
): boolean {
  if (numberFormat === undefined) return false;
  const sections: boolean[] = [false];
  let conditional = false;
  for (let i = 0; i < numberFormat.length; i++) {
    const ch = numberFormat[i];
    if (ch === '"') {
      const end = numberFormat.indexOf('"', i + 1);
      i = end === -1 ? numberFormat.length : end;
    } else if (ch === "[") {
      const end = numberFormat.indexOf("]", i + 1);
      if (/^[<>=]/.test(numberFormat.slice(i + 1))) conditional = true;
      i = end === -1 ? numberFormat.length : end;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      i++; // the next character is literal
    } else if (ch === ";") {
      sections.push(false);
    } else if (ch === "%") {
      sections[sections.length - 1] = true;
    }
  }
  if (conditional) return sections.some(Boolean);
  let section = 0;
  if (value < 0 && sections.length >= 2) section = 1;
  else if (value === 0 && sections.length >= 3) section = 2;
  return sections[section];
}

const RANGE_HINT = "the confidence must be between 0 and 100";

/**
 * `summary_confidence_pct` from its cell (§3): a number, or text like `78`, `78.5`, `78%`.
 * A number shown with a percentage format is scaled by 100 (0.785 → 78.5). The result is rounded
 * half away from zero to two decimals and must lie in 0 … 100; −0 becomes 0. The reason does not
 * name the cell; the caller does, and every reason starts with "is".
 */
export function confidenceCell(
  v: CellValue,
  numberFormat: string | undefined,
): ConfidenceResult {
  let decimal: Decimal;
  let figure: string; // the figure as the user wrote it, before rounding
  let shown: string; // the cell as a message shows it
  if (typeof v === "boolean") {
    return {
      ok: false,
      reason: `is the boolean ${v ? "TRUE" : "FALSE"}, not a number`,
    };
  } else if (typeof v === "number") {
    if (!Number.isFinite(v))
      return { ok: false, reason: `is ${String(v)}, not a finite number` };
    shown = figure = shortestDecimal(v);
    decimal = parseDecimal(figure);
    if (isPercentFormat(numberFormat, v)) {
      decimal = shiftTwoPlaces(decimal);
      figure = "";
      shown += ` (formatted as a percentage, ${numberFormat})`;
    }
  } else if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return { ok: false, reason: `is empty; ${RANGE_HINT}` };
    shown = JSON.stringify(s);
    if (!CONFIDENCE_TEXT.test(s)) {
      return {
        ok: false,
        reason: `is ${shown}, which is not a number (write a figure like 78, 78.5 or 78%)`,
      };
    }
    // A trailing % only says the figure already is a percentage: "78%" is 78.
    figure = s.endsWith("%") ? s.slice(0, -1) : s;
    decimal = parseDecimal(figure);
  } else {
    return { ok: false, reason: `is empty; ${RANGE_HINT}` };
  }

  const rounded = roundTwoPlaces(decimal);
  const isZero = /^0+$/.test(rounded.int + rounded.frac);
  const text = `${rounded.int}.${rounded.frac}`;
  if (rounded.negative && !isZero) {
    return { ok: false, reason: `is ${shown}, below 0; ${RANGE_HINT}` };
  }
  const magnitude = Number(text);
  if (magnitude > 100) {
    // The rounded figure as a decimal string: Number() of a huge one would read "Infinity".
    const result = text.replace(/\.00$/, "").replace(/(\.\d)0$/, "$1");
    const gives =
      result === figure.replace(/^\+/, "") ? "" : `, which gives ${result}`;
    return {
      ok: false,
      reason: `is ${shown}${gives}, above 100; ${RANGE_HINT}`,
    };
  }
  return { ok: true, value: isZero ? 0 : magnitude };
}
