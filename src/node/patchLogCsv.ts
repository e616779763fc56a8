// PATCH_LOG.csv beside the sealed files (CONTRACT §6). Every cell is quoted. A value that Excel
// would take for a formula when it opens the CSV (= + - @ tab CR) is written with a leading
// apostrophe, and so is one that starts with an apostrophe; reading strips exactly one, so every
// value reads back exactly as written and none ever runs as a formula.
import { existsSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { PATCH_LOG_COLUMNS, parseCsv, type PatchLogEntry } from "../core";

const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function guardCell(v: string): string {
  return NEEDS_GUARD.test(v) ? "'" + v : v;
}

export function unguardCell(v: string): string {
  return v.startsWith("'") && NEEDS_GUARD.test(v.slice(1)) ? v.slice(1) : v;
}

const quote = (v: string) => '"' + v.replace(/"/g, '""') + '"';

export function formatLog(entries: readonly PatchLogEntry[]): string {
  const lines = [PATCH_LOG_COLUMNS.map(quote).join(",")];
  for (const e of entries)
    lines.push(PATCH_LOG_COLUMNS.map((c) => quote(guardCell(e[c]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

export class LogLayoutError extends Error {}

/** Read the log; a missing file is an empty log. A file of another layout is refused, never changed. */
export function readLog(file: string): PatchLogEntry[] {
  if (!existsSync(file)) return [];
  const parsed = parseCsv(new Uint8Array(readFileSync(file)), file);
  if (!parsed.ok) throw new LogLayoutError(parsed.message);
  if (parsed.headers.join(",") !== PATCH_LOG_COLUMNS.join(",")) {
    throw new LogLayoutError(
      `${file} has columns ${parsed.headers.join(", ")}; expected ${PATCH_LOG_COLUMNS.join(", ")}. It was left unchanged.`,
    );
  }
  const rows = parsed.rows.filter((r) => r.some((c) => c !== ""));
  return rows.map(
    (r) =>
      Object.fromEntries(
        PATCH_LOG_COLUMNS.map((c, i) => [c, unguardCell(r[i] ?? "")]),
      ) as PatchLogEntry,
  );
}

/** Append by rewriting to a temporary file and renaming it over: a crash leaves the old log or the new, never half a line. */
export function appendLog(
  file: string,
  entries: readonly PatchLogEntry[],
  entry: PatchLogEntry,
): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, formatLog([...entries, entry]));
  renameSync(tmp, file);
}
