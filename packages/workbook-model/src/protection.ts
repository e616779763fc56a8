// Worksheet protection: its options (as Office.js and the sheetProtection attributes name them)
// and its passwords, stored as Excel stores them in the file (ECMA-376 Part 1,
// §18.3.1.85 sheetProtection: algorithmName="SHA-512", base64 salt and hash, spinCount): the
// hash is H0 = SHA-512(salt ‖ UTF-16LE(password)), then Hn = SHA-512(Hn-1 ‖ uint32le(n-1)).

import { sha512 } from "./sha512";
import { base64Decode, base64Encode } from "./base64";

/** Worksheet protection options (the subset of Excel.WorksheetProtectionOptions that matters here). */
export interface ProtectionOptions {
  allowFormatCells?: boolean;
  allowInsertRows?: boolean;
  allowDeleteRows?: boolean;
  allowAutoFilter?: boolean;
  allowSort?: boolean;
  [other: string]: boolean | string | undefined;
}

export interface SheetProtection {
  protected: boolean;
  options: ProtectionOptions;
  /** Set when protected with a password (kept only as Excel keeps it: salted hash). */
  password?: PasswordHash;
}

/**
 * OOXML `sheetProtection` attributes ↔ Excel.WorksheetProtectionOptions (ECMA-376 §18.3.1.85): an
 * attribute "0" means the action stays allowed while the sheet is protected.
 */
export const PROTECTION_OPTIONS: [keyof ProtectionOptions & string, string][] =
  [
    ["allowFormatCells", "formatCells"],
    ["allowFormatColumns", "formatColumns"],
    ["allowFormatRows", "formatRows"],
    ["allowInsertColumns", "insertColumns"],
    ["allowInsertRows", "insertRows"],
    ["allowInsertHyperlinks", "insertHyperlinks"],
    ["allowDeleteColumns", "deleteColumns"],
    ["allowDeleteRows", "deleteRows"],
    ["allowSort", "sort"],
    ["allowAutoFilter", "autoFilter"],
    ["allowPivotTables", "pivotTables"],
  ];

export interface PasswordHash {
  algorithmName: "SHA-512";
  hashValue: string;
  saltValue: string;
  spinCount: number;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}

export function computeHash(
  password: string,
  saltValue: string,
  spinCount: number,
): string {
  const salt = base64Decode(saltValue);
  const pw = utf16le(password);
  const first = new Uint8Array(salt.length + pw.length);
  first.set(salt);
  first.set(pw, salt.length);
  let h = sha512(first);
  const buf = new Uint8Array(68);
  for (let i = 0; i < spinCount; i++) {
    buf.set(h);
    buf[64] = i & 0xff;
    buf[65] = (i >>> 8) & 0xff;
    buf[66] = (i >>> 16) & 0xff;
    buf[67] = (i >>> 24) & 0xff;
    h = sha512(buf);
  }
  return base64Encode(h);
}

/** Excel's default spin count is 100,000; tests may lower it to stay fast. */
export function hashPassword(
  password: string,
  spinCount: number,
): PasswordHash {
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  const saltValue = base64Encode(salt);
  return {
    algorithmName: "SHA-512",
    saltValue,
    spinCount,
    hashValue: computeHash(password, saltValue, spinCount),
  };
}

export function passwordMatches(hash: PasswordHash, password: string): boolean {
  return (
    computeHash(password, hash.saltValue, hash.spinCount) === hash.hashValue
  );
}
