// The sealed-runs folder as a hostile colleague on a shared drive leaves it: links planted where
// the CLI writes, notes and junk among the seals, the log's newest entry deleted.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  chainProblems,
  EPOCH,
  LOG,
  logRows,
  makeWorkspace,
  parseJsonOutput,
  readSealed,
  removeWorkspaces,
  run,
  SEALED_DIR,
  sealedFiles,
  sealedPath,
  STAMP,
} from "./helpers";

afterAll(removeWorkspaces);

function victimBeside(ws: string): string {
  const victim = path.join(ws, "outside", "victim.txt");
  fs.mkdirSync(path.dirname(victim), { recursive: true });
  fs.writeFileSync(victim, "keep me");
  return victim;
}

/** Sealed RUN-001 and RUN-002, in that order. */
async function twoSeals(): Promise<string> {
  const ws = makeWorkspace();
  for (const id of ["RUN-001", "RUN-002"])
    expect(
      (await run(ws, ["export", "--run-id", id], { epoch: EPOCH })).code,
    ).toBe(0);
  return ws;
}

describe("no write through a planted link", () => {
  it("links planted at the log's next temporary names (the old `PATCH_LOG.csv.<pid>.tmp`) are never written through", async () => {
    const ws = await twoSeals();
    const victim = victimBeside(ws);
    // The next process ids this machine hands out: the old name was predictable from them.
    const last = Number(
      fs.readFileSync("/proc/sys/kernel/ns_last_pid", "utf8"),
    );
    for (let pid = last + 1; pid <= last + 400; pid++)
      fs.symlinkSync(victim, path.join(ws, `${LOG}.${pid}.tmp`));
    const r = await run(ws, ["export", "--run-id", "RUN-003"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
    expect(fs.lstatSync(path.join(ws, LOG)).isFile()).toBe(true);
    expect(chainProblems(logRows(ws))).toEqual([]);
    expect(logRows(ws)).toHaveLength(3);
  });

  it("a PATCH_LOG.csv that is itself a link is refused, and neither it nor its target is changed", async () => {
    const ws = await twoSeals();
    const victim = victimBeside(ws);
    const realLog = path.join(ws, "outside", "PATCH_LOG.csv");
    fs.renameSync(path.join(ws, LOG), realLog);
    fs.symlinkSync(realLog, path.join(ws, LOG));
    const before = fs.readFileSync(realLog);
    for (const args of [
      ["export", "--run-id", "RUN-003"],
      [
        "patch",
        "--sealed",
        sealedPath(`RUN-001_${STAMP}.json`),
        "--field",
        "kpis.summary_confidence_pct",
        "--new",
        "70",
        "--reason",
        "r",
      ],
    ]) {
      const r = await run(ws, args, { epoch: EPOCH });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `PATCH_LOG.csv is a symbolic link; sealed-run never writes through a link (replace it with the file itself)`,
      );
    }
    expect(fs.lstatSync(path.join(ws, LOG)).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(realLog).equals(before)).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
    expect(sealedFiles(ws, "RUN-003")).toEqual([]);
  });

  it("a link planted at the sealed file's name is not written through (exit 3)", async () => {
    const ws = makeWorkspace();
    const victim = victimBeside(ws);
    fs.mkdirSync(path.join(ws, SEALED_DIR), { recursive: true });
    const name = sealedPath(`RUN-001_${STAMP}.json`);
    fs.symlinkSync(victim, path.join(ws, name));
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `warning: ${name} is not counted as a seal: it is not a regular file (a link or a folder)`,
    );
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
    expect(logRows(ws)).toEqual([]);
  });

  it("an export leaves no temporary file behind, and its files appear whole", async () => {
    const ws = await twoSeals();
    expect(fs.readdirSync(path.join(ws, SEALED_DIR)).sort()).toEqual([
      "PATCH_LOG.csv",
      ...sealedFiles(ws),
    ]);
  });
});

describe("only verified seals count as seals", () => {
  it("a note in the folder that names a run does not block its export; it is skipped with a warning naming it", async () => {
    const ws = makeWorkspace();
    fs.mkdirSync(path.join(ws, SEALED_DIR), { recursive: true });
    fs.writeFileSync(
      path.join(ws, SEALED_DIR, "notes.json"),
      JSON.stringify({
        meta: { run_id: "RUN-001" },
        hash: "sha256:" + "0".repeat(64),
      }),
    );
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^warning: ${SEALED_DIR}/notes.json is not counted as a seal: hash mismatch`,
        "m",
      ),
    );
    expect(sealedFiles(ws, "RUN-001")).toEqual([`RUN-001_${STAMP}.json`]);
  });

  it("junk that claims a log head no longer in the log does not break patch_log_intact", async () => {
    const ws = await twoSeals();
    fs.writeFileSync(
      path.join(ws, SEALED_DIR, "junk.json"),
      JSON.stringify({
        reconstruction: { patch_log_head: "sha256:" + "e".repeat(64) },
      }),
    );
    fs.writeFileSync(path.join(ws, SEALED_DIR, "broken.json"), "{ not json");
    const r = await run(ws, ["export", "--run-id", "RUN-003", "--json"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(0);
    expect(parseJsonOutput(r).warnings).toEqual([
      `${SEALED_DIR}/broken.json is not counted as a seal: line 1, column 3 ($): expected a member name in double quotes`,
      `${SEALED_DIR}/junk.json is not counted as a seal: no hash member`,
    ]);
  });

  it("a tampered copy of a seal does not count as a seal of its run", async () => {
    const ws = makeWorkspace();
    expect(
      (await run(ws, ["export", "--run-id", "RUN-001"], { epoch: EPOCH })).code,
    ).toBe(0);
    const doc = readSealed(ws, sealedPath(`RUN-001_${STAMP}.json`));
    doc.meta.run_id = "RUN-002";
    fs.writeFileSync(
      path.join(ws, SEALED_DIR, "RUN-002_copy.json"),
      JSON.stringify(doc),
    );
    const r = await run(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "RUN-002_copy.json is not counted as a seal: hash mismatch",
    );
  });
});

describe("a deleted newest entry shows", () => {
  const dropLastLine = (ws: string) => {
    const lines = fs.readFileSync(path.join(ws, LOG), "utf8").split("\r\n");
    fs.writeFileSync(
      path.join(ws, LOG),
      lines.slice(0, -2).join("\r\n") + "\r\n",
    );
  };

  it("deleting the last SEAL line fails patch_log_intact on the next export, naming the seal and the entry", async () => {
    const ws = await twoSeals();
    dropLastLine(ws);
    expect(chainProblems(logRows(ws))).toEqual([]); // the chain alone cannot tell
    const r = await run(ws, ["export", "--run-id", "RUN-003"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `✗ gate patch_log_intact: RUN-002_${STAMP}.json is a valid seal (sha256:`,
    );
    expect(r.stderr).toContain(
      "but the log has no SEAL entry for it (it should follow PL-000001 (row 1 of the log), the head it recorded)",
    );
    expect(sealedFiles(ws, "RUN-003")).toEqual([]);
  });

  it("a patch is refused too, and nothing is appended", async () => {
    const ws = await twoSeals();
    dropLastLine(ws);
    const log = fs.readFileSync(path.join(ws, LOG));
    const r = await run(ws, [
      "patch",
      "--sealed",
      sealedPath(`RUN-001_${STAMP}.json`),
      "--field",
      "kpis.summary_confidence_pct",
      "--new",
      "70",
      "--reason",
      "r",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `PATCH_LOG is broken, nothing was recorded: RUN-002_${STAMP}.json is a valid seal`,
    );
    expect(fs.readFileSync(path.join(ws, LOG)).equals(log)).toBe(true);
  });

  it("deleting the last two lines shows as a cut: a kept seal's head is gone", async () => {
    const ws = await twoSeals();
    expect(
      (await run(ws, ["export", "--run-id", "RUN-003"], { epoch: EPOCH })).code,
    ).toBe(0);
    dropLastLine(ws);
    dropLastLine(ws);
    const r = await run(ws, ["export", "--run-id", "RUN-004"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /✗ gate patch_log_intact: RUN-00[23]_\S+ (is a valid seal|names log head)/,
    );
  });
});
