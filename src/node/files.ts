// File system rules of the CLI: sealed files are created exclusively (never replaced, never
// through a link), and no input is read further than the rules need.
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
} from "node:fs";
import path from "node:path";
import { MAX_SEALED_FILE_BYTES } from "../core/json/strictParse";
import {
  createFileExclusively,
  NameTakenError,
  NOFOLLOW,
} from "./atomicReplace";

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; a sealed file is never overwritten`);
  }
}

/**
 * Write a new file whole (see createFileExclusively); OutputExistsError if the name is taken,
 * whatever is there (a file, a folder, a link): no race can replace it.
 */
export function writeExclusive(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    createFileExclusively(file, bytes);
  } catch (e) {
    if (e instanceof NameTakenError) throw new OutputExistsError(file);
    throw e;
  }
}

/** How messages name a path: relative to the current folder, as the user typed it. */
export const shown = (p: string) => path.relative(process.cwd(), p) || p;

export class UnreadablePathError extends Error {}

/** "cannot read [what ]FILE: why", the why said as a person would (no errno names). */
function unreadable(file: string, e: unknown, what = ""): UnreadablePathError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "is a folder"
        : code === "EACCES"
          ? "permission denied"
          : String((e as Error).message);
  return new UnreadablePathError(
    `cannot read ${what ? `${what} ` : ""}${file}: ${why}`,
  );
}

/** A small text file the user names (a key, a key list) as UTF-8; `what` names it in the refusal. */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw unreadable(file, e, what);
  }
}

/**
 * At most `limit` bytes of `file`, whatever it is (a FIFO, a device, a file that keeps growing):
 * the caller sees that the limit was passed by getting `limit` bytes back and reads no further.
 */
export function readAtMost(file: string, limit: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw unreadable(file, { code: "EISDIR" });
    // A regular file says its size; anything else is read in growing steps up to the limit.
    let buf = Buffer.allocUnsafe(
      Math.min(limit, st.isFile() ? st.size + 1 : 64 * 1024),
    );
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n >= limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        throw unreadable(file, e);
      }
      if (got === 0) break;
      n += got;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file to verify, replay, patch or canonicalize: at most 5 MiB + 1 byte (CONTRACT §2), so that
 * the strict reader refuses a larger one at once, without reading the rest.
 */
export function readSealedFile(file: string): Uint8Array {
  return readAtMost(file, MAX_SEALED_FILE_BYTES + 1);
}

/** A small input file whole (a policy text, a prompt): at most `limit` bytes, else refused. */
export function readBytes(file: string, limit = 256 * 1024 * 1024): Uint8Array {
  const bytes = readAtMost(file, limit + 1);
  if (bytes.length > limit)
    throw new UnreadablePathError(
      `cannot read ${file}: it is over ${limit / 1024 / 1024} MiB, more than such a file can be`,
    );
  return bytes;
}

/** Open flags for reading a file the CLI keeps (the log, a lock) without following a link. */
export const READ_NOFOLLOW = constants.O_RDONLY | NOFOLLOW;
