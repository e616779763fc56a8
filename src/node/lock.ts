// The lock beside a file the CLI appends to (`PATCH_LOG.csv.lock`, `Book.xlsx.lock`). It names
// its holder (a random owner token, the process id, host, user, start time, command) and appears
// whole or not at all (created under a temporary name and linked into place). It is never taken
// from a process that is still running, however long it holds it (a paused process, a machine
// under memory pressure); it is taken over at once from one that is gone, with a message. The
// holder checks its token before it writes and before it removes the lock, so that a process that
// lost its lock anyway (an operator removed the file) writes nothing.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createFileExclusively,
  NameTakenError,
  temporaryNameBeside,
} from "./atomicReplace";
import { READ_NOFOLLOW, shown } from "./files";

/** Who holds a lock, as written in the lock file (one JSON object). */
export interface LockOwner {
  token: string;
  pid: number;
  host: string;
  user: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What the holder is doing: `export --run-id RUN-001`. */
  command: string;
  /** Linux: the kernel's boot id and the process's start tick, which tell a reused PID apart. */
  boot?: string;
  start?: string;
}

/** The lock is held by someone else and was not released in time; the message says by whom. */
export class LockHeldError extends Error {}

/** This process no longer holds its lock (it was removed or taken over): nothing was written. */
export class LockLostError extends Error {}

export interface HeldLock {
  readonly file: string;
  /** Throws LockLostError unless the lock file still carries this process's token. */
  assertHeld(before: string): void;
}

export interface LockOptions {
  /** How long to wait for a running holder; default SEALED_RUN_LOCK_WAIT_S or 15 s. */
  timeoutMs?: number;
  /** What the holder is doing, for the messages of others. */
  command?: string;
  /** A lock taken over from a holder that is gone is said here. */
  warn?: (message: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); the name may hold spaces. */
function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const bootId = () => readProc("/proc/sys/kernel/random/boot_id")?.trim();

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "";
  }
}

function me(command: string): LockOwner {
  return {
    token: randomBytes(16).toString("hex"),
    pid: process.pid,
    host: os.hostname(),
    user: userName(),
    since: new Date().toISOString(),
    command,
    boot: bootId(),
    start: processStart(process.pid),
  };
}

type Seen =
  | { kind: "gone" }
  | { kind: "link" }
  | { kind: "owner"; raw: string; owner: LockOwner }
  | { kind: "unknown"; raw: string };

/** The lock file as it is now, read without following a link. */
function look(lock: string): Seen {
  let raw: string;
  try {
    if (lstatSync(lock).isSymbolicLink()) return { kind: "link" };
    const fd = openSync(lock, READ_NOFOLLOW);
    try {
      const buf = Buffer.alloc(4096);
      raw = buf.toString("utf8", 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "gone" };
    throw e;
  }
  // Before owner tokens, sealed-run wrote the bare PID: a lock from this machine.
  if (/^\d+$/.test(raw.trim()))
    return {
      kind: "owner",
      raw,
      owner: {
        token: "",
        pid: Number(raw.trim()),
        host: os.hostname(),
        user: "",
        since: "",
        command: "",
      },
    };
  try {
    const o = JSON.parse(raw) as LockOwner;
    if (typeof o.token === "string" && Number.isInteger(o.pid))
      return { kind: "owner", raw, owner: o };
  } catch {
    /* not a lock this program wrote */
  }
  return { kind: "unknown", raw };
}

type Liveness = "running" | "gone" | "elsewhere";

/** Is the holder still running? Only a process on this machine can be asked. */
function liveness(o: LockOwner): Liveness {
  if (o.host !== os.hostname()) return "elsewhere";
  const boot = bootId();
  if (o.boot && boot && o.boot !== boot) return "gone"; // the machine restarted since
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return "gone";
    // EPERM: a process of another user has that id, so it runs.
  }
  const start = o.start && processStart(o.pid);
  if (start && start !== o.start) return "gone"; // the id now belongs to another process
  return "running";
}

function holder(o: LockOwner, where: Liveness): string {
  const who = [
    o.user && `user ${o.user}`,
    o.since && `since ${o.since}`,
    o.command && `running "sealed-run ${o.command}"`,
  ].filter(Boolean);
  return `process ${o.pid} on ${where === "elsewhere" ? `host ${o.host}` : "this machine"}${who.length ? ` (${who.join(", ")})` : ""}`;
}

function heldMessage(file: string, seen: Seen, waitedMs: number): string {
  // The wait asked for, not the one measured: a busy machine adds a few milliseconds.
  const lock = shown(file);
  const waited = `waited ${Math.round(waitedMs / 1000)} s`;
  if (seen.kind === "link")
    return `${lock} is a symbolic link, not a lock sealed-run made; nothing was written. Remove it (sealed-run never follows a link there).`;
  if (seen.kind === "unknown")
    return `${lock} exists but is not a lock sealed-run wrote (it holds ${JSON.stringify(seen.raw.slice(0, 80))}); ${waited}; nothing was written. If no sealed-run is running on this folder, remove it and run the command again.`;
  if (seen.kind !== "owner") return `${lock} is held; ${waited}`;
  const where = liveness(seen.owner);
  const by = holder(seen.owner, where);
  return where === "elsewhere"
    ? `${lock} is held by ${by}, which cannot be checked from this machine; ${waited}; nothing was written. If no sealed-run is running on ${seen.owner.host}, remove ${lock} and run the command again.`
    : `${lock} is held by ${by}, which is still running; ${waited}; nothing was written. Wait for it to finish and run the command again, or stop process ${seen.owner.pid} if it hangs: a lock is never taken from a running process.`;
}

/**
 * Take over a lock whose holder is gone: move it aside (only one process can move a given file),
 * then make sure what was moved is the lock judged; if another process had taken it over in the
 * meantime, put its lock back (that process finds out at its next check if this fails).
 */
export function takeOver(lock: string, judged: string): boolean {
  const aside = temporaryNameBeside(lock);
  try {
    renameSync(lock, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const seen = look(aside);
  const moved =
    seen.kind === "owner" || seen.kind === "unknown" ? seen.raw : "";
  if (moved !== judged) {
    try {
      linkSync(aside, lock);
    } catch {
      /* a newer lock took the name: the moved lock's holder finds out at its next check */
    }
  }
  unlinkSync(aside);
  return moved === judged;
}

function defaultTimeoutMs(): number {
  const s = Number(process.env.SEALED_RUN_LOCK_WAIT_S);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : 15000;
}

/** Run `work` holding `<file>.lock`; see the file's opening comment. */
export async function withLock<T>(
  file: string,
  work: (lock: HeldLock) => Promise<T>,
  {
    timeoutMs = defaultTimeoutMs(),
    command = "",
    warn = () => {},
  }: LockOptions = {},
): Promise<T> {
  const lock = file + ".lock";
  mkdirSync(path.dirname(lock), { recursive: true });
  const owner = me(command);
  const text = JSON.stringify(owner) + "\n";
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      createFileExclusively(lock, new TextEncoder().encode(text), 0o644);
      break;
    } catch (e) {
      if (!(e instanceof NameTakenError)) throw e;
    }
    const seen = look(lock);
    if (seen.kind === "gone") continue; // released meanwhile
    if (seen.kind === "link")
      throw new LockHeldError(heldMessage(lock, seen, 0));
    if (seen.kind === "owner" && liveness(seen.owner) === "gone") {
      if (takeOver(lock, seen.raw))
        warn(
          `took over ${shown(lock)}: its holder, ${holder(seen.owner, "gone")}, is no longer running`,
        );
      continue;
    }
    if (Date.now() - startedAt >= timeoutMs)
      throw new LockHeldError(heldMessage(lock, seen, timeoutMs));
    await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
  }
  const held: HeldLock = {
    file: lock,
    assertHeld(before) {
      const seen = look(lock);
      if (seen.kind === "owner" && seen.owner.token === owner.token) return;
      throw new LockLostError(
        seen.kind === "owner"
          ? `${shown(lock)} was taken over by ${holder(seen.owner, liveness(seen.owner))} while this process held it (it was paused or stopped); nothing was ${before}. Run the command again.`
          : `${shown(lock)} was removed while this process held it (it was paused or stopped); nothing was ${before}. Run the command again.`,
      );
    },
  };
  try {
    return await work(held);
  } finally {
    const seen = look(lock);
    if (seen.kind === "owner" && seen.owner.token === owner.token) {
      try {
        unlinkSync(lock);
      } catch {
        /* already gone */
      }
    }
  }
}

/** Test hook: with SEALED_RUN_PAUSE_AT=<step>, the process stops itself there (SIGSTOP) for a test to resume or kill. */
export function pauseForTest(step: string): void {
  if (process.env.SEALED_RUN_PAUSE_AT === step && process.platform !== "win32")
    process.kill(process.pid, "SIGSTOP");
}
