// The lone-surrogate test: a string JSON, RFC 8785 and UTF-8 can all carry holds no unpaired
// UTF-16 surrogate. One copy, for the strict reader, the canonicalizer and the scan.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String.prototype.isWellFormed where the runtime has it (ES2024), the same test by regex where not. */
export function isWellFormedString(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}
