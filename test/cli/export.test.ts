// `sealed-run export` end to end (CONTRACT §4, §6, §7): the sealed file, its name, its log entry,
// and what the other commands and the Python auditor say about it; a run is sealed once, a new
// version needs a reason, and an existing file is never overwritten.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CHECKS,
  cloneWorkspace,
  entryHash,
  EPOCH,
  LOG,
  logRows,
  makeWorkspace,
  parseJsonOutput,
  readSealed,
  REPO,
  removeWorkspaces,
  run,
  sealedFiles,
  sealedPath,
  sha256Hex,
  STAMP,
} from "./helpers";

const FIRST = `RUN-001_${STAMP}.json`;
const FIRST_PATH = sealedPath(FIRST);

let fixture: string; // RUN-001 sealed once at EPOCH by "J. Rivera" (triage-lead); never modified
let sealOutput: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  fixture = makeWorkspace();
  sealOutput = await run(
    fixture,
    [
      "export",
      "--run-id",
      "RUN-001",
      "--actor",
      "J. Rivera",
      "--role",
      "triage-lead",
    ],
    { epoch: EPOCH },
  );
});
afterAll(removeWorkspaces);

const bytes = (ws: string, rel: string) => fs.readFileSync(path.join(ws, rel));

describe("export RUN-001", () => {
  it("exits 0 and writes artifacts/sealed_runs/RUN-001_<export_timestamp>.json, named from SOURCE_DATE_EPOCH", () => {
    expect(sealOutput.stderr).toBe("");
    expect(sealOutput.code).toBe(0);
    expect(sealOutput.stdout).toContain(`sealed RUN-001 → ${FIRST_PATH}`);
    expect(sealedFiles(fixture)).toEqual([FIRST]);
    const doc = readSealed(fixture, FIRST_PATH);
    expect(doc.meta).toMatchObject({
      run_id: "RUN-001",
      export_timestamp: "2026-02-16T00:00:00Z",
      operator: "J. Rivera",
      workbook_version: "v2",
    });
    expect(doc.kpis).toEqual({
      summary_confidence_pct: 78,
      next_review_date: "2026-02-22",
    });
    expect(doc.authority_envelope).toMatchObject({
      actor: "J. Rivera",
      role: "triage-lead",
    });
    expect(
      doc.authority_envelope.refusal.checks_performed.map(
        (c: { check: string }) => c.check,
      ),
    ).toEqual(CHECKS);
    expect(doc.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sealOutput.stdout).toContain(doc.hash);
  });

  it("logs exactly one SEAL entry in PATCH_LOG.csv whose SealHash is the file's hash", () => {
    const doc = readSealed(fixture, FIRST_PATH);
    const rows = logRows(fixture);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      EntryID: "PL-000001",
      Timestamp: "2026-02-16T00:00:00Z",
      Action: "SEAL",
      RunID: "RUN-001",
      SealHash: doc.hash,
      FileName: FIRST,
      Actor: "J. Rivera",
      Field: "",
      OldValue: "",
      NewValue: "",
      Reason: "",
      PrevEntryHash: "",
    });
    expect(rows[0].EntryHash).toBe(entryHash(rows[0]));
    expect(doc.reconstruction.patch_log_head).toBe("");
  });

  it("without SOURCE_DATE_EPOCH names the file after the current UTC second", async () => {
    const ws = makeWorkspace();
    const before = Math.floor(Date.now() / 1000) * 1000;
    const r = await run(ws, ["export", "--run-id", "RUN-004"]);
    const after = Date.now();
    expect(r.code).toBe(0);
    const [name] = sealedFiles(ws);
    const m =
      /^RUN-004_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.json$/.exec(name);
    expect(m).not.toBeNull();
    const [, y, mo, d, h, mi, s] = m!;
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
    expect(readSealed(ws, sealedPath(name)).meta.export_timestamp).toBe(
      `${y}-${mo}-${d}T${h}:${mi}:${s}Z`,
    );
  });

  it("rejects a SOURCE_DATE_EPOCH that is not whole seconds (exit 2, nothing written)", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      env: { SOURCE_DATE_EPOCH: "soon" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH="soon"');
    expect(sealedFiles(ws)).toEqual([]);
  });
});

describe("the sealed file, read back", () => {
  it("replay --sealed exits 0 and prints one PASS line per rule, then the verdict", async () => {
    const r = await run(fixture, ["replay", "--sealed", FIRST_PATH]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    lines
      .slice(0, 6)
      .forEach((l, i) => expect(l).toMatch(new RegExp(`^PASS  ${i + 1}\\. `)));
    expect(lines[4]).toContain("re-derived");
    expect(lines[6]).toBe(`admissible: ${FIRST_PATH}`);
  });

  it("verify exits 0 and prints OK with the hash", async () => {
    const doc = readSealed(fixture, FIRST_PATH);
    const r = await run(fixture, ["verify", FIRST_PATH]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`OK    ${FIRST_PATH}  ${doc.hash}`);
  });

  it("canon prints exactly the hashed bytes: their SHA-256 is the seal's hex", async () => {
    const doc = readSealed(fixture, FIRST_PATH);
    const r = await run(fixture, ["canon", FIRST_PATH]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith("}")).toBe(true); // nothing after the bytes: `| sha256sum` must match
    expect(r.stdout).toContain('"hash":""');
    expect("sha256:" + sha256Hex(Buffer.from(r.stdout, "utf8"))).toBe(doc.hash);
  });

  it("the Python auditor's verifier (tools/verify_sealed_run.py) accepts it", () => {
    const doc = readSealed(fixture, FIRST_PATH);
    const stdout = execFileSync(
      "python3",
      [path.join(REPO, "tools/verify_sealed_run.py"), FIRST_PATH],
      { cwd: fixture, encoding: "utf8" },
    );
    expect(stdout).toContain(doc.hash);
  });
});

describe("--json gives one parseable document on every command", () => {
  it("export (sealed), export (refused), export (usage error)", async () => {
    const ws = cloneWorkspace(fixture);
    const sealed = await run(ws, ["export", "--run-id", "RUN-002", "--json"], {
      epoch: EPOCH,
    });
    expect(sealed.code).toBe(0);
    expect(parseJsonOutput(sealed)).toMatchObject({
      sealed: true,
      run_id: "RUN-002",
      file: sealedPath(`RUN-002_${STAMP}.json`),
    });

    const refused = await run(ws, ["export", "--run-id", "RUN-002", "--json"], {
      epoch: EPOCH + 1,
    });
    expect(refused.code).toBe(1);
    const j = parseJsonOutput(refused) as {
      sealed: boolean;
      reason: string;
      checks: Array<{ check: string; triggered: boolean }>;
    };
    expect(j.sealed).toBe(false);
    expect(j.reason).toBe("not_already_sealed");
    expect(j.checks.map((c) => c.check)).toEqual(CHECKS);

    const usage = await run(ws, ["export", "--json"]);
    expect(usage.code).toBe(2);
    const usageJson = parseJsonOutput(usage);
    expect(usageJson.exit_code).toBe(2);
    expect(usageJson.error).toEqual(
      expect.stringContaining("--run-id is required"),
    );
  });

  it("verify, replay, canon and patch", async () => {
    const ws = cloneWorkspace(fixture);
    const hash = readSealed(ws, FIRST_PATH).hash;
    const v = await run(ws, ["verify", FIRST_PATH, "--json"]);
    expect(v.code).toBe(0);
    expect(parseJsonOutput(v)).toEqual({
      results: [{ file: FIRST_PATH, status: "valid", hash }],
      summary: { valid: 1, invalid: 0, unreadable: 0 },
    });

    const rp = await run(ws, ["replay", "--sealed", FIRST_PATH, "--json"]);
    expect(rp.code).toBe(0);
    const rj = parseJsonOutput(rp) as {
      admissible: boolean;
      hash: string;
      rules: Array<{ status: string }>;
    };
    expect(rj.admissible).toBe(true);
    expect(rj.hash).toBe(hash);
    expect(rj.rules.map((x) => x.status)).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
      "pass",
      "pass",
    ]);

    const c = await run(ws, ["canon", FIRST_PATH, "--json"]);
    expect(c.code).toBe(0);
    const cj = parseJsonOutput(c) as { canonical: string };
    expect("sha256:" + sha256Hex(cj.canonical)).toBe(hash);

    const p = await run(ws, [
      "patch",
      "--sealed",
      FIRST_PATH,
      "--field",
      "kpis.summary_confidence_pct",
      "--new",
      "72",
      "--reason",
      "recheck",
      "--json",
    ]);
    expect(p.code).toBe(0);
    expect(parseJsonOutput(p)).toMatchObject({
      patched: true,
      log_entry: { Action: "PATCH", OldValue: "78", NewValue: "72" },
    });
  });
});

describe("a run is sealed once", () => {
  it("a second export of RUN-001 exits 1 (not_already_sealed), logs REFUSED and writes no file", async () => {
    const ws = cloneWorkspace(fixture);
    const hash = readSealed(ws, FIRST_PATH).hash;
    // A later second, so the refusal cannot be mistaken for the file-exists error.
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH + 60,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refused: not_already_sealed");
    expect(r.stderr).toContain(
      `✗ not_already_sealed: RUN-001 is already sealed (${hash}`,
    );
    expect(sealedFiles(ws)).toEqual([FIRST]);
    const rows = logRows(ws);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      EntryID: "PL-000002",
      Action: "REFUSED",
      RunID: "RUN-001",
      SealHash: "",
      FileName: "",
      Reason: "not_already_sealed",
      PrevEntryHash: rows[0].EntryHash,
    });
    expect(rows[1].EntryHash).toBe(entryHash(rows[1]));
    expect(bytes(ws, FIRST_PATH).equals(bytes(fixture, FIRST_PATH))).toBe(true);
  });

  it("--new-version --reason seals a new file whose not_already_sealed detail names the superseded hash", async () => {
    const ws = cloneWorkspace(fixture);
    const old = readSealed(ws, FIRST_PATH).hash;
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-001",
        "--new-version",
        "--reason",
        "corrected confidence",
      ],
      { epoch: EPOCH + 60 },
    );
    expect(r.code).toBe(0);
    const second = "RUN-001_20260216T000100Z.json";
    expect(sealedFiles(ws)).toEqual([FIRST, second]);
    const doc = readSealed(ws, sealedPath(second));
    const check = doc.authority_envelope.refusal.checks_performed.find(
      (c: { check: string }) => c.check === "not_already_sealed",
    );
    expect(check).toEqual({
      check: "not_already_sealed",
      triggered: false,
      detail: `supersedes ${old}; reason: corrected confidence`,
    });
    const rows = logRows(ws);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      Action: "SEAL",
      RunID: "RUN-001",
      SealHash: doc.hash,
      FileName: second,
      Reason: "corrected confidence",
    });
    expect(doc.reconstruction.patch_log_head).toBe(rows[0].EntryHash);
    expect(bytes(ws, FIRST_PATH).equals(bytes(fixture, FIRST_PATH))).toBe(true);
    expect(
      (await run(ws, ["replay", "--sealed", sealedPath(second)])).code,
    ).toBe(0);
  });

  it("--new-version without --reason, or --reason alone, is bad usage (exit 2) and changes nothing", async () => {
    const ws = cloneWorkspace(fixture);
    const log = bytes(ws, LOG);
    const noReason = await run(
      ws,
      ["export", "--run-id", "RUN-001", "--new-version"],
      { epoch: EPOCH + 60 },
    );
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("--new-version needs --reason");
    expect(noReason.stderr).toContain("usage:");
    const blank = await run(
      ws,
      ["export", "--run-id", "RUN-001", "--new-version", "--reason", "  "],
      { epoch: EPOCH + 60 },
    );
    expect(blank.code).toBe(2);
    const reasonOnly = await run(
      ws,
      ["export", "--run-id", "RUN-001", "--reason", "why"],
      { epoch: EPOCH + 60 },
    );
    expect(reasonOnly.code).toBe(2);
    expect(reasonOnly.stderr).toContain("--reason goes with --new-version");
    expect(sealedFiles(ws)).toEqual([FIRST]);
    expect(bytes(ws, LOG).equals(log)).toBe(true);
  });

  it("a --reason too long for one log cell → exit 1 naming the limit, no new file", async () => {
    const ws = cloneWorkspace(fixture);
    const log = bytes(ws, LOG);
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-001",
        "--new-version",
        "--reason",
        "y".repeat(40000),
      ],
      { epoch: EPOCH + 60 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Reason of PL-000002 would be 40000 characters; a cell holds at most 32767",
    );
    expect(sealedFiles(ws)).toEqual([FIRST]);
    expect(bytes(ws, LOG).equals(log)).toBe(true);
  });

  it("not_already_sealed still triggers from the sealed file when PATCH_LOG.csv was deleted", async () => {
    const ws = cloneWorkspace(fixture);
    fs.rmSync(path.join(ws, LOG));
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH + 60,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /✗ not_already_sealed: .*RUN-001_20260216T000000Z\.json/,
    );
    expect(sealedFiles(ws)).toEqual([FIRST]);
    expect(logRows(ws).map((e) => [e.Action, e.Reason])).toEqual([
      ["REFUSED", "not_already_sealed"],
    ]);
  });

  it("a seal in artifacts/sealed_runs/ also counts when --out points elsewhere", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-001", "--out", "elsewhere/RUN-001.json"],
      { epoch: EPOCH + 60 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not_already_sealed");
    expect(fs.existsSync(path.join(ws, "elsewhere/RUN-001.json"))).toBe(false);
  });
});

describe("a file is never overwritten (exit 3)", () => {
  it("--out naming an existing file exits 3, leaves it byte-identical and logs nothing", async () => {
    const ws = cloneWorkspace(fixture);
    const notes = path.join(ws, "notes/RUN-002.json");
    fs.mkdirSync(path.dirname(notes));
    fs.writeFileSync(notes, "my own notes, not a seal\n");
    const log = bytes(ws, LOG);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-002", "--out", "notes/RUN-002.json"],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("notes/RUN-002.json already exists");
    expect(fs.readFileSync(notes, "utf8")).toBe("my own notes, not a seal\n");
    expect(fs.existsSync(path.join(ws, "notes/PATCH_LOG.csv"))).toBe(false);
    expect(bytes(ws, LOG).equals(log)).toBe(true);
  });

  it("--out naming another run's seal exits 3 and leaves that seal and the log as they were", async () => {
    const ws = cloneWorkspace(fixture);
    const log = bytes(ws, LOG);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-002", "--out", FIRST_PATH, "--json"],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(3);
    expect(parseJsonOutput(r)).toEqual({
      sealed: false,
      reason: "output exists",
      file: FIRST_PATH,
    });
    expect(bytes(ws, FIRST_PATH).equals(bytes(fixture, FIRST_PATH))).toBe(true);
    expect(bytes(ws, LOG).equals(log)).toBe(true);
  });

  it("--out to a new path seals there, with its own PATCH_LOG.csv beside it", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-002", "--out", "elsewhere/run2.json"],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    const doc = readSealed(ws, "elsewhere/run2.json");
    expect(doc.meta.run_id).toBe("RUN-002");
    const log = fs.readFileSync(
      path.join(ws, "elsewhere/PATCH_LOG.csv"),
      "utf8",
    );
    expect(log).toContain(`"SEAL","RUN-002","${doc.hash}","run2.json"`);
  });

  it("the file name is taken by a file that is not a seal: exit 3, nothing written or logged", async () => {
    const ws = cloneWorkspace(fixture);
    const taken = sealedPath(`RUN-002_${STAMP}.json`);
    fs.writeFileSync(
      path.join(ws, taken),
      '{"note": "reserved for RUN-002"}\n',
    );
    const log = bytes(ws, LOG);
    const r = await run(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `warning: ${taken} is not counted as a seal: no hash member`,
    );
    expect(r.stderr).toContain(`${taken} already exists`);
    expect(fs.readFileSync(path.join(ws, taken), "utf8")).toBe(
      '{"note": "reserved for RUN-002"}\n',
    );
    expect(bytes(ws, LOG).equals(log)).toBe(true);
  });

  it("the same SOURCE_DATE_EPOCH twice without --new-version is refused before any write (refusal checks come first)", async () => {
    const ws = cloneWorkspace(fixture);
    fs.rmSync(path.join(ws, LOG));
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not_already_sealed");
    expect(bytes(ws, FIRST_PATH).equals(bytes(fixture, FIRST_PATH))).toBe(true);
  });
});
