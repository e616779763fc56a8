// The hashed bytes of a sealed file straight from its UTF-8 bytes: what `verify` of many files
// runs first (issue 13). Decoding the file to a string and slicing it cost more than hashing it:
// sealed files hold a few non-ASCII characters, which makes every slice a two-byte string, and
// each string then had to be encoded back to UTF-8 for the digest. Here one loop walks the bytes
// and writes the RFC 8785 form into a reused buffer: whitespace is dropped, strings are copied
// as they are (raw UTF-8 is what JCS writes for every character it does not escape, and the
// escapes \" \\ \b \f \n \r \t are written by JCS exactly as they stand), and each object's
// members are put in order once its last member is written.
//
// Whatever would need more — another escape (\/, \uXXXX), a member name that is not plain ASCII,
// a number that is not a plain integer of at most 15 digits or a decimal that String(Number())
// rewrites, a repeated name, `__proto__`, invalid UTF-8, a raw control character, deep nesting,
// a missing or non-ASCII `hash` — returns null, and the caller takes the text scan or the full
// strict reader, which decide and explain. test/core/json/canonicalBytes.test.ts checks on
// generated and hostile documents that whatever this accepts, the full path gives byte for byte.
import {
  BAIL,
  ByteTokens,
  ORDINARY as ORDINARY_BYTES,
} from "./canonicalByteTokens";

// Byte constants of this module's own, not imported ones: compiled to CommonJS an imported name is
// a property read on the module object at every use, and these are read once per byte
// (scanHashedBytes ran about 4% slower with them imported).
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** 1 for the bytes a member name holds as they are (see canonicalByteTokens.ts). */
const ORDINARY = ORDINARY_BYTES;

const MAX_DEPTH = 256;
const MAX_MEMBERS = 64;
const PROTO = [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f]; // __proto__
const HASH = [0x68, 0x61, 0x73, 0x68]; // hash

/** One pass over one document: the tokens, plus arrays and objects (members put in JCS order). */
class ByteScan extends ByteTokens {
  value(depth: number): void {
    this.ws();
    const c = this.src[this.p];
    if (c === QUOTE) this.string();
    else if (c === OPEN_OBJECT) this.object(depth + 1, false);
    else if (c === OPEN_ARRAY) this.array(depth + 1);
    else if (c === 0x74) this.word("true");
    else if (c === 0x66) this.word("false");
    else if (c === 0x6e) this.word("null");
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number();
    else throw BAIL;
  }
  array(depth: number): void {
    if (depth > MAX_DEPTH) throw BAIL;
    this.p++;
    this.out[this.o++] = OPEN_ARRAY;
    this.ws();
    if (this.src[this.p] === CLOSE_ARRAY) {
      this.p++;
      this.out[this.o++] = CLOSE_ARRAY;
      return;
    }
    for (;;) {
      this.value(depth);
      this.ws();
      const c = this.src[this.p++];
      if (c === CLOSE_ARRAY) break;
      if (c !== COMMA) throw BAIL;
      this.out[this.o++] = COMMA;
    }
    this.out[this.o++] = CLOSE_ARRAY;
  }

  /** Whether the name at [a, a + n) of the source is `word`. */
  named(a: number, n: number, word: readonly number[]): boolean {
    if (n !== word.length) return false;
    for (let k = 0; k < n; k++) if (this.src[a + k] !== word[k]) return false;
    return true;
  }

  /** Sign of the comparison of two ASCII names (as JCS orders them: by UTF-16 code unit). */
  compare(a: number, aEnd: number, b: number, bEnd: number): number {
    const s = this.src;
    for (; a < aEnd && b < bEnd; a++, b++)
      if (s[a] !== s[b]) return s[a] - s[b];
    return aEnd - a - (bEnd - b);
  }

  object(depth: number, topLevel: boolean): void {
    if (depth > MAX_DEPTH) throw BAIL;
    const s = this.src;
    this.p++;
    this.out[this.o++] = OPEN_OBJECT;
    this.ws();
    if (s[this.p] === CLOSE_OBJECT) {
      this.p++;
      this.out[this.o++] = CLOSE_OBJECT;
      return;
    }
    const base = this.top;
    let ordered = true;
    for (;;) {
      this.ws();
      if (s[this.p] !== QUOTE) throw BAIL;
      // A member name: plain ASCII without escapes, so that bytes compare as JCS sorts.
      const nameStart = this.p + 1;
      let q = nameStart;
      while (ORDINARY[s[q]] === 1) q++;
      if (s[q] !== QUOTE) throw BAIL;
      const nameEnd = q;
      if (this.named(nameStart, nameEnd - nameStart, PROTO)) throw BAIL;
      const m = this.top;
      if (m - base >= 4 * MAX_MEMBERS) throw BAIL; // the full reader takes such objects
      if (m + 4 > this.members.length) {
        const bigger = new Int32Array(this.members.length * 2);
        bigger.set(this.members);
        this.members = bigger;
      }
      if (m > base) {
        const order = this.compare(
          this.members[m - 4],
          this.members[m - 3],
          nameStart,
          nameEnd,
        );
        if (order === 0) throw BAIL; // repeated (a non-adjacent repeat shows when sorting)
        if (order > 0) ordered = false;
        this.out[this.o++] = COMMA;
      }
      const outStart = this.o;
      for (let k = nameStart - 1; k <= nameEnd; k++) this.out[this.o++] = s[k];
      this.p = nameEnd + 1;
      this.ws();
      if (s[this.p++] !== COLON) throw BAIL;
      this.out[this.o++] = COLON;
      if (topLevel && this.named(nameStart, nameEnd - nameStart, HASH)) {
        this.hashValue();
      } else {
        this.top = m + 4; // nested objects keep their members above this one's
        this.value(depth);
      }
      this.members[m] = nameStart;
      this.members[m + 1] = nameEnd;
      this.members[m + 2] = outStart;
      this.members[m + 3] = this.o;
      this.top = m + 4;
      this.ws();
      const c = s[this.p++];
      if (c === CLOSE_OBJECT) break;
      if (c !== COMMA) throw BAIL;
    }
    if (!ordered) this.sortMembers(base);
    this.top = base;
    this.out[this.o++] = CLOSE_OBJECT;
  }

  /** The top-level `hash`: its value is kept aside and written as "". */
  hashValue(): void {
    this.ws();
    const s = this.src;
    if (s[this.p] !== QUOTE) throw BAIL;
    let q = this.p + 1;
    let claimed = "";
    for (;;) {
      const c = s[q];
      if (c === QUOTE) break;
      if (c === undefined || c < 0x20 || c >= 0x80 || c === BACKSLASH)
        throw BAIL;
      claimed += String.fromCharCode(c);
      q++;
    }
    this.claimed = claimed;
    this.p = q + 1;
    this.out[this.o++] = QUOTE;
    this.out[this.o++] = QUOTE;
  }

  /** Rewrite an object's members (written in source order) in JCS order. */
  sortMembers(base: number): void {
    const mem = this.members;
    const count = (this.top - base) / 4;
    const order: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = base + 4 * i;
      let k = order.length;
      while (k > 0) {
        const prev = base + 4 * order[k - 1];
        const c = this.compare(mem[prev], mem[prev + 1], mem[at], mem[at + 1]);
        if (c === 0) throw BAIL; // repeated
        if (c < 0) break;
        k--;
      }
      order.splice(k, 0, i);
    }
    const from = mem[base + 2];
    const to = this.o;
    if (this.spare.length < to - from)
      this.spare = new Uint8Array((to - from) * 2);
    const spare = this.spare;
    spare.set(this.out.subarray(from, to));
    const out = this.out;
    let w = from;
    for (let i = 0; i < count; i++) {
      const at = base + 4 * order[i];
      if (i) out[w++] = COMMA;
      const a = mem[at + 2] - from;
      const b = mem[at + 3] - from;
      if (b - a > 64) out.set(spare.subarray(a, b), w);
      else for (let k = a; k < b; k++) out[w + k - a] = spare[k];
      w += b - a;
    }
  }
}

const scan = new ByteScan();

/**
 * For the UTF-8 bytes of a JSON object with a string `hash` member: its claimed hash and the
 * UTF-8 bytes of the RFC 8785 text of the object with `hash` set to "" — exactly what readStrict
 * and hashedText give, encoded. The bytes are a view of a buffer the next call reuses: hash them
 * before calling again. Null when the file needs the text scan or the full reader (see above).
 */
export function scanHashedBytes(
  bytes: Uint8Array,
): { claimed: string; canonical: Uint8Array } | null {
  scan.reset(bytes);
  try {
    scan.ws();
    if (bytes[scan.p] !== OPEN_OBJECT) return null;
    scan.object(1, true);
    scan.ws();
    if (scan.p !== bytes.length || scan.claimed === undefined) return null;
    return {
      claimed: scan.claimed,
      canonical: scan.out.subarray(0, scan.o),
    };
  } catch (e) {
    if (e === BAIL || e instanceof RangeError) return null; // RangeError: a call stack too deep
    throw e;
  }
}
