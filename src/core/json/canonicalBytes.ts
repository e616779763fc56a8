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

const MAX_DEPTH = 256;
const MAX_MEMBERS = 64;

/** "Take the slower path": thrown from deep in the scan. One instance made once, so a bail costs
 * no stack capture; an Error so that whatever catches it by mistake still has a message. */
class Bail extends Error {
  constructor() {
    super("canonicalBytes: not the fast path's case; the strict reader decides");
    this.name = "Bail";
  }
}
const BAIL = new Bail();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The escapes JCS writes as they stand: " \ b f n r t. */
const KEPT_ESCAPE = new Uint8Array(256);
for (const c of '"\\bfnrt') KEPT_ESCAPE[c.charCodeAt(0)] = 1;

/** 1 for the bytes a string holds as they are: printable ASCII other than " and \. */
const ORDINARY = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) ORDINARY[c] = 1;
ORDINARY[QUOTE] = 0;
ORDINARY[BACKSLASH] = 0;

const SMALL_INT = /^-?[1-9]\d{0,14}$/; // below 10^15: exact, and written as is by ECMAScript

const PROTO = [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f]; // __proto__
const HASH = [0x68, 0x61, 0x73, 0x68]; // hash

/** One pass over one document; the buffers are reused from call to call. */
class ByteScan {
  src: Uint8Array = new Uint8Array(0);
  p = 0;
  out = new Uint8Array(1 << 16);
  o = 0;
  /** Four numbers a member, for every object still open: name start, name end, output start, output end. */
  members = new Int32Array(4 * 1024);
  top = 0;
  spare = new Uint8Array(1 << 16);
  claimed: string | undefined;

  reset(src: Uint8Array): void {
    this.src = src;
    this.p = 0;
    this.o = 0;
    this.top = 0;
    this.claimed = undefined;
    // Output is never longer than input except where a number is rewritten (room made there).
    if (this.out.length < src.length + 16)
      this.out = new Uint8Array(src.length * 2 + 16);
  }

  ensure(n: number): void {
    if (this.o + n <= this.out.length) return;
    const bigger = new Uint8Array((this.o + n) * 2);
    bigger.set(this.out.subarray(0, this.o));
    this.out = bigger;
  }

  ws(): void {
    const s = this.src;
    let p = this.p;
    for (;;) {
      const c = s[p];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.p = p;
  }

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

  word(w: string): void {
    const s = this.src;
    for (let k = 0; k < w.length; k++)
      if (s[this.p + k] !== w.charCodeAt(k)) throw BAIL;
    for (let k = 0; k < w.length; k++) this.out[this.o++] = w.charCodeAt(k);
    this.p += w.length;
  }

  /** A string token, copied with its quotes; raw UTF-8 is validated as TextDecoder's fatal mode does. */
  string(): void {
    const s = this.src;
    const out = this.out;
    let p = this.p + 1;
    let o = this.o;
    out[o++] = QUOTE;
    for (;;) {
      // A run of ordinary ASCII (most of any string) in a tight loop; long runs copied natively.
      const run = p;
      while (ORDINARY[s[p]] === 1) p++;
      if (p - run > 32) out.set(s.subarray(run, p), o);
      else for (let k = run; k < p; k++) out[o + k - run] = s[k];
      o += p - run;
      const c = s[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (!KEPT_ESCAPE[s[p + 1]]) throw BAIL; // \/, \uXXXX, or no escape at all
        out[o++] = c;
        out[o++] = s[p + 1];
        p += 2;
        continue;
      }
      if (!(c >= 0x80)) throw BAIL; // the end, or a raw control character
      // Unicode 15, table 3-7: the well-formed UTF-8 byte sequences (no overlong form, no
      // surrogate, nothing above U+10FFFF).
      let n: number;
      let lo = 0x80;
      let hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) n = 1;
      else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        if (c === 0xe0) lo = 0xa0;
        else if (c === 0xed) hi = 0x9f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        if (c === 0xf0) lo = 0x90;
        else if (c === 0xf4) hi = 0x8f;
      } else throw BAIL;
      const c1 = s[p + 1];
      if (!(c1 >= lo && c1 <= hi)) throw BAIL;
      for (let k = 2; k <= n; k++) {
        const ck = s[p + k];
        if (!(ck >= 0x80 && ck <= 0xbf)) throw BAIL;
      }
      for (let k = 0; k <= n; k++) out[o++] = s[p + k];
      p += n + 1;
    }
    out[o++] = QUOTE;
    this.p = p + 1;
    this.o = o;
  }

  number(): void {
    const s = this.src;
    const start = this.p;
    let p = start;
    if (s[p] === 0x2d) p++;
    const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
    if (s[p] === 0x30) p++;
    else if (isDigit(s[p])) while (isDigit(s[p])) p++;
    else throw BAIL;
    let plain = true;
    if (s[p] === 0x2e) {
      plain = false;
      p++;
      if (!isDigit(s[p])) throw BAIL;
      while (isDigit(s[p])) p++;
    }
    if (s[p] === 0x65 || s[p] === 0x45) {
      plain = false;
      p++;
      if (s[p] === 0x2b || s[p] === 0x2d) p++;
      if (!isDigit(s[p])) throw BAIL;
      while (isDigit(s[p])) p++;
    }
    this.p = p;
    let raw = "";
    for (let k = start; k < p; k++) raw += String.fromCharCode(s[k]);
    let text: string;
    if (raw === "0" || SMALL_INT.test(raw)) text = raw;
    else {
      if (plain) throw BAIL; // a large integer or -0: the strict reader decides
      const v = Number(raw);
      if (!Number.isFinite(v)) throw BAIL;
      text = v === 0 ? "0" : String(v);
    }
    // What follows is written from at most the bytes left, so room for both is enough.
    this.ensure(text.length + s.length - p);
    for (let k = 0; k < text.length; k++)
      this.out[this.o++] = text.charCodeAt(k);
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
