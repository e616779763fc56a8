// The tokens of scanHashedBytes (canonicalBytes.ts): whitespace skipped, literals, strings and
// numbers copied into the output in their RFC 8785 form, or BAIL thrown for whatever needs the
// full reader. The class holds the reused buffers; ByteScan adds arrays and objects on top, so
// the byte loops stay methods of the one object with no call in between.

/**
 * Thrown (one instance, made once: no stack captured per throw) when the document needs the full
 * reader; scanHashedBytes catches it and returns null.
 */
class Bail extends Error {}
export const BAIL = new Bail("needs the full reader");

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The escapes JCS writes as they stand: " \ b f n r t. */
const KEPT_ESCAPE = new Uint8Array(256);
for (const c of '"\\bfnrt') KEPT_ESCAPE[c.charCodeAt(0)] = 1;

/** 1 for the bytes a string holds as they are: printable ASCII other than " and \. */
export const ORDINARY = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) ORDINARY[c] = 1;
ORDINARY[QUOTE] = 0;
ORDINARY[BACKSLASH] = 0;

const SMALL_INT = /^-?[1-9]\d{0,14}$/; // below 10^15: exact, and written as is by ECMAScript

/** The buffers of one pass over one document, reused from call to call, and its leaf tokens. */
export class ByteTokens {
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
}
