// The CSV source (§3): RFC 4180, comma-delimited, UTF-8 with an optional BOM. Every value stays a
// string; a file Excel saved in another form is refused with a message that says how to save it.
import { firstInvalidUtf8 } from "../json/strictParse";
import { scanRecord } from "./csvRecord";

export type CsvResult =
  | { ok: true; headers: string[]; rows: string[][] }
  | { ok: false; message: string };

const SAVE_AS =
  'In Excel use File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)".';

const countNewlines = (b: Uint8Array, from = 0, to = b.length): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (b[i] === 0x0a) n++;
  return n;
};
/** A CSV source's rows, read in pieces of any size: memory holds the header and one record. */
export interface CsvRow {
  fields: string[];
  /** 0-based among the data rows (row i is record i + 2 of the file). */
  index: number;
}

/** The longest record read; longer is a quoted value whose closing quote is missing, or no CSV. */
export const MAX_CSV_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * Reads a CSV export of `LLMOutputTable` in pieces (`push`, then `end`): the first record is the
 * header row, every other record must have as many fields. Blank lines at the end are ignored.
 * Each data row is handed to `onRow` and not kept. Refusals name `fileName`.
 */
export class CsvReader {
  private readonly name: string;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true }); // drops one leading BOM
  private pending = "";
  private line = 1;
  private bytesBefore = 0;
  private newlinesBefore = 0;
  private lastBytes: Uint8Array = new Uint8Array(0);
  private anyText = false;
  private leadingBlank = false;
  private blanksSince: number[] = [];
  private rows = 0;
  private failure: string | null = null;
  headers: string[] | null = null;

  constructor(
    fileName: string,
    private readonly onRow: (row: CsvRow) => void = () => {},
  ) {
    this.name = JSON.stringify(fileName);
  }

  /**
   * false once the file is refused: read no more. `last` says no piece follows (a whole file in
   * memory): it is then decoded in one call, which measured four times faster than a streaming
   * decode of the same 35 MB, and its newlines are not counted (only a later piece's error needs
   * them).
   */
  push(bytes: Uint8Array, last = false): boolean {
    if (this.failure) return false;
    if (
      this.bytesBefore === 0 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
        (bytes[0] === 0xfe && bytes[1] === 0xff))
    )
      return this.refuse(
        `${this.name} is UTF-16 text (Excel's "Unicode Text"), not a UTF-8 CSV. ${SAVE_AS}`,
      );
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !last });
    } catch {
      return this.notUtf8(bytes);
    }
    this.bytesBefore += bytes.length;
    if (!last) this.newlinesBefore += countNewlines(bytes);
    // The last bytes read, across pieces: a sequence cut at a piece's end starts among them.
    const tail = new Uint8Array([
      ...this.lastBytes,
      ...bytes.subarray(Math.max(0, bytes.length - 3)),
    ]);
    this.lastBytes = tail.subarray(Math.max(0, tail.length - 3));
    return this.take(text, false);
  }

  end(): { ok: true; headers: string[] } | { ok: false; message: string } {
    if (!this.failure) {
      let rest: string;
      try {
        rest = this.decoder.decode();
      } catch {
        this.notUtf8(new Uint8Array(0));
        rest = "";
      }
      if (!this.failure) this.take(rest, true);
    }
    if (this.failure) return { ok: false, message: this.failure };
    if (!this.anyText)
      return this.fail(
        `${this.name} is empty: it needs a header row and at least one run.`,
      );
    if (!this.headers)
      return this.fail(
        `${this.name} has no header row: it holds only blank lines.`,
      );
    return { ok: true, headers: this.headers };
  }

  private fail(message: string): { ok: false; message: string } {
    this.failure = message;
    return { ok: false, message };
  }

  private refuse(message: string): false {
    this.failure = message;
    return false;
  }

  /** Where the invalid byte is: in this piece, or in a sequence the last piece began. */
  private notUtf8(bytes: Uint8Array): false {
    let carry = this.lastBytes;
    while (carry.length && (carry[0] & 0xc0) === 0x80)
      carry = carry.subarray(1);
    const around = new Uint8Array(carry.length + bytes.length);
    around.set(carry);
    around.set(bytes, carry.length);
    const at = firstInvalidUtf8(around);
    const where =
      at >= 0
        ? ` (byte 0x${around[at].toString(16).toUpperCase().padStart(2, "0")} on line ${1 + this.newlinesBefore - countNewlines(carry) + countNewlines(around, 0, at)})`
        : "";
    return this.refuse(
      `${this.name} is not UTF-8 text${where}; Excel's "CSV (Comma delimited)" saves Windows-1252, which turns accented letters and symbols into different bytes. ${SAVE_AS}`,
    );
  }

  private take(text: string, final: boolean): boolean {
    if (text) this.anyText = true;
    let src = this.pending + text;
    let i = 0;
    while (i < src.length) {
      const r = scanRecord(src, i, this.line, final);
      if (r.kind === "incomplete") break;
      if (r.kind === "error")
        return this.refuse(`${this.name} line ${r.line}: ${r.what}.`);
      const line = this.line;
      this.line += r.inside + 1;
      i = r.next;
      const blank =
        !r.quoted && r.fields.length === 1 && r.fields[0].trim() === "";
      if (!this.record(r.fields, blank, line)) return false;
    }
    src = src.slice(i);
    if (src.length > MAX_CSV_RECORD_CHARS)
      return this.refuse(
        `${this.name} line ${this.line}: a row runs on for over ${MAX_CSV_RECORD_CHARS / 1024 / 1024} MiB without ending; is a closing " missing?`,
      );
    this.pending = src;
    return true;
  }

  private record(fields: string[], blank: boolean, line: number): boolean {
    const headers = this.headers;
    if (!headers) {
      if (blank) {
        this.leadingBlank = true;
        return true;
      }
      if (this.leadingBlank)
        return this.refuse(
          `${this.name} line 1 is blank; the first line must be the header row (RunID,SessionDate,…).`,
        );
      if (fields.length === 1 && fields[0].includes(";"))
        return this.refuse(
          `${this.name} separates values with semicolons (;), not commas. Excel does this where the list separator is ";": set it to "," (or the decimal separator to "."), then save again as "CSV UTF-8 (Comma delimited) (*.csv)".`,
        );
      if (fields.length === 1 && fields[0].includes("\t"))
        return this.refuse(
          `${this.name} separates values with tabs, not commas. ${SAVE_AS}`,
        );
      this.headers = fields;
      return true;
    }
    if (blank) {
      this.blanksSince.push(line); // blank lines at the end are ignored
      return true;
    }
    for (const at of this.blanksSince.splice(0)) {
      if (headers.length > 1)
        return this.refuse(
          `${this.name} line ${at} is blank; remove blank lines between rows.`,
        );
      this.onRow({ fields: [""], index: this.rows++ });
    }
    if (fields.length !== headers.length)
      return this.refuse(
        `${this.name} line ${line} has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${headers.length}; a value that contains a comma must be in double quotes.`,
      );
    this.onRow({ fields, index: this.rows++ });
    return true;
  }
}

/** A whole CSV in memory (PATCH_LOG.csv, tests): every row kept. */
export function parseCsv(bytes: Uint8Array, fileName: string): CsvResult {
  const rows: string[][] = [];
  const reader = new CsvReader(fileName, (r) => rows.push(r.fields));
  reader.push(bytes, true);
  const end = reader.end();
  return end.ok ? { ok: true, headers: end.headers, rows } : end;
}
