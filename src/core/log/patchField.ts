// A PATCH names a place in the sealed document (`kpis.summary_confidence_pct`, `top_risks[2]`)
// and its old and new values as log text: strings as they are, anything else as its JCS text.
import { canonicalize } from "../json/canonical";
import { parseStrictText } from "../json/strictParse";

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/;

export type FieldLookup =
  { ok: true; value: unknown } | { ok: false; message: string };

/** The value at `field` in `doc`, or why there is none. */
export function lookupField(doc: unknown, field: string): FieldLookup {
  if (!field) return { ok: false, message: "the field path is empty" };
  if (field === "hash")
    return {
      ok: false,
      message: "hash cannot be patched: it is the seal itself",
    };
  let cur: unknown = doc;
  let walked = "";
  for (const part of field.split(".")) {
    const m = SEGMENT.exec(part);
    if (!m)
      return {
        ok: false,
        message: `${JSON.stringify(field)} is not a field path like kpis.summary_confidence_pct or top_risks[2]`,
      };
    const steps: (string | number)[] = [
      m[1],
      ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])),
    ];
    for (const s of steps) {
      const here = walked || "the document";
      if (typeof s === "string") {
        if (
          !cur ||
          typeof cur !== "object" ||
          Array.isArray(cur) ||
          !Object.prototype.hasOwnProperty.call(cur, s)
        ) {
          return {
            ok: false,
            message: `${here} has no member ${JSON.stringify(s)}`,
          };
        }
        cur = (cur as Record<string, unknown>)[s];
        walked += (walked ? "." : "") + s;
      } else {
        if (!Array.isArray(cur) || s >= cur.length)
          return { ok: false, message: `${here} has no item [${s}]` };
        cur = cur[s];
        walked += `[${s}]`;
      }
    }
  }
  return { ok: true, value: cur };
}

/** Log text of a value (§6). */
export function logText(v: unknown): string {
  return typeof v === "string" ? v : canonicalize(v);
}

/**
 * The new value as log text: for a string field the text as typed; for any other field the typed
 * text must be JSON (72, ["a","b"]) and is written in its canonical form.
 */
export function newValueText(
  old: unknown,
  typed: string,
): { ok: true; text: string } | { ok: false; message: string } {
  if (typeof old === "string") return { ok: true, text: typed };
  const parsed = parseStrictText(typed);
  if (!parsed.ok)
    return {
      ok: false,
      message: `the field holds ${logText(old)}, so the new value must be JSON (e.g. 72 or ["a","b"]): ${parsed.error.message}`,
    };
  return { ok: true, text: canonicalize(parsed.value) };
}
