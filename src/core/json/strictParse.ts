// A strict reader for sealed files. JSON.parse keeps the last of two repeated member names and
// accepts a `__proto__` member, so a file could show one thing and hash another; this scanner
// refuses such files and says where. It also refuses what RFC 8785 cannot canonicalize.
import { Scanner, StrictParseFailure } from "./strictScanner";

export const MAX_SEALED_FILE_BYTES = 5 * 1024 * 1024;

export interface StrictReadError {
  /** Plain-language reason with its place: `line 4, column 12 ($.meta): repeated member name "run_id"`. */
  message: string;
  line?: number;
  column?: number;
  path?: string;
}

export type StrictReadResult =
  | { ok: true; value: unknown; text: string }
  | { ok: false; error: StrictReadError };

/** Byte offset of the first invalid UTF-8 sequence, or -1. TextDecoder cannot say where. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number, min: number, cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
function lineColumn(s: string, pos: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < s.length; i++) {
    if (s.charCodeAt(i) === 0x0a) {
      line++;
      last = i;
    }
  }
  return { line, column: pos - last };
}

/** Parse JSON text strictly (see the file comment). */
export function parseStrictText(text: string): StrictReadResult {
  const sc = new Scanner(text);
  try {
    const value = sc.value(0);
    sc.ws();
    if (sc.pos < text.length) sc.fail("unexpected text after the JSON value");
    return { ok: true, value, text };
  } catch (e) {
    if (!(e instanceof StrictParseFailure)) throw e;
    const { line, column } = lineColumn(text, e.pos);
    return {
      ok: false,
      error: {
        message: `line ${line}, column ${column} (${e.path}): ${e.detail}`,
        line,
        column,
        path: e.path,
      },
    };
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Read a sealed file's bytes: size, encoding, BOM, then strict JSON. */
export function readStrict(bytes: Uint8Array): StrictReadResult {
  if (bytes.length > MAX_SEALED_FILE_BYTES) {
    return {
      ok: false,
      error: {
        message: `file is over 5 MiB; sealed files are at most 5 MiB (${MAX_SEALED_FILE_BYTES} bytes), so it was read no further`,
      },
    };
  }
  if (
    bytes.length >= 3 &&
    bytes[0] === 0xef &&
    bytes[1] === 0xbb &&
    bytes[2] === 0xbf
  ) {
    return {
      ok: false,
      error: {
        message:
          "file starts with a byte order mark (BOM); sealed files are UTF-8 without BOM",
      },
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes); // native; where it failed is found only when it does
  } catch {
    return {
      ok: false,
      error: {
        message: `not UTF-8: invalid byte sequence at byte offset ${firstInvalidUtf8(bytes)}`,
      },
    };
  }
  return parseStrictText(text);
}
