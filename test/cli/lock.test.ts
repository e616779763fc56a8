// The lock around PATCH_LOG.csv under the timings a shared folder sees: a holder paused (SIGSTOP)
// for longer than any age limit, a holder killed (kill -9) at every step, an operator removing the
// lock, the log edited under a paused holder. No entry may ever be lost, whatever the timing.
// The CLI stops itself at a named step when SEALED_RUN_PAUSE_AT says so (src/node/lock.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  chainProblems,
  EPOCH,
  LOG,
  logRows,
  makeWorkspace,
  removeWorkspaces,
  run,
  SEALED_DIR,
  sealedFiles,
  start,
  type Started,
} from "./helpers";

afterAll(removeWorkspaces);

const linux = process.platform === "linux" ? describe : describe.skip;
const LOCK = LOG + ".lock";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the process has stopped itself (state T in /proc/PID/stat). */
async function stopped(p: Started): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const stat = fs.readFileSync(`/proc/${p.pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("T")) return;
    await sleep(25);
  }
  throw new Error(`process ${p.pid} never paused`);
}

/** An export that stops itself at `step` while holding the lock. */
async function pausedExport(
  ws: string,
  runId: string,
  step: string,
): Promise<Started> {
  const p = start(ws, ["export", "--run-id", runId], {
    epoch: EPOCH,
    env: { SEALED_RUN_PAUSE_AT: step },
  });
  await stopped(p);
  return p;
}

/** The lock file's owner record; its pid is what these tests compare. */
function lockOwner(ws: string): { pid: number } {
  const owner: unknown = JSON.parse(
    fs.readFileSync(path.join(ws, LOCK), "utf8"),
  );
  if (
    typeof owner !== "object" ||
    owner === null ||
    !("pid" in owner) ||
    typeof owner.pid !== "number"
  )
    throw new Error(`${LOCK} names no owner pid: ${JSON.stringify(owner)}`);
  return { pid: owner.pid };
}

function expectIntact(ws: string, sealedRuns: string[]): void {
  const rows = logRows(ws);
  expect(chainProblems(rows)).toEqual([]);
  expect(
    rows
      .filter((e) => e.Action === "SEAL")
      .map((e) => e.RunID)
      .sort(),
  ).toEqual(sealedRuns);
  expect(sealedFiles(ws).map((n) => n.split("_")[0])).toEqual(sealedRuns);
  expect(fs.existsSync(path.join(ws, LOCK))).toBe(false);
}

linux("a paused holder keeps its lock; no entry is ever lost", () => {
  it("a holder paused for longer than a minute is waited for, not taken over: both entries are kept", async () => {
    const ws = makeWorkspace();
    const first = await pausedExport(ws, "RUN-001", "read");
    // Before owner tokens, a lock this old was taken over by its age alone.
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(path.join(ws, LOCK), old, old);
    const second = start(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH,
      env: { SEALED_RUN_LOCK_WAIT_S: "60" },
    });
    await sleep(1500);
    expect(lockOwner(ws).pid).toBe(first.pid); // still the paused holder's
    process.kill(first.pid, "SIGCONT");
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, a.stderr]).toEqual([0, ""]);
    expect([b.code, b.stderr]).toEqual([0, ""]);
    expectIntact(ws, ["RUN-001", "RUN-002"]);
  });

  it("a held lock says whose it is, that the holder runs, and what to do", async () => {
    const ws = makeWorkspace();
    const first = await pausedExport(ws, "RUN-001", "read");
    const r = await run(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH,
      env: { SEALED_RUN_LOCK_WAIT_S: "1" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${LOCK} is held by process ${first.pid} on this machine (user ${os.userInfo().username}, since `,
    );
    expect(r.stderr).toContain(
      `running "sealed-run export --run-id RUN-001"), which is still running; waited 1 s; nothing was written.`,
    );
    expect(r.stderr).toContain(
      `or stop process ${first.pid} if it hangs: a lock is never taken from a running process`,
    );
    process.kill(first.pid, "SIGCONT");
    expect((await first.done).code).toBe(0);
    expectIntact(ws, ["RUN-001"]);
  });

  it("a holder whose lock was removed (by an operator) while it was paused writes nothing", async () => {
    const ws = makeWorkspace();
    const first = await pausedExport(ws, "RUN-001", "read");
    fs.rmSync(path.join(ws, LOCK));
    expect(
      (await run(ws, ["export", "--run-id", "RUN-002"], { epoch: EPOCH })).code,
    ).toBe(0);
    process.kill(first.pid, "SIGCONT");
    const a = await first.done;
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(
      `${LOCK} was removed while this process held it (it was paused or stopped); nothing was written.`,
    );
    expectIntact(ws, ["RUN-002"]);
  });

  it("a holder whose lock another process holds by now writes nothing and names that process", async () => {
    const ws = makeWorkspace();
    const first = await pausedExport(ws, "RUN-001", "read");
    fs.rmSync(path.join(ws, LOCK));
    const second = await pausedExport(ws, "RUN-002", "read");
    process.kill(first.pid, "SIGCONT");
    const a = await first.done;
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(
      `${LOCK} was taken over by process ${second.pid} on this machine`,
    );
    process.kill(second.pid, "SIGCONT");
    expect((await second.done).code).toBe(0);
    expectIntact(ws, ["RUN-002"]);
  });

  it("a log changed under a paused holder (edited by hand) is not appended to; its new seal is removed again", async () => {
    const ws = makeWorkspace();
    expect(
      (await run(ws, ["export", "--run-id", "RUN-003"], { epoch: EPOCH })).code,
    ).toBe(0);
    const first = await pausedExport(ws, "RUN-001", "sealed");
    expect(sealedFiles(ws)).toHaveLength(2);
    const edited = fs.readFileSync(path.join(ws, LOG), "utf8") + "\r\n";
    fs.writeFileSync(path.join(ws, LOG), edited);
    process.kill(first.pid, "SIGCONT");
    const a = await first.done;
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`${LOG} changed size`);
    expect(a.stderr).toContain(
      "nothing was appended, so that no entry is lost",
    );
    expect(a.stderr).toContain(`The sealed file ${SEALED_DIR}/RUN-001_`);
    expect(fs.readFileSync(path.join(ws, LOG), "utf8")).toBe(edited);
    expect(sealedFiles(ws).map((n) => n.split("_")[0])).toEqual(["RUN-003"]);
  });
});

linux("a holder killed with kill -9 at any step", () => {
  it.each(["locked", "read", "logged"])(
    "killed at %s: the next export takes the lock over at once, saying so, and chains on",
    async (step) => {
      const ws = makeWorkspace();
      const first = await pausedExport(ws, "RUN-001", step);
      process.kill(first.pid, "SIGKILL");
      await expect(first.done).rejects.toThrow("SIGKILL");
      const t0 = Date.now();
      const r = await run(ws, ["export", "--run-id", "RUN-002"], {
        epoch: EPOCH,
        env: { SEALED_RUN_LOCK_WAIT_S: "30" },
      });
      expect(Date.now() - t0).toBeLessThan(10_000); // not after waiting out an age limit
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `warning: took over ${LOCK}: its holder, process ${first.pid} on this machine`,
      );
      expect(r.stderr).toContain("is no longer running");
      expectIntact(
        ws,
        step === "logged" ? ["RUN-001", "RUN-002"] : ["RUN-002"],
      );
    },
  );

  it("killed between writing its seal and logging it: the next export refuses, naming the unlogged seal", async () => {
    const ws = makeWorkspace();
    const first = await pausedExport(ws, "RUN-001", "sealed");
    process.kill(first.pid, "SIGKILL");
    await expect(first.done).rejects.toThrow("SIGKILL");
    const [orphan] = sealedFiles(ws);
    const r = await run(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("took over");
    expect(r.stderr).toContain(
      `✗ gate patch_log_intact: ${orphan} is a valid seal`,
    );
    expect(r.stderr).toContain(
      "the export that wrote the file was stopped before logging it",
    );
    expect(r.stderr).toContain(
      "move the file out of this folder if it was never logged",
    );
    expect(sealedFiles(ws)).toEqual([orphan]);
    expect(chainProblems(logRows(ws))).toEqual([]);
    // Doing what the message says lets the next export chain on.
    fs.renameSync(path.join(ws, SEALED_DIR, orphan), path.join(ws, orphan));
    expect(
      (await run(ws, ["export", "--run-id", "RUN-002"], { epoch: EPOCH })).code,
    ).toBe(0);
    expect(chainProblems(logRows(ws))).toEqual([]);
  });

  it("a lock of a bare PID (written before owner tokens) whose process is gone is taken over at once", async () => {
    const ws = makeWorkspace();
    fs.mkdirSync(path.join(ws, SEALED_DIR), { recursive: true });
    fs.writeFileSync(path.join(ws, LOCK), "2147483646"); // above any pid_max: no such process
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `took over ${LOCK}: its holder, process 2147483646 on this machine, is no longer running`,
    );
    expectIntact(ws, ["RUN-001"]);
  });
});

describe("locks that cannot be judged from here", () => {
  it("a lock from another host is never taken over; the message says how to release it", async () => {
    const ws = makeWorkspace();
    fs.mkdirSync(path.join(ws, SEALED_DIR), { recursive: true });
    const owner = {
      token: "t",
      pid: 4242,
      host: "audit-share-7",
      user: "jrivera",
      since: "2026-02-16T08:00:00.000Z",
      command: "export --run-id RUN-009",
    };
    fs.writeFileSync(path.join(ws, LOCK), JSON.stringify(owner));
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
      env: { SEALED_RUN_LOCK_WAIT_S: "0" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${LOCK} is held by process 4242 on host audit-share-7 (user jrivera, since 2026-02-16T08:00:00.000Z, running "sealed-run export --run-id RUN-009"), which cannot be checked from this machine; waited 0 s; nothing was written. If no sealed-run is running on audit-share-7, remove ${LOCK} and run the command again.`,
    );
    expect(logRows(ws)).toEqual([]);
    expect(sealedFiles(ws)).toEqual([]);
  });

  it("a lock that is a symbolic link is refused and what it points at is left alone", async () => {
    const ws = makeWorkspace();
    fs.mkdirSync(path.join(ws, SEALED_DIR), { recursive: true });
    const victim = path.join(ws, "victim.txt");
    fs.writeFileSync(victim, "keep me");
    fs.symlinkSync(victim, path.join(ws, LOCK));
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${LOCK} is a symbolic link, not a lock sealed-run made; nothing was written.`,
    );
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
    expect(sealedFiles(ws)).toEqual([]);
  });
});
