// The hashed bytes of a sealed file straight from its text, in one pass and without building the
// document: what `verify` of many files needs (issue 13). Strings without escapes are already in
// RFC 8785 form in the source (JSON forbids raw controls, quotes and backslashes in them), so they
// are copied as slices; members are sorted per object. Anything unusual — an escape in a member
// name, a number that is not a plain integer, a repeated name, `__proto__`, a lone surrogate, deep
// nesting, a missing or non-string `hash` — returns null, and the caller takes the full strict
// reader and canonicalizer, which decide and explain. So this path only ever agrees with them;
// test/core/json/canonicalScan.test.ts checks that on generated documents.
import { isWellFormedString } from "./wellFormed";
import { skipWhitespace } from "./strictScanner";

const MAX_DEPTH = 256;

/** "Take the full reader": one instance, made once, so bailing out costs no stack capture. */
class Bail extends Error {}
const BAIL = new Bail("not on the fast path");

// eslint-disable-next-line no-control-regex -- control characters are what JCS escapes
const PLAIN = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;
// eslint-disable-next-line no-control-regex -- a raw control character is not JSON
const CONTROL = /[\u0000-\u001f]/;
const SURROGATE = /[\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- as CONTROL
const SPECIAL = /[\u0000-\u001f\ud800-\udfff]/;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** An escape other than \" \\ \b \f \n \r \t, after an even run of backslashes. */
const REWRITTEN_ESCAPE = /(?<!\\)(?:\\\\)*\\[^"\\bfnrt]/;
const SMALL_INT = /^-?[1-9]\d{0,14}$/; // below 10^15: exact, and written as is by ECMAScript

function canonicalString(s: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  if (!isWellFormedString(s)) throw BAIL;
  return JSON.stringify(s);
}

class Scan {
  pos = 0;
  constructor(readonly s: string) {}

  ws(): void {
    this.pos = skipWhitespace(this.s, this.pos);
  }

  /** A string token: its canonical text, and its value when asked. */
  string(wantValue: boolean): { text: string; value: string } {
    const s = this.s;
    const start = this.pos;
    // The closing quote: the next one not escaped (an odd run of backslashes before it).
    let q = start;
    for (;;) {
      q = s.indexOf('"', q + 1);
      if (q < 0) throw BAIL;
      let k = q - 1;
      while (s.charCodeAt(k) === 0x5c) k--;
      if ((q - 1 - k) % 2 === 0) break;
    }
    this.pos = q + 1;
    const raw = s.slice(start, q + 1);
    const inner = s.slice(start + 1, q);
    // Native scans of the whole run instead of a loop per character.
    // One native scan finds both; only a string that has either looks again.
    const special = SPECIAL.test(inner);
    if (special && CONTROL.test(inner)) throw BAIL;
    const surrogates = special && SURROGATE.test(inner);
    if (inner.indexOf("\\") < 0) {
      if (surrogates && !isWellFormedString(inner)) throw BAIL;
      return { text: raw, value: inner };
    }
    // \" \\ \b \f \n \r \t are written by JCS exactly as they stand; \/ and \uXXXX are not.
    if (!surrogates && !wantValue && !REWRITTEN_ESCAPE.test(inner))
      return { text: raw, value: "" };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw BAIL;
    }
    return { text: canonicalString(value as string), value: value as string };
  }

  number(): string {
    const m = NUMBER;
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r || r[0] === "-") throw BAIL;
    this.pos += r[0].length;
    const raw = r[0];
    if (raw === "0" || SMALL_INT.test(raw)) return raw;
    if (!r[2] && !r[3]) throw BAIL; // a large integer: the strict reader decides
    const v = Number(raw);
    if (!Number.isFinite(v)) throw BAIL;
    return v === 0 ? "0" : String(v);
  }

  value(depth: number): string {
    this.ws();
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === 0x7b) return this.object(depth + 1, null);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x22) return this.string(false).text;
    if (c === 0x74 && s.startsWith("true", this.pos)) return this.word("true");
    if (c === 0x66 && s.startsWith("false", this.pos))
      return this.word("false");
    if (c === 0x6e && s.startsWith("null", this.pos)) return this.word("null");
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    throw BAIL;
  }

  word(w: string): string {
    this.pos += w.length;
    return w;
  }

  array(depth: number): string {
    if (depth > MAX_DEPTH) throw BAIL;
    this.pos++;
    this.ws();
    if (this.s.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return "[]";
    }
    let out = "[";
    for (;;) {
      out += this.value(depth);
      this.ws();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x5d) return out + "]";
      if (c !== 0x2c) throw BAIL;
      out += ",";
    }
  }

  /** An object's canonical text; at the top level, `hash` records the hash member's value. */
  object(depth: number, hash: { value?: string } | null): string {
    if (depth > MAX_DEPTH) throw BAIL;
    this.pos++;
    this.ws();
    if (this.s.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return "{}";
    }
    // Members are kept sorted as they come (insertion from the end: sealed files' objects are
    // small and mostly in order already); a large object switches to a Set and one sort.
    const keys: string[] = [];
    const texts: string[] = [];
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 0x22) throw BAIL;
      const key = this.string(true);
      const name = key.value;
      if (name === "__proto__") throw BAIL;
      this.ws();
      if (this.s.charCodeAt(this.pos++) !== 0x3a) throw BAIL;
      let text: string;
      if (hash && name === "hash") {
        this.ws();
        if (this.s.charCodeAt(this.pos) !== 0x22) throw BAIL;
        hash.value = this.string(true).value;
        text = '""';
      } else text = this.value(depth);
      let at = keys.length;
      while (at > 0 && keys[at - 1] > name) at--;
      if (at > 0 && keys[at - 1] === name) throw BAIL; // repeated
      if (at === keys.length) {
        keys.push(name);
        texts.push(key.text + ":" + text);
      } else {
        keys.splice(at, 0, name);
        texts.splice(at, 0, key.text + ":" + text);
      }
      if (keys.length > 64) throw BAIL; // quadratic beyond this: the full reader takes it (sealed files have no such object)
      this.ws();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x7d) break;
      if (c !== 0x2c) throw BAIL;
    }
    return "{" + texts.join(",") + "}";
  }
}

/**
 * For the text of a JSON object with a string `hash` member: its claimed hash and the RFC 8785
 * text of the object with `hash` set to "" — exactly what readStrict + hashedText give. Null
 * when the text needs the full reader (see the file comment).
 */
export function scanHashedText(
  text: string,
): { claimed: string; canonical: string } | null {
  const sc = new Scan(text);
  try {
    sc.ws();
    if (text.charCodeAt(sc.pos) !== 0x7b) return null;
    const hash: { value?: string } = {};
    const canonical = sc.object(1, hash);
    sc.ws();
    if (sc.pos !== text.length || hash.value === undefined) return null;
    return { claimed: hash.value, canonical };
  } catch (e) {
    if (e === BAIL || e instanceof RangeError) return null; // RangeError: a call stack too deep
    throw e;
  }
}
