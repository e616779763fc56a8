// `sealed-run verify` (CONTRACT §2: is the hash valid?) and `sealed-run replay` (§5: is the file
// admissible?) on damaged, forged and missing files, with the exit codes of §7.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { canonicalize, sha256Tagged } from "../../src/core";
import {
  cloneWorkspace,
  EPOCH,
  makeWorkspace,
  parseJsonOutput,
  parseSealed,
  readSealed,
  removeWorkspaces,
  run,
  sealedFiles,
  sealedPath,
  STAMP,
} from "./helpers";

const SEAL = sealedPath(`RUN-001_${STAMP}.json`);

let fixture: string; // RUN-001, RUN-002, RUN-003 sealed at EPOCH; never modified
let sealText: string;

beforeAll(async () => {
  fixture = makeWorkspace();
  for (const id of ["RUN-001", "RUN-002", "RUN-003"]) {
    const r = await run(fixture, ["export", "--run-id", id], { epoch: EPOCH });
    if (r.code !== 0)
      throw new Error(`fixture: export ${id} exited ${r.code}: ${r.stderr}`);
  }
  sealText = fs.readFileSync(path.join(fixture, SEAL), "utf8");
});
afterAll(removeWorkspaces);

/** The seal with 78 changed to 79 in its text, the hash left as it was. */
function tamperedText(): string {
  const text = sealText.replace(
    '"summary_confidence_pct": 78',
    '"summary_confidence_pct": 79',
  );
  expect(text).not.toBe(sealText); // the edit really happened
  return text;
}

function put(ws: string, rel: string, content: string | Buffer): string {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), content);
  return rel;
}

describe("verify: one file each, invalid → exit 1 with the reason", () => {
  it.each<[string, () => string | Buffer, RegExp]>([
    [
      "text that is not JSON",
      () => "this is not a seal\n",
      /not a seal\.json: line 1, column 1 \(\$\): not JSON/,
    ],
    [
      "bytes that are not UTF-8",
      () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      /not UTF-8/,
    ],
    [
      "truncated JSON",
      () => sealText.slice(0, 200),
      /line \d+, column \d+ .*unterminated string/,
    ],
    ["a byte order mark", () => "\ufeff" + sealText, /byte order mark/],
    [
      "a duplicate member name",
      () => sealText.replace("{", '{\n  "schema_version": "1.0",'),
      /repeated member name "schema_version"/,
    ],
    [
      "a value edited after sealing (78 → 79)",
      tamperedText,
      /hash mismatch: the file says sha256:[0-9a-f]{64} but its content hashes to sha256:[0-9a-f]{64}/,
    ],
    [
      "a top level that is not an object",
      () => "[1, 2]",
      /top level is an array/,
    ],
  ])("%s", async (_label, content, reason) => {
    const ws = cloneWorkspace(fixture);
    const file = put(ws, "suspect/not a seal.json", content());
    const r = await run(ws, ["verify", file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`FAIL  ${file}: `)).toBe(true);
    expect(lines[0]).toMatch(reason);
  });

  it("the auditor's Python verifier also rejects the edited value", () => {
    const ws = cloneWorkspace(fixture);
    const file = put(ws, "tampered.json", tamperedText());
    const r = spawnSync(
      "python3",
      [path.resolve(__dirname, "../../tools/verify_sealed_run.py"), file],
      { cwd: ws, encoding: "utf8" },
    );
    expect(r.status).toBe(1);
  });
});

describe("verify: paths that cannot be read → exit 2", () => {
  it("a missing file", async () => {
    const r = await run(fixture, [
      "verify",
      "artifacts/sealed_runs/RUN-404.json",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      "ERROR artifacts/sealed_runs/RUN-404.json: cannot read artifacts/sealed_runs/RUN-404.json: no such file",
    );
  });

  it("a glob that matches nothing", async () => {
    const r = await run(fixture, [
      "verify",
      "artifacts/sealed_runs/RUN-9*.json",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      "no file matches artifacts/sealed_runs/RUN-9*.json",
    );
  });

  it("no argument at all is bad usage", async () => {
    const r = await run(fixture, ["verify"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("verify needs at least one FILE, DIR or GLOB");
  });
});

describe("verify: many files, one line each and a summary", () => {
  it("a folder of 3 valid seals and 1 tampered → exit 1, naming the tampered file", async () => {
    const ws = cloneWorkspace(fixture);
    put(ws, sealedPath("RUN-001_copy_tampered.json"), tamperedText());
    const r = await run(ws, ["verify", "artifacts/sealed_runs"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    const files = sealedFiles(ws);
    expect(files).toHaveLength(4);
    for (const f of files) {
      const line = lines.find((l) => l.includes(f))!;
      if (f.includes("tampered"))
        expect(line).toMatch(
          /^FAIL {2}.*RUN-001_copy_tampered\.json: hash mismatch/,
        );
      else
        expect(line).toBe(
          `OK    ${path.join("artifacts/sealed_runs", f)}  ${readSealed(ws, sealedPath(f)).hash}`,
        );
    }
    expect(lines[4]).toBe("3 valid, 1 invalid, 0 unreadable");
  });

  it("the same through a glob, with --json", async () => {
    const ws = cloneWorkspace(fixture);
    put(ws, sealedPath("RUN-001_copy_tampered.json"), tamperedText());
    const r = await run(ws, [
      "verify",
      "artifacts/sealed_runs/*.json",
      "--json",
    ]);
    expect(r.code).toBe(1);
    const j = parseJsonOutput(r) as {
      results: Array<{ file: string; status: string }>;
      summary: unknown;
    };
    expect(j.summary).toEqual({ valid: 3, invalid: 1, unreadable: 0 });
    expect(
      j.results.filter((x) => x.status === "invalid").map((x) => x.file),
    ).toEqual(["artifacts/sealed_runs/RUN-001_copy_tampered.json"]);
  });

  it("an invalid file and a missing one → exit 2 (unreadable wins), both reported", async () => {
    const ws = cloneWorkspace(fixture);
    const bad = put(ws, "tampered.json", tamperedText());
    const r = await run(ws, ["verify", bad, "gone.json", SEAL]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^FAIL {2}tampered\.json: hash mismatch/);
    expect(lines[1]).toBe(
      "ERROR gone.json: cannot read gone.json: no such file",
    );
    expect(lines[2]).toMatch(new RegExp(`^OK    ${SEAL}`));
    expect(lines[3]).toBe("1 valid, 1 invalid, 1 unreadable");
  });
});

describe("replay", () => {
  const ruleLine = (stdout: string, n: number) =>
    stdout
      .split("\n")
      .find((l) => new RegExp(`^(PASS|FAIL|SKIP)  ${n}\\. `).test(l))!;

  it("an edited value fails rule 1 (strict read and hash): exit 1, INADMISSIBLE", async () => {
    const ws = cloneWorkspace(fixture);
    const file = put(ws, "tampered.json", tamperedText());
    const r = await run(ws, ["replay", "--sealed", file]);
    expect(r.code).toBe(1);
    expect(ruleLine(r.stdout, 1)).toMatch(
      /^FAIL {2}1\. strict read and hash: hash mismatch/,
    );
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(`INADMISSIBLE: ${file}`);
  });

  it("a forged seal (top_risks changed, hash recomputed) passes verify but fails the reconstruction rule", async () => {
    const ws = cloneWorkspace(fixture);
    const doc = parseSealed(sealText, "the sealed fixture");
    doc.top_risks[0] = "Nothing to worry about";
    doc.hash = "";
    doc.hash = await sha256Tagged(canonicalize(doc));
    const file = put(ws, "forged.json", JSON.stringify(doc, null, 2) + "\n");

    const v = await run(ws, ["verify", file]);
    expect(v.code).toBe(0); // the hash alone cannot tell: that is replay's job

    const r = await run(ws, ["replay", "--sealed", file]);
    expect(r.code).toBe(1);
    expect(ruleLine(r.stdout, 1)).toMatch(/^PASS {2}1\. /);
    expect(ruleLine(r.stdout, 5)).toMatch(
      /^FAIL {2}5\. fields re-derived from the source row: .*top_risks/,
    );
    expect(ruleLine(r.stdout, 6)).toMatch(/^PASS {2}6\. /);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(`INADMISSIBLE: ${file}`);
  });

  it("a missing path exits 2 and names it", async () => {
    const r = await run(fixture, [
      "replay",
      "--sealed",
      "artifacts/sealed_runs/RUN-404.json",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "cannot read artifacts/sealed_runs/RUN-404.json: no such file",
    );
  });

  it("a folder given as --sealed exits 2", async () => {
    const r = await run(fixture, [
      "replay",
      "--sealed",
      "artifacts/sealed_runs",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("artifacts/sealed_runs: is a folder");
  });

  it("without --sealed is bad usage", async () => {
    const r = await run(fixture, ["replay"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--sealed is required");
  });
});

describe("canon", () => {
  it("on a file that is not JSON exits 1 naming the file; on a missing file exits 2", async () => {
    const ws = cloneWorkspace(fixture);
    const file = put(ws, "junk.json", "{oops");
    const bad = await run(ws, ["canon", file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("junk.json: line 1, column 2");
    const missing = await run(ws, ["canon", "gone.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read gone.json");
  });
});
