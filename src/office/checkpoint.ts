// The verified checkpoint (CONTRACT §6 and core/log/state.ts), as the workbook keeps it: beside
// PATCH_LOG on its sheet, one blank column after the table, a label over `<count>|<EntryHash>`.
import type { LogCheckpoint } from "../core";
import { cellString } from "./cells";

export type Checkpoint = LogCheckpoint;

/**
 * The verified checkpoint, beside the log on its sheet (one blank column after the table): a label
 * over `<count>|<EntryHash of entry count>`, both text. Columns after the header row's start.
 */
export const CHECKPOINT_COL_OFFSET = 14; // column O for a table at A1
export const CHECKPOINT_LABEL = "Chain verified through (entries|EntryHash)";

export function checkpointText(c: Checkpoint): string {
  return `${c.count}|${c.head}`;
}

export function parseCheckpoint(v: unknown): Checkpoint | null {
  const m = /^(\d+)\|(sha256:[0-9a-f]{64})$/.exec(cellString(v).trim());
  if (!m) return null;
  const count = Number(m[1]);
  return count >= 1 && Number.isSafeInteger(count)
    ? { count, head: m[2] }
    : null;
}
