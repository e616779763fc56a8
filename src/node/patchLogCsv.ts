// PATCH_LOG.csv beside the sealed files (CONTRACT §6). Every cell is quoted. A value that Excel
// would take for a formula when it opens the CSV (= + - @ tab CR) is written with a leading
// apostrophe, and so is one that starts with an apostrophe; reading strips exactly one, so every
// value reads back exactly as written and none ever runs as a formula.
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
} from "node:fs";
import { CsvReader } from "../core/row/csv";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../core/types";
import { logStateOf, type LogStore } from "../core/log/state";
import {
  createFileExclusively,
  NameTakenError,
  NOFOLLOW,
  regularFileMode,
  writeAll,
} from "./atomicReplace";
import { READ_NOFOLLOW, shown } from "./files";

const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function guardCell(v: string): string {
  return NEEDS_GUARD.test(v) ? "'" + v : v;
}

export function unguardCell(v: string): string {
  return v.startsWith("'") && NEEDS_GUARD.test(v.slice(1)) ? v.slice(1) : v;
}

const quote = (v: string) => '"' + v.replace(/"/g, '""') + '"';

const formatRow = (e: PatchLogEntry) =>
  PATCH_LOG_COLUMNS.map((c) => quote(guardCell(e[c]))).join(",");

export function formatLog(entries: readonly PatchLogEntry[]): string {
  const lines = [
    PATCH_LOG_COLUMNS.map(quote).join(","),
    ...entries.map(formatRow),
  ];
  return lines.join("\r\n") + "\r\n";
}

export class LogLayoutError extends Error {}

/** The log changed between reading it under the lock and appending: nothing was appended. */
export class LogChangedError extends Error {}

/** The log as read under the lock: its entries, and what an append checks is still so. */
export interface LogSnapshot {
  file: string;
  entries: PatchLogEntry[];
  /** null when there is no log yet. */
  size: number | null;
  /** Its last bytes (up to TAIL_BYTES): the head entry and the line end an append follows. */
  tail: Buffer;
}

const TAIL_BYTES = 64 * 1024;

/**
 * Read the log; a missing file is an empty log. A file of another layout is refused, never
 * changed; a log that is a symbolic link (or not a regular file) is refused with UnsafeTargetError.
 */
export function readLogSnapshot(file: string): LogSnapshot {
  regularFileMode(file);
  let fd: number;
  try {
    fd = openSync(file, READ_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      return { file, entries: [], size: null, tail: Buffer.alloc(0) };
    throw e;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    file,
    entries: parseLog(bytes, file),
    size: bytes.length,
    tail: Buffer.from(bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES))),
  };
}

function parseLog(bytes: Uint8Array, file: string): PatchLogEntry[] {
  // Entries are made as rows are read, so each row's array dies young: keeping every row until
  // the end had the garbage collector copy 100,000 of them twice (issue 13).
  const entries: PatchLogEntry[] = [];
  let layoutChecked = false;
  const reader = new CsvReader(file, ({ fields }) => {
    if (!layoutChecked) {
      layoutChecked = true;
      checkLayout(reader.headers!, file);
    }
    if (fields.some((c) => c !== "")) entries.push(entryOfRow(fields));
  });
  reader.push(bytes, true);
  const end = reader.end();
  if (!end.ok) throw new LogLayoutError(end.message);
  checkLayout(end.headers, file);
  return entries;
}

function checkLayout(headers: readonly string[], file: string): void {
  if (headers.join(",") !== PATCH_LOG_COLUMNS.join(","))
    throw new LogLayoutError(
      `${file} has columns ${headers.join(", ")}; expected ${PATCH_LOG_COLUMNS.join(", ")}. It was left unchanged.`,
    );
}

/**
 * One entry from its row (cells in PATCH_LOG_COLUMNS order), written as a literal: every entry
 * then shares one object shape, which the chain check reads fast. Object.fromEntries per row
 * cost more than checking the chain (issue 13).
 */
function entryOfRow(r: readonly string[]): PatchLogEntry {
  const cell = (i: number) => unguardCell(r[i] ?? "");
  return {
    EntryID: cell(0),
    Timestamp: cell(1),
    Action: cell(2),
    RunID: cell(3),
    SealHash: cell(4),
    FileName: cell(5),
    Actor: cell(6),
    Field: cell(7),
    OldValue: cell(8),
    NewValue: cell(9),
    Reason: cell(10),
    PrevEntryHash: cell(11),
    EntryHash: cell(12),
  };
}

const isEntryList = (
  e: PatchLogEntry | readonly PatchLogEntry[],
): e is readonly PatchLogEntry[] => Array.isArray(e);

/**
 * Append entries after the log as `read`. A new log is created whole and exclusively; an
 * existing one is opened for appending only (without following a link), so that the entries
 * already there are never rewritten, and only if it still is exactly as read: the same size and
 * the same last bytes (the head). Otherwise LogChangedError, and nothing is appended.
 */
export function appendLog(
  read: LogSnapshot,
  entry: PatchLogEntry | readonly PatchLogEntry[],
  { beforeWrite = () => {} }: { beforeWrite?: () => void } = {},
): void {
  const entries: readonly PatchLogEntry[] = isEntryList(entry)
    ? entry
    : [entry];
  const { file } = read;
  const changed = (how: string) =>
    new LogChangedError(
      `${shown(file)} ${how} since it was read under the lock; nothing was appended, so that no entry is lost. Run the command again.`,
    );
  if (read.size === null) {
    beforeWrite();
    try {
      createFileExclusively(file, new TextEncoder().encode(formatLog(entries)));
    } catch (e) {
      if (e instanceof NameTakenError) throw changed("appeared");
      throw e;
    }
    return;
  }
  let fd: number;
  try {
    fd = openSync(file, APPEND_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw changed("was removed");
    if (code === "ELOOP") regularFileMode(file); // says it is a link
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw changed("was replaced by something that is not a file");
    if (st.size !== read.size)
      throw changed(`changed size (${read.size} → ${st.size} bytes)`);
    const now = Buffer.alloc(read.tail.length);
    readSync(fd, now, 0, now.length, st.size - now.length);
    if (!now.equals(read.tail)) throw changed("was changed at its end");
    const lineEnd =
      read.tail.length && read.tail[read.tail.length - 1] !== 0x0a;
    beforeWrite();
    writeAll(
      fd,
      new TextEncoder().encode(
        (lineEnd ? "\r\n" : "") +
          entries.map((e) => formatRow(e) + "\r\n").join(""),
      ),
    );
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const APPEND_NOFOLLOW = constants.O_RDWR | constants.O_APPEND | NOFOLLOW;

/**
 * PATCH_LOG.csv as a LogStore (src/core/log/state.ts), used under the caller's lock: `append`
 * follows the log as `read` last returned it (see appendLog). A CSV log keeps no checkpoint: it is
 * read and checked whole each time.
 */
export function csvLogStore(
  file: string,
  options: { beforeWrite?: () => void } = {},
): LogStore<readonly PatchLogEntry[]> {
  let read: LogSnapshot | null = null;
  return {
    read() {
      read = readLogSnapshot(file);
      return Promise.resolve(logStateOf(read.entries));
    },
    append(entries) {
      if (!read)
        return Promise.reject(
          new Error(`${shown(file)}: read the log before appending to it`),
        );
      try {
        appendLog(read, entries, options);
      } catch (e) {
        return Promise.reject(
          e instanceof Error ? e : new Error(String(e), { cause: e }),
        );
      }
      return Promise.resolve([]);
    },
  };
}
