// export_timestamp (`YYYY-MM-DDTHH:MM:SSZ`, UTC, whole seconds) and the file name made from it.

export const EXPORT_TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export function exportTimestamp(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("invalid export time");
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `<run_id>_<YYYYMMDDTHHMMSSZ>.json` (CONTRACT §7). */
export function sealFileName(runId: string, timestamp: string): string {
  const m = EXPORT_TIMESTAMP_PATTERN.exec(timestamp);
  if (!m)
    throw new RangeError(
      `export_timestamp ${JSON.stringify(timestamp)} is not YYYY-MM-DDTHH:MM:SSZ`,
    );
  return `${runId}_${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z.json`;
}
