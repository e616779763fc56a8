// The lock's parts that processes racing cannot show reliably: taking over a lock that another
// process took over a moment earlier must give that lock back, and a holder checks its token.
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { LockLostError, takeOver, withLock } from "../../src/node/lock";

const folder = () => mkdtempSync(path.join(os.tmpdir(), "lock-"));

describe("takeOver", () => {
  it("removes the lock it judged", () => {
    const dir = folder();
    const lock = path.join(dir, "PATCH_LOG.csv.lock");
    writeFileSync(lock, "2147483646");
    expect(takeOver(lock, "2147483646")).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("puts back a lock that is not the one it judged (another process took over first)", () => {
    const dir = folder();
    const lock = path.join(dir, "PATCH_LOG.csv.lock");
    writeFileSync(lock, '{"token":"new","pid":1}');
    expect(takeOver(lock, "2147483646")).toBe(false);
    expect(readFileSync(lock, "utf8")).toBe('{"token":"new","pid":1}');
    expect(readdirSync(dir)).toEqual(["PATCH_LOG.csv.lock"]);
  });

  it("does nothing when the lock is gone already", () => {
    const dir = folder();
    expect(takeOver(path.join(dir, "PATCH_LOG.csv.lock"), "1")).toBe(false);
  });
});

/** The lock file's holder record, its members checked as strings or numbers. */
function readOwner(file: string): Record<string, string | number> {
  const owner: unknown = JSON.parse(readFileSync(file + ".lock", "utf8"));
  if (typeof owner !== "object" || owner === null)
    throw new Error(`${file}.lock holds ${JSON.stringify(owner)}`);
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(owner)) {
    if (typeof v !== "string" && typeof v !== "number")
      throw new Error(`${file}.lock: ${k} is ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

describe("withLock", () => {
  it("writes its holder into the lock and removes it after the work", async () => {
    const dir = folder();
    const file = path.join(dir, "PATCH_LOG.csv");
    const owner = await withLock(file, () => Promise.resolve(readOwner(file)), {
      command: "export --run-id RUN-001",
    });
    expect(owner).toMatchObject({
      pid: process.pid,
      host: os.hostname(),
      command: "export --run-id RUN-001",
    });
    expect(owner.token).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a holder whose lock was replaced finds out before writing, and leaves the other lock in place", async () => {
    const dir = folder();
    const file = path.join(dir, "PATCH_LOG.csv");
    await expect(
      withLock(file, (lock) => {
        rmSync(file + ".lock");
        writeFileSync(
          file + ".lock",
          JSON.stringify({ token: "other", pid: 1, host: os.hostname() }),
        );
        lock.assertHeld("written");
        return Promise.resolve();
      }),
    ).rejects.toThrow(LockLostError);
    expect(readOwner(file).token).toBe("other");
  });
});
