// RFC 8785 (JCS) canonical JSON. ECMAScript already serializes numbers and escapes strings exactly as
// JCS asks (RFC 8785 §3.2.2.3 defers to Number.prototype.toString; §3.2.2.2 matches JSON.stringify's
// well-formed escaping), so the work here is ordering members by UTF-16 code units (the default
// sort) and refusing what JCS cannot represent instead of silently changing it.

export class CanonicalizationError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = "CanonicalizationError";
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedString(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

function str(s: string, path: string): string {
  if (!isWellFormedString(s)) throw new CanonicalizationError("lone surrogate in string", path);
  return JSON.stringify(s);
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      return str(value, path);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalizationError(`non-finite number ${value}`, path);
      return Object.is(value, -0) ? "0" : String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i) out += ",";
          out += write(value[i], `${path}[${i}]`);
        }
        return out + "]";
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalizationError(`unsupported object type ${proto?.constructor?.name ?? "?"}`, path);
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = "{";
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (i) out += ",";
        out += str(k, path) + ":" + write(obj[k], `${path}.${k}`);
      }
      return out + "}";
    }
    default:
      throw new CanonicalizationError(`unsupported value of type ${typeof value}`, path);
  }
}

/** The RFC 8785 canonical text of a JSON value. Throws CanonicalizationError on anything JCS refuses. */
export function canonicalize(value: unknown): string {
  return write(value, "$");
}

const encoder = new TextEncoder();

/** The canonical form as the UTF-8 bytes that are hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}
