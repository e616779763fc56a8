// Appending to the PATCH_LOG: the next entry, numbered, chained to the head and hashed.
import {
  PATCH_LOG_COLUMNS,
  type PatchLogAction,
  type PatchLogEntry,
} from "../types";
import { computeEntryHash } from "./entryHash";
import { entryId } from "./entryId";

export const MAX_CELL_CHARS = 32767;

export interface NewEntry {
  Timestamp: string;
  Action: PatchLogAction;
  RunID: string;
  SealHash?: string;
  FileName?: string;
  Actor: string;
  Field?: string;
  OldValue?: string;
  NewValue?: string;
  Reason?: string;
}

export class LogCellTooLongError extends Error {}

/** The next entry after `previous` (the log as it stands), numbered and chained. */
export async function makeEntry(
  previous: readonly PatchLogEntry[],
  e: NewEntry,
): Promise<PatchLogEntry> {
  const last = previous[previous.length - 1];
  return makeEntryAfter(
    { count: previous.length, head: last ? last.EntryHash : "" },
    e,
  );
}

/** The next entry after a log of `count` entries whose last EntryHash is `head` ("" when empty). */
export async function makeEntryAfter(
  after: { count: number; head: string },
  e: NewEntry,
): Promise<PatchLogEntry> {
  const entry: PatchLogEntry = {
    EntryID: entryId(after.count + 1),
    Timestamp: e.Timestamp,
    Action: e.Action,
    RunID: e.RunID,
    SealHash: e.SealHash ?? "",
    FileName: e.FileName ?? "",
    Actor: e.Actor,
    Field: e.Field ?? "",
    OldValue: e.OldValue ?? "",
    NewValue: e.NewValue ?? "",
    Reason: e.Reason ?? "",
    PrevEntryHash: after.head,
    EntryHash: "",
  };
  for (const c of PATCH_LOG_COLUMNS) {
    if (entry[c].length > MAX_CELL_CHARS) {
      throw new LogCellTooLongError(
        `PATCH_LOG ${c} of ${entry.EntryID} would be ${entry[c].length} characters; a cell holds at most ${MAX_CELL_CHARS}`,
      );
    }
  }
  entry.EntryHash = await computeEntryHash(entry);
  return entry;
}
