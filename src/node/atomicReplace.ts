// Replacing a file the CLI keeps (PATCH_LOG.csv, a workbook) without a moment in which it is
// half-written, and never through a planted link: the new bytes go to a temporary file beside the
// target, with an unpredictable name, created exclusively and without following links, flushed to
// disk, given the target's permissions, and renamed over the target in one step. Any failure
// removes the temporary file and leaves the target as it was.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
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
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
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
  if (st.isSymbolicLink())
    throw new UnsafeTargetError(
      `${target} is a symbolic link; sealed-run never writes through a link (replace it with the file itself)`,
    );
  if (!st.isFile())
    throw new UnsafeTargetError(`${target} is not a regular file`);
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
    for (let off = 0; off < bytes.length;)
      off += writeSync(fd, bytes, off, bytes.length - off);
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
