// What Excel stores when an add-in writes a value: Range.values and Range.formulas are parsed
// the way typed input is (see README, rule 4, for the evidence behind each case):
//   - a leading apostrophe makes the rest text and is not part of the value;
//   - a cell formatted as Text ("@") keeps any string as text;
//   - "=…" is a formula; "+…"/"-…"/"@…" that are not numbers become formulas too;
//   - numeric strings become numbers (15 significant digits, "00123" → 123), "78%" becomes
//     0.78, "TRUE"/"FALSE" become booleans, ISO dates become date serials, and error literals
//     such as "#N/A" become error values.

import { SimError } from "./errors";
import { dateSerial, type DateSystem } from "./dates";
import { GENERAL, type Scalar } from "./cells";
import { isTextFormat } from "./numfmt";

export const MAX_CELL_CHARS = 32_767;

export const ERROR_LITERALS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];

/** The cell content a write produces, plus any number format Excel applies as a side effect. */
export interface Entry {
  /** `undefined` clears the cell's content. */
  value: Scalar | undefined;
  formula?: string;
  isError?: boolean;
  quotePrefix?: boolean;
  /** Excel picks a format when it recognises a date or a percentage in a General cell. */
  impliedFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:[eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Strings Excel may turn into something else in a General cell (locale dates like 2/15/2026 or
 * 15-Feb, times, currency, accounting negatives, fractions). Exactly what it does depends on the
 * locale, so the simulator does not guess: it refuses them, which makes adapter code format text
 * cells as "@" (or prefix an apostrophe) instead of relying on luck.
 */
const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const AMBIGUOUS = [
  /^\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?$/,
  new RegExp(`^\\d{1,2}[-/ ]${MONTH}(?:[-/ ]\\d{2,4})?$`, "i"),
  new RegExp(`^${MONTH}[-/ ]\\d{1,4}(?:,? \\d{2,4})?$`, "i"),
  /^\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?$/,
  /^[-+]?[$€£¥][ ]?[\d,]*\.?\d+$/,
  /^[-+]?[\d,]*\.?\d+[ ]?[$€£¥]$/,
  /^\([$€£¥]?[\d,]*\.?\d+\)$/,
  /^[-+]?\d+ \d+\/\d+$/,
];

/** Excel keeps 15 significant digits. */
function toExcelNumber(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

/** Excel ignores surrounding spaces (only spaces) when it recognises a number. */
function spaceTrim(s: string): string {
  return s.replace(/^ +| +$/g, "");
}

function parseNumber(s: string): number | undefined {
  const t = spaceTrim(s);
  if (!/\d/.test(t) || !NUMBER.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? toExcelNumber(n) : undefined;
}

function parseIsoDate(
  s: string,
  system: DateSystem,
): { serial: number; format: string } | undefined {
  const m = ISO_DATE.exec(spaceTrim(s));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    return undefined;
  let serial = dateSerial(y, mo, d, system);
  if (serial < 0) return undefined;
  if (m[4] === undefined) return { serial, format: "yyyy-mm-dd" };
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  serial += (h * 3600 + mi * 60 + sec) / 86_400;
  return {
    serial,
    format: m[6] === undefined ? "yyyy-mm-dd h:mm" : "yyyy-mm-dd h:mm:ss",
  };
}

/** A written string, as Excel stores it in a cell whose current number format is `format`. */
export function enterString(
  s: string,
  format: string,
  system: DateSystem,
  where = "cell",
): Entry {
  if (s.length > MAX_CELL_CHARS) {
    throw new SimError(
      "InvalidArgument",
      `${where}: a cell holds at most ${MAX_CELL_CHARS} characters; got ${s.length}.`,
    );
  }
  if (s === "") return { value: undefined };
  if (s.startsWith("'")) return { value: s.slice(1), quotePrefix: true };
  if (isTextFormat(format)) return { value: s };
  if (s.startsWith("=")) return formulaEntry(s, where);
  // Fast path for prose: a long string starting with a letter can only be text (the longest
  // letter-led conversion is a date like "September 30, 2026").
  const c0 = s.charCodeAt(0) | 32;
  if (s.length > 24 && c0 >= 97 && c0 <= 122) return { value: s };
  // Recognised values first (Excel's number recognition precedes the "+"/"-" formula rule).
  const n = parseNumber(s);
  if (n !== undefined) return { value: n };
  const trimmed = spaceTrim(s);
  const pct = PERCENT.exec(trimmed);
  if (pct) {
    const decimals = pct[1].split(".")[1]?.length ?? 0;
    return {
      value: toExcelNumber(Number(pct[1]) / 100),
      impliedFormat:
        format === GENERAL ? (decimals > 0 ? "0.00%" : "0%") : undefined,
    };
  }
  const date = parseIsoDate(s, system);
  if (date)
    return {
      value: date.serial,
      impliedFormat: format === GENERAL ? date.format : undefined,
    };
  // ISO-shaped but not a real date (2026-02-30): no locale reading makes it one, so it is text.
  if (ISO_DATE.test(trimmed)) return { value: s };
  if (AMBIGUOUS.some((re) => re.test(trimmed))) {
    throw new SimError(
      "NotImplemented",
      `${where}: "${s}" may be converted by Excel (a locale date, time, currency or fraction); the simulator does not model that. ` +
        `Format the cell as Text ("@") before writing, or prefix an apostrophe.`,
    );
  }
  if (s.startsWith("+") || s.startsWith("-") || s.startsWith("@"))
    return formulaEntry(`=${s}`, where);
  const upper = s.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  if (ERROR_LITERALS.includes(upper)) return { value: upper, isError: true };
  return { value: s };
}

/** One element of a values/formulas array written by an add-in; `null` means "leave the cell". */
export function enterInput(
  input: unknown,
  format: string,
  system: DateSystem,
  where: string,
): Entry | null {
  if (input === null) return null;
  if (typeof input === "string")
    return enterString(input, format, system, where);
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      throw new SimError(
        "InvalidArgument",
        `${where}: ${input} is not a number Excel can store.`,
      );
    return { value: toExcelNumber(input) };
  }
  if (typeof input === "boolean") return { value: input };
  throw new SimError(
    "InvalidArgument",
    `${where}: a cell value must be a string, number, boolean or null, not ${input === undefined ? "undefined" : Object.prototype.toString.call(input)}.`,
  );
}

// ---- A deliberately tiny formula evaluator -------------------------------------------------
// The simulator has no calculation engine. It evaluates formulas made only of literals
// (numbers, strings, TRUE/FALSE) joined by + - * / & and parentheses; anything that names a
// function or a cell evaluates to #NAME?, which is what Excel shows for an unknown name.

type Val = number | string | boolean | { error: string };

function formulaEntry(formula: string, where: string): Entry {
  checkBalanced(formula, where);
  const result = evaluate(formula.slice(1));
  if (typeof result === "object")
    return { value: result.error, formula, isError: true };
  return {
    value: typeof result === "number" ? toExcelNumber(result) : result,
    formula,
  };
}

function checkBalanced(formula: string, where: string): void {
  let depth = 0;
  let inString = false;
  for (const ch of formula.slice(1)) {
    if (ch === '"') inString = !inString;
    else if (!inString && ch === "(") depth++;
    else if (!inString && ch === ")" && --depth < 0) break;
  }
  if (formula.length === 1 || depth !== 0 || inString) {
    throw new SimError(
      "InvalidArgument",
      `${where}: "${formula}" is not a valid formula.`,
    );
  }
}

function evaluate(src: string): Val {
  const tokens =
    src.match(
      /"(?:[^"]|"")*"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|TRUE|FALSE|[-+*/&()^%]|\s+|./gi,
    ) ?? [];
  const toks = tokens.filter((t) => !/^\s+$/.test(t));
  let i = 0;
  const NAME: Val = { error: "#NAME?" };
  const num = (v: Val): number | { error: string } => {
    if (typeof v === "object") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    const n = parseNumber(v);
    return n === undefined ? { error: "#VALUE!" } : n;
  };
  const str = (v: Val): string | { error: string } =>
    typeof v === "object"
      ? v
      : typeof v === "boolean"
        ? v
          ? "TRUE"
          : "FALSE"
        : String(v);
  const primary = (): Val => {
    const t = toks[i++];
    if (t === undefined) return NAME;
    if (t === "(") {
      const v = concat();
      if (toks[i++] !== ")") return NAME;
      return v;
    }
    if (t === "-" || t === "+" || t === "@") {
      const v = num(primary());
      return typeof v === "object" ? v : t === "-" ? -v : v;
    }
    if (t.startsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
    if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
    if (/^[\d.]/.test(t)) return Number(t);
    return NAME;
  };
  const factor = (): Val => {
    let v = primary();
    while (toks[i] === "%") {
      i++;
      const n = num(v);
      v = typeof n === "object" ? n : n / 100;
    }
    return v;
  };
  /** `operand (op operand)*` evaluated left to right, for the operators in `ops`. */
  const arithmetic = (operand: () => Val, ops: string[]): Val => {
    let v = operand();
    while (ops.includes(toks[i])) {
      const op = toks[i++];
      const a = num(v);
      const b = num(operand());
      if (typeof a === "object") return a;
      if (typeof b === "object") return b;
      if (op === "/" && b === 0) return { error: "#DIV/0!" };
      if (op === "*") v = a * b;
      else if (op === "/") v = a / b;
      else if (op === "+") v = a + b;
      else v = a - b;
    }
    return v;
  };
  const term = (): Val => arithmetic(factor, ["*", "/"]);
  const sum = (): Val => arithmetic(term, ["+", "-"]);
  const concat = (): Val => {
    let v = sum();
    while (toks[i] === "&") {
      i++;
      const a = str(v);
      const b = str(sum());
      if (typeof a === "object") return a;
      if (typeof b === "object") return b;
      v = a + b;
    }
    return v;
  };
  const result = concat();
  if (i < toks.length) return NAME;
  return result;
}
