// File system rules of the CLI: sealed files are created exclusively (never replaced), the log is
// appended under a lock so that two exports that race cannot fork it.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; a sealed file is never overwritten`);
  }
}

/** Write a new file; fail with OutputExistsError if the name is taken (O_EXCL: no race can replace it). */
export function writeExclusive(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new OutputExistsError(file);
    throw e;
  }
  try {
    writeSync(fd, bytes);
  } catch (e) {
    closeSync(fd);
    unlinkSync(file); // nothing half-written stays behind
    throw e;
  }
  closeSync(fd);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `work` holding `<file>.lock`, created exclusively. A lock older than `staleMs` is from a
 * process that died and is taken over.
 */
export async function withLock<T>(
  file: string,
  work: () => Promise<T>,
  { timeoutMs = 15000, staleMs = 60000 } = {},
): Promise<T> {
  const lock = file + ".lock";
  mkdirSync(path.dirname(lock), { recursive: true });
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleMs) unlinkSync(lock);
      } catch {
        /* the holder released it meanwhile */
      }
      if (Date.now() - start > timeoutMs)
        throw new Error(
          `${lock} is held by another sealed-run process (remove it if none is running)`,
        );
      await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
    }
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* already gone */
    }
  }
}

export class UnreadablePathError extends Error {}

export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder"
          : code === "EACCES"
            ? "permission denied"
            : String((e as Error).message);
    throw new UnreadablePathError(`cannot read ${file}: ${why}`);
  }
}
