// The scanner of the strict reader (strictParse.ts): one pass over the text that refuses repeated
// member names, `__proto__`, lone surrogates, unsafe integers and deep nesting, and throws
// StrictParseFailure with the place it stopped.
import { isWellFormedString } from "./wellFormed";

const MAX_DEPTH = 256;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

export class StrictParseFailure extends Error {
  constructor(
    readonly detail: string,
    readonly pos: number,
    readonly path: string,
  ) {
    super(detail);
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what JSON forbids raw
const CONTROL = /[\u0000-\u001f]/;
const SURROGATE = /[\ud800-\udfff]/;
const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["\\", "\\"],
  ["/", "/"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
]);

/** The position of the first character at or after `p` that is not JSON whitespace. */
export function skipWhitespace(s: string, p: number): number {
  for (;;) {
    const c = s.charCodeAt(p);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else return p;
  }
}

export class Scanner {
  pos = 0;
  /** Where the scanner is: member names and array indexes; a path string is made only for a failure. */
  private at: (string | number)[] = [];
  constructor(readonly s: string) {}

  fail(detail: string, pos = this.pos): never {
    const path = this.at.map((k) =>
      typeof k === "number" ? `[${k}]` : `.${k}`,
    );
    throw new StrictParseFailure(detail, pos, "$" + path.join(""));
  }

  ws(): void {
    this.pos = skipWhitespace(this.s, this.pos);
  }

  value(depth: number): unknown {
    this.ws();
    const c = this.s[this.pos];
    if (c === "{") return this.object(depth + 1);
    if (c === "[") return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === "n") return this.literal("null", null);
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    if (c === undefined) this.fail("unexpected end of text");
    if (c === "N" || c === "I")
      this.fail("non-finite number (NaN/Infinity is not JSON)");
    this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  literal<T>(word: string, v: T): T {
    if (this.s.startsWith(word, this.pos)) {
      this.pos += word.length;
      return v;
    }
    this.fail("not JSON");
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const r = NUMBER.exec(this.s);
    if (!r || r[0] === "-") this.fail("malformed number");
    const start = this.pos;
    this.pos += r[0].length;
    const v = Number(r[0]);
    if (!Number.isFinite(v)) this.fail(`non-finite number ${r[0]}`, start);
    if (!r[2] && !r[3] && Math.abs(v) > MAX_SAFE) {
      this.fail(
        `integer ${r[0]} is beyond ±(2^53−1) and cannot be read exactly`,
        start,
      );
    }
    return v;
  }

  /**
   * A string token. Runs between escapes are found with indexOf and checked with one regular
   * expression each (native, and most strings have no escape at all); an unterminated string
   * is read again character by character, so that the first problem in it is the one reported.
   */
  string(): string {
    const s = this.s;
    const start = this.pos;
    let p = start + 1;
    let out = "";
    let surrogates = false;
    for (;;) {
      const q = s.indexOf('"', p);
      if (q < 0) this.unterminated();
      const run = s.slice(p, q);
      const b = run.indexOf("\\");
      const plain = b < 0 ? run : run.slice(0, b);
      const control = CONTROL.exec(plain);
      if (control)
        this.fail(
          "control character in string must be escaped",
          p + control.index,
        );
      if (!surrogates && SURROGATE.test(plain)) surrogates = true;
      out += plain;
      if (b < 0) {
        this.pos = q + 1;
        break;
      }
      p += b;
      const unit = this.escapeAt(p);
      const code = unit.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) surrogates = true;
      out += unit;
      p += s[p + 1] === "u" ? 6 : 2;
    }
    if (surrogates && !isWellFormedString(out))
      this.fail("lone surrogate in string", start);
    return out;
  }

  /** The character an escape at `p` (a backslash) stands for; fails on a malformed one. */
  escapeAt(p: number): string {
    const s = this.s;
    const e = s[p + 1];
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) return simple;
    if (e !== "u") this.fail("malformed escape", p);
    const hex = s.slice(p + 2, p + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("malformed \\u escape", p);
    return String.fromCharCode(parseInt(hex, 16));
  }

  /**
   * A string with no closing quote: its first problem in reading order, a raw control character
   * or a malformed escape before the end, else that it is unterminated.
   */
  unterminated(): never {
    const s = this.s;
    for (let p = this.pos + 1; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c < 0x20) this.fail("control character in string must be escaped", p);
      if (c === 0x5c) {
        this.escapeAt(p);
        p += s[p + 1] === "u" ? 5 : 1;
      }
    }
    this.fail("unterminated string", this.pos);
  }

  array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.pos++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.at.push(out.length);
      out.push(this.value(depth));
      this.at.pop();
      this.ws();
      const c = this.s[this.pos++];
      if (c === "]") return out;
      if (c !== ",") this.fail("expected , or ] in array", this.pos - 1);
    }
  }

  object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.pos++;
    // Safe as a plain object: `__proto__`, the one name that would reach the prototype, is refused.
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      const keyPos = this.pos;
      if (this.s[this.pos] !== '"')
        this.fail("expected a member name in double quotes");
      const key = this.string();
      if (Object.hasOwn(out, key))
        this.fail(`repeated member name ${JSON.stringify(key)}`, keyPos);
      if (key === "__proto__")
        this.fail('member named "__proto__" is not allowed', keyPos);
      this.ws();
      if (this.s[this.pos++] !== ":")
        this.fail("expected : after member name", this.pos - 1);
      this.at.push(key);
      out[key] = this.value(depth);
      this.at.pop();
      this.ws();
      const c = this.s[this.pos++];
      if (c === "}") return out;
      if (c !== ",") this.fail("expected , or } in object", this.pos - 1);
    }
  }
}
