// EntryIDs (CONTRACT §6): PL-000001, PL-000002, ... numbered from the log's first entry.

export function entryId(n: number): string {
  return "PL-" + String(n).padStart(6, "0");
}

/**
 * Whether `id` is entryId(n), without building it: the check runs once per entry and the
 * padded string cost more than the comparison (six digits cover every log under a million).
 */
export function isEntryId(id: string, n: number): boolean {
  if (n >= 1_000_000) return id === entryId(n);
  if (
    id.length !== 9 ||
    id.charCodeAt(0) !== 0x50 || // P
    id.charCodeAt(1) !== 0x4c || // L
    id.charCodeAt(2) !== 0x2d // -
  )
    return false;
  let v = 0;
  for (let k = 3; k < 9; k++) {
    const d = id.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v === n;
}
