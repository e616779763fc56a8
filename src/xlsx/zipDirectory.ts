// The zip container of an OOXML package. jszip reads and writes it; before jszip sees the bytes,
// the central directory is checked here, because jszip accepts what a workbook must not hold:
// duplicate entry names (it keeps one silently), names that climb out of the package (`..`,
// absolute paths), encrypted or exotic compression, and parts whose declared size is beyond the
// limit. Inflating is streamed and stops as soon as a part yields more than it declared or more
// than the limit, so a zip bomb costs at most the limit in memory.
import { WorkbookFormatError } from "./errors";

/** A part may inflate to at most this many bytes (a 100,000-row sheet of long text is ~50 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** All parts together may declare at most this many bytes. */
export const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
}

export interface ZipLimits {
  maxPartBytes?: number;
  maxTotalBytes?: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

function containsUtf16(b: Uint8Array, text: string): boolean {
  const needle: number[] = [];
  for (const ch of text) needle.push(ch.charCodeAt(0), 0);
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++)
      if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const SAVE_AS =
  "open it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx)";

/** Names what the bytes are when they are not a zip package, as a refusal. */
function notAZip(b: Uint8Array): WorkbookFormatError {
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE compound file: an encrypted OOXML package, or a legacy binary workbook.
    if (
      containsUtf16(b, "EncryptedPackage") ||
      containsUtf16(b, "EncryptionInfo")
    )
      return new WorkbookFormatError(
        "it is a password-protected (encrypted) workbook, which cannot be read without its password: in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again as .xlsx",
        "encrypted",
      );
    return new WorkbookFormatError(
      `it is a legacy Excel 97-2003 workbook (.xls, a compound file), not .xlsx: ${SAVE_AS}`,
      "xls",
    );
  }
  if (
    startsWith(b, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(b, [0x50, 0x4b, 0x05, 0x06])
  )
    return new WorkbookFormatError(
      "it is a damaged or truncated zip package (its central directory is missing): use an intact copy of the workbook",
      "truncated",
    );
  return new WorkbookFormatError(
    `it is not a workbook package (not a zip file): ${SAVE_AS}`,
    "not-zip",
  );
}

function findEndOfCentralDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--)
    if (u32(b, i) === 0x06054b50 && i + 22 + u16(b, i + 20) <= b.length)
      return i;
  return -1;
}

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder("utf-8").decode(raw);
  let s = "";
  for (const x of raw) s += String.fromCharCode(x);
  return s;
}

/** A package entry name that stays inside the package, or the reason it does not. */
function unsafeName(name: string): string | null {
  if (name.includes("\u0000")) return "contains a NUL character";
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name))
    return "is an absolute path";
  if (name.split(/[/\\]/).some((seg) => seg === ".."))
    return "climbs out of the package with '..'";
  return null;
}

/**
 * Reads and checks the central directory (WorkbookFormatError on anything unsafe); the entries
 * in the order the directory lists them.
 */
export function checkZip(b: Uint8Array, limits: ZipLimits = {}): ZipEntry[] {
  const maxPart = limits.maxPartBytes ?? MAX_PART_BYTES;
  const maxTotal = limits.maxTotalBytes ?? MAX_TOTAL_BYTES;
  const eocd = findEndOfCentralDirectory(b);
  if (eocd < 0) throw notAZip(b);
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new WorkbookFormatError(
      "it is a ZIP64 package (over 4 GB or 65,535 parts), which is beyond what sealed-run reads",
      "too-large",
    );
  if (cdOffset + cdSize > eocd)
    throw new WorkbookFormatError(
      "it is a damaged or truncated zip package (its central directory points past the end of the file): use an intact copy of the workbook",
      "truncated",
    );
  if (count > MAX_ENTRIES)
    throw new WorkbookFormatError(
      `the package has ${count} parts, more than the ${MAX_ENTRIES} sealed-run accepts`,
      "zip-unsafe",
    );
  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(b, p) !== 0x02014b50)
      throw new WorkbookFormatError(
        "it is a damaged zip package (its central directory is cut short): use an intact copy of the workbook",
        "truncated",
      );
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const localOffset = u32(b, p + 42);
    const name = decodeName(
      b.subarray(p + 46, p + 46 + nameLen),
      (flags & 0x800) !== 0,
    );
    p += 46 + nameLen + extraLen + commentLen;
    const bad = unsafeName(name);
    if (bad)
      throw new WorkbookFormatError(
        `the package entry ${JSON.stringify(name)} ${bad}; refused`,
        "zip-unsafe",
      );
    // OPC part names compare case-insensitively (ECMA-376 Part 2 §9.1.1.1).
    const key = name.toLowerCase();
    if (seen.has(key))
      throw new WorkbookFormatError(
        `the package holds two entries named ${JSON.stringify(seen.get(key))}${seen.get(key) === name ? "" : ` and ${JSON.stringify(name)}`}; a reader would pick one of them silently, so it is refused`,
        "zip-unsafe",
      );
    seen.set(key, name);
    if (flags & 0x1)
      throw new WorkbookFormatError(
        `the package entry ${name} is encrypted (zip encryption); refused`,
        "zip-unsafe",
      );
    if (method !== 0 && method !== 8)
      throw new WorkbookFormatError(
        `the package entry ${name} uses compression method ${method}; Office writes only stored (0) and deflated (8) entries`,
        "zip-unsafe",
      );
    if (
      compressedSize === 0xffffffff ||
      size === 0xffffffff ||
      localOffset === 0xffffffff
    )
      throw new WorkbookFormatError(
        `the package entry ${name} is a ZIP64 entry, which sealed-run does not read`,
        "too-large",
      );
    if (localOffset + 30 > cdOffset || u32(b, localOffset) !== 0x04034b50)
      throw new WorkbookFormatError(
        `the package entry ${name} points to no local header; the file is damaged`,
        "truncated",
      );
    if (size > maxPart)
      throw new WorkbookFormatError(
        `the package entry ${name} declares ${size} bytes once inflated, over the ${maxPart}-byte limit for one part (a zip bomb, or a sheet beyond what sealed-run handles)`,
        "too-large",
      );
    total += size;
    if (total > maxTotal)
      throw new WorkbookFormatError(
        `the package's parts declare more than ${maxTotal} bytes in all once inflated; refused`,
        "too-large",
      );
    if (!name.endsWith("/"))
      entries.push({ name, method, compressedSize, size });
  }
  return entries;
}
