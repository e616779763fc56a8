// §3 text and list fields: how a cell becomes text the same way in the add-in, the CLI and replay.
import type { CellValue } from "../types";

/**
 * The shortest round-trip decimal digits of `n` (what `String(n)` picks), written without an
 * exponent: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001", -0 → "0". Throws a
 * RangeError for NaN and ±Infinity, which have no decimal form.
 */
export function shortestDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} has no decimal form`);
  if (n === 0) return "0"; // also -0: a signed zero is not a different figure
  const sign = n < 0 ? "-" : "";
  const s = String(Math.abs(n));
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return sign + s; // String() already wrote it plainly
  const digits = m[1] + (m[2] ?? "");
  const point = m[1].length + Number(m[3]); // digits before the decimal point
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length)
    return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A cell as text (§3 text fields): strings trimmed with ECMAScript `trim`, numbers as their
 * shortest round-trip digits without exponent, booleans as `TRUE`/`FALSE` (as Excel shows them).
 */
export function cellToText(v: CellValue): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number")
    return Number.isFinite(v) ? shortestDecimal(v) : String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  // Unreachable for well-typed input; a hand-edited seal could carry null, which reads as empty.
  return v === null || v === undefined ? "" : String(v).trim();
}

/** A `;`-separated list (§3): items trimmed, empty items dropped, order and repeats kept. */
export function splitList(v: CellValue): string[] {
  return cellToText(v)
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
