// Request/response size estimates: the JSON size of the values and formats a sync carries,
// which is what Excel on the web's 5 MB payload limit is measured against. Walking the arrays
// is much cheaper than JSON.stringify on a million cells and close enough for a limit check.

// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: everything outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;
const ESCAPED = /["\\\n\r\t]/g;

function stringBytes(s: string): number {
  let n = s.length + 2;
  if (NON_ASCII.test(s)) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
    }
  }
  const esc = s.match(ESCAPED);
  if (esc) n += esc.length;
  return n;
}

export function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  switch (typeof v) {
    case "string":
      return stringBytes(v);
    case "number":
      return String(v).length;
    case "boolean":
      return v ? 4 : 5;
    default:
      break;
  }
  if (Array.isArray(v)) {
    let n = 2 + Math.max(0, v.length - 1);
    for (const x of v) n += jsonBytes(x);
    return n;
  }
  let n = 2;
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    n += stringBytes(k) + 2 + jsonBytes(x);
  return n;
}

/** A fixed allowance for the action descriptor (object path, action type) around each operation. */
export const OP_OVERHEAD = 64;
