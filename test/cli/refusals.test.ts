// What `sealed-run export` says about bad input (CONTRACT §3, §4, §7): the exit code, a message that
// names the file, cell or column, and in every case no sealed file on disk.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CHECKS,
  EPOCH,
  logRows,
  makeWorkspace,
  parseJsonOutput,
  removeWorkspaces,
  run,
  sampleLines,
  sealedFiles,
} from "./helpers";

afterAll(removeWorkspaces);

const { header, rows } = sampleLines();
const RUN_002 = rows[1]; // RUN-002,2026-02-17,M. Okafor,claude-3-5-sonnet,…,64,2026-02-24

function writeInput(
  ws: string,
  name: string,
  content: string | Buffer,
): string {
  const rel = `input/${name}`;
  fs.mkdirSync(path.join(ws, "input"), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), content);
  return rel;
}

/** No seal anywhere in the folder: not in artifacts/sealed_runs, not beside it, not outside it. */
function noSealedFileAnywhere(ws: string): void {
  expect(sealedFiles(ws)).toEqual([]);
  const jsons = (fs.readdirSync(ws, { recursive: true }) as string[]).filter(
    (f) => f.endsWith(".json"),
  );
  expect(jsons).toEqual([]);
}

describe("bad usage and unreadable sources (exit 2)", () => {
  it("an unknown command prints its name and the usage text", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, ["sael", "--run-id", "RUN-001"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "sael"');
    expect(r.stderr).toContain("usage:\n  sealed-run export --run-id ID");
    noSealedFileAnywhere(ws);
  });

  it("no command at all prints the usage text and exits 2", async () => {
    const r = await run(makeWorkspace(), []);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("usage:");
  });

  it("export without --run-id says it is required and shows the usage", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, ["export"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("export: --run-id is required");
    expect(r.stderr).toContain("usage:");
    noSealedFileAnywhere(ws);
  });

  it("an unknown option is bad usage, named", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, ["export", "--run-id", "RUN-001", "--overwrite"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--overwrite");
    noSealedFileAnywhere(ws);
  });

  it("a missing source file names the path", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, [
      "export",
      "--run-id",
      "RUN-001",
      "--source",
      "input/missing.csv",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read input/missing.csv: no such file");
    noSealedFileAnywhere(ws);
  });
});

describe("sources that cannot be read as the contract's CSV (exit 1, message says why and how to fix it)", () => {
  it.each<[string, () => string | Buffer, RegExp[]]>([
    ["an empty file", () => "", [/"input\/bad\.csv" is empty/]],
    [
      "Windows-1252 bytes (0xE9 for é)",
      () =>
        Buffer.concat([
          Buffer.from(header + "\n"),
          Buffer.from(RUN_002.replace("M. Okafor", "M. Okaf"), "utf8"),
          Buffer.from([0xe9]),
          Buffer.from("\n"),
        ]),
      [/"input\/bad\.csv" is not UTF-8/, /0xE9/, /CSV UTF-8/],
    ],
    [
      "a ;-delimited file",
      () =>
        [header, RUN_002].map((l) => l.replace(/,/g, ";")).join("\n") + "\n",
      [/"input\/bad\.csv" separates values with semicolons/, /\bcomma/],
    ],
  ])("%s", async (_label, content, messages) => {
    const ws = makeWorkspace();
    const src = writeInput(ws, "bad.csv", content());
    const r = await run(ws, ["export", "--run-id", "RUN-002", "--source", src]);
    expect(r.code).toBe(1);
    for (const m of messages) expect(r.stderr).toMatch(m);
    noSealedFileAnywhere(ws);
  });
});

// Each case: what to write (or do), the run id asked for, the check that triggers, what its line says.
interface Case {
  label: string;
  runId: string;
  prepare?: (ws: string) => string[]; // extra arguments
  check: string;
  detail: RegExp;
}

const csv = (ws: string, headerLine: string, row: string) => [
  "--source",
  writeInput(ws, "bad.csv", `${headerLine}\n${row}\n`),
];

const cases: Case[] = [
  {
    label: "a CSV missing the NextReviewDate column",
    runId: "RUN-002",
    prepare: (ws) =>
      csv(
        ws,
        header.replace(",NextReviewDate", ""),
        RUN_002.replace(/,2026-02-24$/, ""),
      ),
    check: "required_columns_present",
    detail: /missing required column "NextReviewDate"/,
  },
  {
    label: "a run id that matches no row",
    runId: "RUN-999",
    check: "run_id_valid",
    detail: /RunID "RUN-999" matches no row/,
  },
  {
    label: "the unsafe run id ../x",
    runId: "../x",
    check: "run_id_valid",
    detail: /"\.\.\/x" is not a safe run id/,
  },
  {
    label: "the unsafe run id 'RUN 1'",
    runId: "RUN 1",
    check: "run_id_valid",
    detail: /"RUN 1" is not a safe run id/,
  },
  {
    label: "a locale date 2/15/2026",
    runId: "RUN-002",
    prepare: (ws) =>
      csv(ws, header, RUN_002.replace("2026-02-17", "2/15/2026")),
    check: "dates_valid",
    detail: /input\/bad\.csv row 2, column "SessionDate" is "2\/15\/2026"/,
  },
  {
    label: "a confidence of 101",
    runId: "RUN-002",
    prepare: (ws) => csv(ws, header, RUN_002.replace(",64,", ",101,")),
    check: "confidence_in_range",
    detail:
      /input\/bad\.csv row 2, column "SummaryConfidence_pct" is "101", above 100/,
  },
  {
    label: "the error literal #N/A",
    runId: "RUN-002",
    prepare: (ws) => csv(ws, header, RUN_002.replace("M. Okafor", "#N/A")),
    check: "no_error_cells",
    detail: /input\/bad\.csv row 2, column "Operator" holds the error #N\/A/,
  },
  {
    label: "an empty docs/prompts",
    runId: "RUN-002",
    prepare: (ws) => {
      for (const f of fs.readdirSync(path.join(ws, "docs/prompts")))
        fs.rmSync(path.join(ws, "docs/prompts", f));
      return [];
    },
    check: "policy_snapshot_complete",
    detail: /no prompts/,
  },
  {
    label: "a missing docs/governance/POLICY_VERSION.txt",
    runId: "RUN-002",
    prepare: (ws) => {
      fs.rmSync(path.join(ws, "docs/governance/POLICY_VERSION.txt"));
      return [];
    },
    check: "policy_snapshot_complete",
    detail: /policy version is missing or empty/,
  },
  {
    label: "a prompt file that is not UTF-8",
    runId: "RUN-002",
    prepare: (ws) => {
      fs.writeFileSync(
        path.join(ws, "docs/prompts/legacy.md"),
        Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      );
      return [];
    },
    check: "policy_snapshot_complete",
    detail: /docs\/prompts\/legacy\.md is not valid UTF-8/,
  },
  {
    label: "an empty --actor",
    runId: "RUN-002",
    prepare: () => ["--actor", ""],
    check: "actor_authorized",
    detail: /no actor/,
  },
];

describe("refusal checks (exit 1, REFUSED logged, no file)", () => {
  it.each(cases)(
    "$label → $check",
    async ({ runId, prepare, check, detail }) => {
      const ws = makeWorkspace();
      const extra = prepare ? prepare(ws) : [];
      const r = await run(ws, ["export", "--run-id", runId, ...extra], {
        epoch: EPOCH,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`refused: ${check}`);
      const line = r.stderr.split("\n").find((l) => l.includes(`✗ ${check}`));
      expect(line).toMatch(detail);
      // Every check is evaluated and shown, once, in order.
      const shown = r.stderr
        .split("\n")
        .map((l) => /^ {2}[✓✗] ([a-z_]+)/.exec(l)?.[1])
        .filter(Boolean);
      expect(shown).toEqual(CHECKS);
      noSealedFileAnywhere(ws);
      expect(
        logRows(ws).map((e) => [
          e.Action,
          e.RunID,
          e.Reason,
          e.SealHash,
          e.FileName,
        ]),
      ).toEqual([["REFUSED", runId, check, "", ""]]);
    },
  );

  it("with --json the refusal is one document listing all eight checks, the triggered one named", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, ["export", "--run-id", "RUN-999", "--json"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    const j = parseJsonOutput(r) as {
      sealed: boolean;
      reason: string;
      checks: Array<{ check: string; triggered: boolean; detail: string }>;
    };
    expect(j.sealed).toBe(false);
    expect(j.reason).toBe("run_id_valid");
    expect(j.checks.map((c) => c.check)).toEqual(CHECKS);
    expect(j.checks.filter((c) => c.triggered).map((c) => c.check)).toEqual([
      "run_id_valid",
    ]);
    expect(j.checks[0].detail).toContain("RUN-999");
    noSealedFileAnywhere(ws);
  });

  it("several problems at once are all named, joined by '; ' in the log", async () => {
    const ws = makeWorkspace();
    const src = writeInput(
      ws,
      "bad.csv",
      `${header}\n${RUN_002.replace(",64,", ",101,").replace("2026-02-17", "2/17/2026")}\n`,
    );
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-002", "--source", src, "--actor", ""],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "refused: dates_valid; confidence_in_range; actor_authorized",
    );
    expect(logRows(ws)[0].Reason).toBe(
      "dates_valid; confidence_in_range; actor_authorized",
    );
    noSealedFileAnywhere(ws);
  });
});
