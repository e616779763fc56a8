// Writing text that stays text. Range.values parses a written string the way typed input is
// parsed: "=…" (and "+…", "-…", "@…" that are not numbers) become formulas, "00123" a number,
// "TRUE" a boolean, "2026-02-15" a date. A leading apostrophe (the quote prefix) makes Excel keep
// the rest as text and is not part of the value read back; the PATCH_LOG columns are also
// formatted "@" (Text) when the table is created. Evidence: src/simulator/README.md, rule 4.

/** The value to write so that the cell reads back exactly `s`. */
export function textInput(s: string): string {
  return s === "" ? "" : "'" + s;
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
  return v === null || v === undefined
    ? ""
    : typeof v === "string"
      ? v
      : String(v);
}
