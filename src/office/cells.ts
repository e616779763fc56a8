// Writing text that stays text. Range.values parses a written string the way typed input is
// parsed: "=…" (and "+…", "-…", "@…" that are not numbers) become formulas, "00123" a number,
// "TRUE" a boolean, "2026-02-15" a date. A cell formatted "@" (Text) before the value arrives keeps
// whatever is written as it is, so every log and governance cell the add-in writes gets the number
// format "@" first, in the same batch, earlier in the queue. One case is left out: whether a Text
// cell keeps a leading apostrophe as part of the value is not documented, so a value that starts
// with one goes into a General cell behind the quote prefix instead (`'` + value: the documented
// way, which stores the rest as text and reads back without the prefix). Evidence:
// packages/excel-simulator/README.md, rule 4 (and its consequence for the adapter).

const quoted = (s: string) => s.startsWith("'");

/** What writing `rows` as text takes: these number formats first, then these values. */
export function textCells(rows: readonly (readonly string[])[]): {
  numberFormat: string[][];
  values: string[][];
} {
  return {
    numberFormat: rows.map((r) => r.map((s) => (quoted(s) ? "General" : "@"))),
    values: rows.map((r) => r.map((s) => (quoted(s) ? "'" + s : s))),
  };
}

/** Queue writing `rows` into `range` as text: number formats first, then the values. */
export function writeText(range: Excel.Range, rows: string[][]): void {
  const cells = textCells(rows);
  range.numberFormat = cells.numberFormat;
  range.values = cells.values;
}

export function columnLetters(index0: number): string {
  let n = index0 + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** `LLM_OUTPUT!B5` from 0-based indexes. */
export function cellAddress(sheet: string, row0: number, col0: number): string {
  return `${quoteSheet(sheet)}!${columnLetters(col0)}${row0 + 1}`;
}

/** Cell values as strings, the way a log or governance cell is read back. */
export function cellString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  // Excel gives numbers and booleans; anything else is shown as JSON, never "[object Object]".
  return typeof v === "number" ||
    typeof v === "boolean" ||
    typeof v === "bigint"
    ? String(v)
    : JSON.stringify(v);
}
