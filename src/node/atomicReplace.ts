// Replacing a file the CLI keeps (PATCH_LOG.csv, a workbook) without a moment in which it is
// half-written, and never through a planted link: the new bytes go to a temporary file beside the
// target, with an unpredictable name, created exclusively and without following links, flushed to
// disk, given the target's permissions, and renamed over the target in one step. Any failure
// removes the temporary file and leaves the target as it was. A file that must not exist yet (a
// sealed file, a new log, a lock) is made the same way but put in place with link(), which fails
// when the name is taken: it appears whole or not at all, and never replaces anything.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

/** A target that is a symbolic link (or not a regular file): it is never written through. */
export class UnsafeTargetError extends Error {}

/** The steps of a replacement, named so that a test can fail each one. */
export type ReplaceStep = "open" | "write" | "flush" | "chmod" | "rename";

export interface ReplaceOptions {
  /** Called before each step; a test throws here to inject a failure at that step. */
  beforeStep?: (step: ReplaceStep) => void;
}

// O_NOFOLLOW is absent on Windows; there, the lstat checks below are what refuses links.
export const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

/**
 * The target's mode, or `null` when it does not exist yet; UnsafeTargetError when it is a link
 * or anything but a regular file.
 */
export function regularFileMode(target: string): number | null {
  let st;
  try {
    st = lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const shown = path.relative(process.cwd(), target) || target;
  if (st.isSymbolicLink())
    throw new UnsafeTargetError(
      `${shown} is a symbolic link; sealed-run never writes through a link (replace it with the file itself)`,
    );
  if (!st.isFile())
    throw new UnsafeTargetError(
      `${shown} is not a regular file; sealed-run writes only to a file it can replace whole`,
    );
  return st.mode & 0o7777;
}

/** A name beside `target` that nobody can guess in advance. */
export function temporaryNameBeside(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`,
  );
}

/** Replace (or create) `target` with `bytes` atomically; see the file's opening comment. */
export function replaceFileAtomically(
  target: string,
  bytes: Uint8Array,
  { beforeStep = () => {} }: ReplaceOptions = {},
): void {
  const mode = regularFileMode(target) ?? 0o644;
  const tmp = temporaryNameBeside(target);
  let fd: number | null = null;
  let created = false;
  try {
    beforeStep("open");
    fd = openSync(tmp, CREATE_NEW, 0o600);
    created = true;
    beforeStep("write");
    writeAll(fd, bytes);
    beforeStep("flush");
    fsyncSync(fd);
    beforeStep("chmod");
    fchmodSync(fd, mode);
    closeSync(fd);
    fd = null;
    beforeStep("rename");
    regularFileMode(target); // a link planted since the first look is refused, not replaced
    renameSync(tmp, target);
    created = false;
  } finally {
    if (fd !== null) closeSync(fd);
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
  }
  flushFolder(path.dirname(target));
}

/** The name is taken (by a file, a folder or a link): nothing was written. */
export class NameTakenError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/**
 * Create `target`, which must not exist, with `bytes`: written whole under an unpredictable
 * temporary name, then linked into place (link never follows or replaces what is at the name).
 * NameTakenError when the name is taken. `mode` is subject to the umask.
 */
export function createFileExclusively(
  target: string,
  bytes: Uint8Array,
  mode = 0o666,
  { link = linkSync }: { link?: typeof linkSync } = {}, // a test puts a file system without links here
): void {
  const tmp = temporaryNameBeside(target);
  const fd = openSync(tmp, CREATE_NEW, mode);
  try {
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      link(tmp, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      if (code === "EEXIST") throw new NameTakenError(target);
      if (!NO_HARD_LINKS.includes(code)) throw e;
      writeNewFileInPlace(target, bytes, mode);
    }
  } finally {
    unlinkSync(tmp);
  }
  flushFolder(path.dirname(target));
}

// File systems without hard links (FAT, some network shares) answer link() with one of these.
const NO_HARD_LINKS = ["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"];

/** Where link() is missing: create the name itself exclusively, without following a link. */
function writeNewFileInPlace(
  target: string,
  bytes: Uint8Array,
  mode: number,
): void {
  let fd: number;
  try {
    fd = openSync(target, CREATE_NEW, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new NameTakenError(target);
    throw e;
  }
  try {
    writeAll(fd, bytes);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(target); // nothing half-written stays behind
    throw e;
  }
  closeSync(fd);
}

/** writeSync may write less than asked; go on until every byte is written. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length;)
    off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Make the rename itself durable where the platform allows opening a folder. */
function flushFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return; // Windows cannot open a folder; its rename is durable with the file
  }
  try {
    fsyncSync(fd);
  } catch {
    /* some file systems refuse fsync on a folder; the rename stands */
  } finally {
    closeSync(fd);
  }
}
