// The CSV source (§3): RFC 4180, comma-delimited, UTF-8 with an optional BOM. Every value stays a
// string; a file Excel saved in another form is refused with a message that says how to save it.

export type CsvResult =
  | { ok: true; headers: string[]; rows: string[][] }
  | { ok: false; message: string };

const SAVE_AS =
  'In Excel use File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)".';

/** Offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules), or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte, then how many bytes follow in 80..BF.
    let lo = 0x80;
    let hi = 0xbf;
    let tail: number;
    if (c >= 0xc2 && c <= 0xdf) tail = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      tail = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      tail = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // beyond U+10FFFF
    } else return i;
    if (i + tail >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= tail; k++)
      if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += tail + 1;
  }
  return -1;
}

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

interface Parsed {
  records: string[][];
  /** Physical line (1-based) each record starts on. */
  lines: number[];
  /** Records that are an empty or all-space line, not a quoted value. */
  blank: boolean[];
  /** The first syntax error; records before it are complete. */
  error?: { line: number; what: string };
}

const LINE_BREAK = /[\r\n]/;

/** Splits text into records. Line breaks are CRLF, LF, or a lone CR (classic Mac Excel). */
function parseRecords(text: string): Parsed {
  const out: Parsed = { records: [], lines: [], blank: [] };
  const n = text.length;
  let i = 0;
  let line = 1;
  const countLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n"))
        line++;
    }
  };
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      if (text[i] === '"') {
        quoted = true;
        const quoteLine = line;
        let value = "";
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            out.error = {
              line: quoteLine,
              what: 'a quoted value that starts on this line never ends (its closing " is missing)',
            };
            return out;
          }
          const chunk = text.slice(i, close);
          value += chunk;
          // Most values hold no line break: count only in those that do.
          if (LINE_BREAK.test(chunk)) countLines(i, close);
          if (text[close + 1] === '"') {
            value += '"'; // "" inside quotes is one quote
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          out.error = {
            line,
            what: "a quoted value is followed by more text before the next comma",
          };
          return out;
        }
        fields.push(value);
      } else {
        let end = i;
        while (
          end < n &&
          text[end] !== "," &&
          text[end] !== "\r" &&
          text[end] !== "\n"
        )
          end++;
        // A quote inside an unquoted value (5" screen) is kept as written, as Excel reads it.
        fields.push(text.slice(i, end));
        i = end;
      }
      if (text[i] === ",") i++;
      else break;
    }
    out.records.push(fields);
    out.lines.push(startLine);
    out.blank.push(!quoted && fields.length === 1 && fields[0].trim() === "");
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
  }
  return out;
}

/**
 * Reads a CSV export of `LLMOutputTable`: the first record is the header row, every other record
 * must have as many fields. Blank lines at the end are ignored. Refusals name `fileName`.
 */
export function parseCsv(bytes: Uint8Array, fileName: string): CsvResult {
  const name = JSON.stringify(fileName);
  const refuse = (message: string): CsvResult => ({ ok: false, message });

  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff)
  ) {
    return refuse(
      `${name} is UTF-16 text (Excel's "Unicode Text"), not a UTF-8 CSV. ${SAVE_AS}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops one leading BOM
  } catch {
    const at = firstInvalidUtf8(bytes);
    const where =
      at >= 0
        ? ` (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, "0")} on line ${lineAt(bytes, at)})`
        : "";
    return refuse(
      `${name} is not UTF-8 text${where}; Excel's "CSV (Comma delimited)" saves Windows-1252, which turns accented letters and symbols into different bytes. ${SAVE_AS}`,
    );
  }
  if (text === "")
    return refuse(
      `${name} is empty: it needs a header row and at least one run.`,
    );

  const parsed = parseRecords(text);
  const { records, lines, blank } = parsed;
  let last = records.length;
  while (last > 0 && blank[last - 1]) last--; // blank lines at the end
  if (last === 0) {
    if (parsed.error)
      return refuse(`${name} line ${parsed.error.line}: ${parsed.error.what}.`);
    return refuse(`${name} has no header row: it holds only blank lines.`);
  }
  if (blank[0])
    return refuse(
      `${name} line 1 is blank; the first line must be the header row (RunID,SessionDate,…).`,
    );

  const headers = records[0];
  if (headers.length === 1 && headers[0].includes(";")) {
    return refuse(
      `${name} separates values with semicolons (;), not commas. Excel does this where the list separator is ";": set it to "," (or the decimal separator to "."), then save again as "CSV UTF-8 (Comma delimited) (*.csv)".`,
    );
  }
  if (headers.length === 1 && headers[0].includes("\t")) {
    return refuse(`${name} separates values with tabs, not commas. ${SAVE_AS}`);
  }
  if (parsed.error)
    return refuse(`${name} line ${parsed.error.line}: ${parsed.error.what}.`);

  const rows = records.slice(1, last);
  for (let r = 0; r < rows.length; r++) {
    const line = lines[r + 1];
    if (blank[r + 1] && headers.length > 1) {
      return refuse(
        `${name} line ${line} is blank; remove blank lines between rows.`,
      );
    }
    if (rows[r].length !== headers.length) {
      return refuse(
        `${name} line ${line} has ${rows[r].length} field${rows[r].length === 1 ? "" : "s"} but the header has ${headers.length}; a value that contains a comma must be in double quotes.`,
      );
    }
  }
  return { ok: true, headers, rows };
}
