// `sealed-run log` and the Python verifier's `--log` (issue 13): the auditor's check of a
// PATCH_LOG on its own. Every tampered log here is made by hand from a log the CLI wrote, and both
// checkers must give the same verdict (kind and entry) on it.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  cloneWorkspace,
  entryHash,
  EPOCH,
  LOG,
  LOG_COLUMNS,
  logRows,
  makeWorkspace,
  parseJsonOutput,
  removeWorkspaces,
  run,
  sealedPath,
  STAMP,
  SEALED_DIR,
} from "./helpers";

const PY_VERIFIER = path.resolve(__dirname, "../../tools/verify_sealed_run.py");

let fixture: string; // RUN-001..RUN-003 sealed, one REFUSED, one PATCH: five entries
beforeAll(async () => {
  fixture = makeWorkspace();
  for (const [args, epoch] of [
    [["export", "--run-id", "RUN-001"], EPOCH],
    [["export", "--run-id", "RUN-002"], EPOCH],
    [["export", "--run-id", "RUN-001"], EPOCH + 60], // refused: already sealed
    [["export", "--run-id", "RUN-003"], EPOCH],
    [
      [
        "patch",
        "--sealed",
        sealedPath(`RUN-001_${STAMP}.json`),
        "--field",
        "top_risks[0]",
        "--new",
        "=cmd|calc",
        "--reason",
        "recheck",
      ],
      EPOCH + 120,
    ],
  ] as const) {
    const r = await run(fixture, [...args], { epoch });
    if (![0, 1].includes(r.code))
      throw new Error(
        `fixture: ${args.join(" ")} exited ${r.code}: ${r.stderr}`,
      );
  }
  expect(logRows(fixture).map((e) => e.Action)).toEqual([
    "SEAL",
    "SEAL",
    "REFUSED",
    "SEAL",
    "PATCH",
  ]);
});
afterAll(removeWorkspaces);

type Row = Record<string, string>;
const quote = (v: string) => '"' + v.replace(/"/g, '""') + '"';
function writeLog(ws: string, rows: Row[]): void {
  const lines = [
    LOG_COLUMNS.map(quote).join(","),
    ...rows.map((r) => LOG_COLUMNS.map((c) => quote(r[c])).join(",")),
  ];
  fs.writeFileSync(path.join(ws, LOG), lines.join("\r\n") + "\r\n");
}
const unguard = (v: string) => (/^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v);
/** A well-formed entry (its hash recomputed) after `prev`, numbered `n`. */
function forge(fields: Partial<Row>, prev: string, n: number): Row {
  const e: Row = Object.fromEntries(LOG_COLUMNS.map((c) => [c, ""]));
  Object.assign(
    e,
    {
      Timestamp: "2026-02-16T05:00:00Z",
      Action: "REFUSED",
      RunID: "RUN-009",
      Actor: "mallory",
      Reason: "run_id_valid",
    },
    fields,
  );
  e.EntryID = `PL-${String(n).padStart(6, "0")}`;
  e.PrevEntryHash = prev;
  e.EntryHash = entryHash(
    Object.fromEntries(Object.entries(e).map(([k, v]) => [k, unguard(v)])),
  );
  return e;
}

function python(ws: string, ...args: string[]) {
  const r = spawnSync("python3", [PY_VERIFIER, "--log", ...args], {
    cwd: ws,
    encoding: "utf8",
  });
  if (r.error) throw r.error;
  return r;
}

interface Verdict {
  code: number;
  kind: string | null;
  entry: string | null;
  unlogged: string[];
  missing: string[];
}

/** What `log --json` (ours and the Python checker's) reports, as far as these tests read it. */
interface LogReport {
  chain: {
    intact: boolean;
    first_break?: { kind: string; entry_id: string } | null;
  };
  actions: Record<string, number>;
  entries: number;
  head: string;
  seals_checked?: number;
  unlogged_seals: { file: string }[];
  missing_seal_files?: { entry_id: string }[];
}

/** The report's frame checked before its members are read; the tests compare the rest. */
function asLogReport(j: unknown): LogReport {
  const has = (k: string) => typeof j === "object" && j !== null && k in j;
  if (!["chain", "actions", "entries", "unlogged_seals"].every(has))
    throw new Error(`not a log report: ${JSON.stringify(j)}`);
  return j as LogReport;
}

/** Both checkers on the same log; their --json verdicts must agree. */
async function bothCheck(
  ws: string,
  sealArgs: string[] = [],
): Promise<Verdict> {
  const cli = await run(ws, [
    "log",
    LOG,
    ...(sealArgs.length ? ["--seals", ...sealArgs] : []),
    "--json",
  ]);
  const py = python(ws, LOG, ...sealArgs, "--json");
  expect(py.stderr).toBe("");
  if (!cli.stdout.includes("chain"))
    throw new Error(`log exited ${cli.code}: ${cli.stdout} ${cli.stderr}`);
  const a = asLogReport(parseJsonOutput(cli));
  const b = asLogReport(JSON.parse(py.stdout));
  const verdict = (j: LogReport, code: number): Verdict => ({
    code,
    kind: j.chain.first_break?.kind ?? null,
    entry: j.chain.first_break?.entry_id ?? null,
    unlogged: j.unlogged_seals.map((u) => path.basename(u.file)),
    missing: (j.missing_seal_files ?? []).map((m) => m.entry_id),
  });
  const v = verdict(a, cli.code);
  expect(verdict(b, py.status!)).toEqual(v);
  // Same messages, same counts: one account of the log whichever tool the auditor runs.
  expect(b.chain).toEqual(a.chain);
  expect(b.actions).toEqual(a.actions);
  expect(b.entries).toBe(a.entries);
  expect(b.head).toBe(a.head);
  return v;
}

describe("an intact log", () => {
  it("is intact, with the actions counted and every seal cross-checked (exit 0)", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(ws, ["log", LOG, "--seals", SEALED_DIR]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${LOG}: 5 entries, head sha256:`);
    expect(r.stdout).toContain("actions  SEAL 3, PATCH 1, REFUSED 1");
    expect(r.stdout).toContain("chain    intact");
    expect(r.stdout).toContain(
      "seals    3 sealed files checked, 0 without a SEAL entry, 0 SEAL entries without their file",
    );
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(`OK: ${LOG}`);
    expect(await bothCheck(ws, [SEALED_DIR])).toEqual({
      code: 0,
      kind: null,
      entry: null,
      unlogged: [],
      missing: [],
    });
  });

  it("needs no seals to check the chain alone", async () => {
    expect(await bothCheck(cloneWorkspace(fixture))).toEqual({
      code: 0,
      kind: null,
      entry: null,
      unlogged: [],
      missing: [],
    });
  });
});

describe("a tampered log: the same first break from the CLI and from Python", () => {
  const cases: [string, (rows: Row[]) => Row[], string, string][] = [
    [
      "a cell edited (a reason changed)",
      (r) => ((r[1].Reason = "edited later"), r),
      "edited",
      "PL-000002",
    ],
    [
      "an entry hash edited to match nothing",
      (r) => ((r[2].EntryHash = "sha256:" + "0".repeat(64)), r),
      "edited",
      "PL-000003",
    ],
    [
      "an entry deleted in the middle",
      (r) => r.filter((_, i) => i !== 2),
      "deleted",
      "PL-000004",
    ],
    ["the first entry deleted", (r) => r.slice(1), "deleted", "PL-000002"],
    [
      "two entries swapped",
      (r) => [r[0], r[2], r[1], r[3], r[4]],
      "reordered",
      "PL-000003",
    ],
    [
      "a copy of an entry inserted",
      (r) => [r[0], r[1], r[1], r[2], r[3], r[4]],
      "inserted",
      "PL-000002",
    ],
    [
      "a forged entry inserted with a correct hash",
      (r) => [r[0], r[1], forge({}, r[1].EntryHash, 3), ...r.slice(2)],
      "forked",
      "PL-000003",
    ],
    [
      "a fork: two entries follow the same one",
      (r) => [...r, forge({}, r[3].EntryHash, 6)],
      "forked",
      "PL-000006",
    ],
    [
      "an EntryID renumbered",
      (r) => [...r, forge({}, r[4].EntryHash, 9)],
      "inserted",
      "PL-000009",
    ],
    [
      "an unknown action",
      (r) => ((r[0].Action = "DELETE"), r),
      "malformed",
      "PL-000001",
    ],
  ];
  it.each(cases)("%s", async (_what, tamper, kind, entry) => {
    const ws = cloneWorkspace(fixture);
    writeLog(ws, tamper(logRows(ws)));
    const v = await bothCheck(ws);
    expect(v).toMatchObject({ code: 1, kind, entry });
    const r = await run(ws, ["log", LOG]);
    expect(r.stdout).toMatch(
      new RegExp(`chain    BROKEN at ${entry}: ${kind}: `),
    );
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(`FAIL: ${LOG}`);
  });

  it("a cut tail shows against a seal's patch_log_head only (the chain alone looks whole)", async () => {
    const ws = cloneWorkspace(fixture);
    writeLog(ws, logRows(ws).slice(0, 2)); // RUN-003's seal recorded PL-000003 as its head
    expect((await bothCheck(ws)).code).toBe(0);
    const v = await bothCheck(ws, [SEALED_DIR]);
    expect(v).toEqual({
      code: 1,
      kind: "cut",
      entry: "",
      unlogged: [`RUN-003_${STAMP}.json`],
      missing: [],
    });
    const r = await run(ws, ["log", LOG, "--seals", SEALED_DIR]);
    expect(r.stdout).toMatch(
      /chain {4}BROKEN at the end of the log: cut: .*RUN-003_20260216T000000Z\.json names log head sha256:[0-9a-f]{64}, which is no longer in the log/,
    );
    expect(r.stdout).toContain(
      `UNLOGGED ${SEALED_DIR}/RUN-003_${STAMP}.json: the log has no SEAL entry for run RUN-003`,
    );
  });
});

describe("seals cross-checked against the log", () => {
  it("names a SEAL entry whose sealed file was not given", async () => {
    const ws = cloneWorkspace(fixture);
    fs.rmSync(path.join(ws, sealedPath(`RUN-002_${STAMP}.json`)));
    expect(await bothCheck(ws, [SEALED_DIR])).toEqual({
      code: 1,
      kind: null,
      entry: null,
      unlogged: [],
      missing: ["PL-000002"],
    });
    const r = await run(ws, ["log", LOG, "--seals", SEALED_DIR]);
    expect(r.stdout).toMatch(
      /MISSING {2}PL-000002 SEAL of RUN-002 \(RUN-002_20260216T000000Z\.json, sha256:[0-9a-f]{64}\): that sealed file is not among those given/,
    );
  });

  it("names a sealed file that no SEAL entry names, and says whether its run has other seals", async () => {
    const ws = cloneWorkspace(fixture);
    const rows = logRows(ws);
    rows[0].SealHash = rows[0].SealHash.replace(/.$/, (c) =>
      c === "0" ? "1" : "0",
    );
    // Re-chain it all, as a deliberate editor would: the chain alone then looks whole.
    let prev = "";
    const rechained = rows.map((r, i) => {
      const e = forge({ ...r }, prev, i + 1);
      prev = e.EntryHash;
      return e;
    });
    writeLog(ws, rechained);
    const seal1 = sealedPath(`RUN-001_${STAMP}.json`);
    const v = await bothCheck(ws, [seal1, sealedPath(`RUN-002_${STAMP}.json`)]);
    // RUN-002's seal, held outside the log, recorded the head of the chain as it was: rewritten,
    // the chain no longer holds it.
    expect(v).toMatchObject({
      code: 1,
      kind: "cut",
      unlogged: [`RUN-001_${STAMP}.json`],
    });
    expect((await bothCheck(ws, [seal1])).kind).toBeNull(); // RUN-001 was sealed on an empty log
    const r = await run(ws, ["log", LOG, "--seals", seal1]);
    expect(r.stdout).toContain(
      `UNLOGGED ${seal1}: no SEAL entry names its hash`,
    );
  });

  it("reports a seal that does not verify as invalid (exit 1), an unreadable one with exit 2", async () => {
    const ws = cloneWorkspace(fixture);
    const bad = path.join(ws, SEALED_DIR, "bad.json");
    fs.writeFileSync(bad, "{}");
    let r = await run(ws, ["log", LOG, "--seals", `${SEALED_DIR}/bad.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `INVALID  ${SEALED_DIR}/bad.json: no hash member`,
    );
    r = await run(ws, ["log", LOG, "--seals", `${SEALED_DIR}/none.json`]);
    expect(r.code).toBe(2);
    expect(python(ws, LOG, `${SEALED_DIR}/none.json`).status).toBe(2);
  });

  it("skips signature envelopes (*.intoto.json) in a folder", async () => {
    const ws = cloneWorkspace(fixture);
    fs.writeFileSync(
      path.join(ws, SEALED_DIR, `RUN-001_${STAMP}.json.intoto.json`),
      "{}",
    );
    expect((await bothCheck(ws, [SEALED_DIR])).code).toBe(0);
  });
});

describe("bad paths and layouts", () => {
  it("a missing log is exit 2 (not an empty log), for both", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(ws, ["log", "nope.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read nope.csv: no such file");
    expect(
      spawnSync("python3", [PY_VERIFIER, "--log", "nope.csv"], { cwd: ws })
        .status,
    ).toBe(2);
  });

  it("a CSV of another layout is refused by name", async () => {
    const ws = cloneWorkspace(fixture);
    fs.writeFileSync(path.join(ws, "other.csv"), "a,b\r\n1,2\r\n");
    const r = await run(ws, ["log", "other.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other\.csv has columns a, b; expected EntryID/);
    const py = spawnSync("python3", [PY_VERIFIER, "--log", "other.csv"], {
      cwd: ws,
      encoding: "utf8",
    });
    expect(py.status).toBe(2);
    expect(py.stderr).toMatch(/other\.csv has columns a, b; expected EntryID/);
  });

  it("needs exactly one log", async () => {
    const r = await run(cloneWorkspace(fixture), ["log"]);
    expect(r.code).toBe(2);
  });
});

describe("a workbook's PATCH_LOG", () => {
  it("is read through the workbook layer, with the seals it keeps cross-checked", async () => {
    const ws = makeWorkspace();
    fs.copyFileSync(
      path.resolve(__dirname, "../../assets/SealedRun-Sample.xlsx"),
      path.join(ws, "Triage.xlsx"),
    );
    const sealed = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Triage.xlsx",
        "--actor",
        "J. Rivera",
        "--role",
        "triage-lead",
        "--out",
        "out/RUN-002.json",
      ],
      { epoch: EPOCH },
    );
    expect(sealed.code).toBe(0);
    const r = await run(ws, ["log", "Triage.xlsx", "--json"]);
    const j = asLogReport(parseJsonOutput(r));
    expect(r.code).toBe(0);
    expect(j.chain.intact).toBe(true);
    expect(j.actions.SEAL).toBeGreaterThanOrEqual(1);
    expect(j.seals_checked).toBeGreaterThanOrEqual(1); // the kept seal
    expect(j.missing_seal_files).toEqual([]);
    // The file written beside it is that kept seal.
    const withFile = await run(ws, [
      "log",
      "Triage.xlsx",
      "--seals",
      "out/RUN-002.json",
      "--json",
    ]);
    expect(withFile.code).toBe(0);
  });

  it("a file that is no workbook is refused by name", async () => {
    const ws = cloneWorkspace(fixture);
    fs.writeFileSync(path.join(ws, "fake.xlsx"), "not a zip");
    const r = await run(ws, ["log", "fake.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /fake\.xlsx cannot be read as a workbook: it is not a workbook package \(not a zip file\)/,
    );
  });
});
