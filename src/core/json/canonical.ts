// RFC 8785 (JCS) canonical JSON. ECMAScript already serializes numbers and escapes strings exactly as
// JCS asks (RFC 8785 §3.2.2.3 defers to Number.prototype.toString; §3.2.2.2 matches JSON.stringify's
// well-formed escaping), so the work here is ordering members by UTF-16 code units (the default
// sort) and refusing what JCS cannot represent instead of silently changing it.
import { isWellFormedString } from "./wellFormed";

export { isWellFormedString };

export class CanonicalizationError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${reason} at ${path}`);
    this.name = "CanonicalizationError";
  }
}

/** Thrown while writing; the path is assembled only when something is refused, off the hot path. */
class Refusal extends Error {
  segments: string[] = [];
  constructor(readonly reason: string) {
    super(reason);
  }
}

function within(e: unknown, segment: string): never {
  if (e instanceof Refusal) e.segments.push(segment);
  throw e;
}

// Most strings need no escaping and hold no surrogates: quote them directly.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const PLAIN = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;

function str(s: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  if (!isWellFormedString(s)) throw new Refusal("lone surrogate in string");
  return JSON.stringify(s);
}

function constructorName(proto: unknown): string {
  const ctor =
    typeof proto === "object" && proto !== null && "constructor" in proto
      ? proto.constructor
      : undefined;
  return typeof ctor === "function" && ctor.name ? ctor.name : "?";
}

function write(value: unknown): string {
  switch (typeof value) {
    case "string":
      return str(value);
    case "number":
      if (!Number.isFinite(value))
        throw new Refusal(`non-finite number ${value}`);
      return Object.is(value, -0) ? "0" : String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i) out += ",";
          try {
            out += write(value[i]);
          } catch (e) {
            within(e, `[${i}]`);
          }
        }
        return out + "]";
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new Refusal(`unsupported object type ${constructorName(proto)}`);
      }
      return writeObject(value as Record<string, unknown>);
    }
    default:
      throw new Refusal(`unsupported value of type ${typeof value}`);
  }
}

/** An object's members in UTF-16 code-unit order; `override` replaces (or adds) members without a copy. */
function writeObject(
  obj: Record<string, unknown>,
  override?: Record<string, unknown>,
): string {
  const keys = Object.keys(obj);
  if (override)
    for (const k of Object.keys(override))
      if (!Object.hasOwn(obj, k)) keys.push(k);
  keys.sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (i) out += ",";
    if (!isWellFormedString(k))
      throw new Refusal(`lone surrogate in member name ${JSON.stringify(k)}`);
    try {
      out +=
        str(k) +
        ":" +
        write(override && Object.hasOwn(override, k) ? override[k] : obj[k]);
    } catch (e) {
      within(e, `.${k}`);
    }
  }
  return out + "}";
}

/**
 * The RFC 8785 canonical text of a JSON value. Throws CanonicalizationError on anything JCS
 * refuses. With `override`, `value` is an object written with those members replaced: the hashed
 * form of a seal, `{...doc, hash: ""}`, without copying a document of many members.
 */
export function canonicalize(
  value: unknown,
  override?: Record<string, unknown>,
): string {
  try {
    return override
      ? writeObject(value as Record<string, unknown>, override)
      : write(value);
  } catch (e) {
    if (e instanceof Refusal)
      throw new CanonicalizationError(
        e.reason,
        "$" + e.segments.reverse().join(""),
      );
    throw e;
  }
}

const encoder = new TextEncoder();

/** The canonical form as the UTF-8 bytes that are hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}
