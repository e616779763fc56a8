// `sealed-run patch` and the PATCH_LOG.csv it shares with export (CONTRACT §6): corrections are log
// entries, the sealed file is never touched, cells never turn into formulas yet read back exactly,
// and an edited or foreign log stops both commands.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  chainProblems,
  cloneWorkspace,
  entryHash,
  EPOCH,
  LOG,
  LOG_COLUMNS,
  logRows,
  makeWorkspace,
  parseJsonOutput,
  readSealed,
  removeWorkspaces,
  run,
  sealedFiles,
  sealedPath,
  STAMP,
} from "./helpers";

const SEAL_NAME = `RUN-001_${STAMP}.json`;
const SEAL = sealedPath(SEAL_NAME);

let fixture: string; // RUN-001 sealed at EPOCH by "J. Rivera"; never modified

beforeAll(async () => {
  fixture = makeWorkspace();
  const r = await run(
    fixture,
    ["export", "--run-id", "RUN-001", "--actor", "J. Rivera"],
    { epoch: EPOCH },
  );
  if (r.code !== 0)
    throw new Error(`fixture: export RUN-001 exited ${r.code}: ${r.stderr}`);
});
afterAll(removeWorkspaces);

const bytes = (ws: string, rel: string) => fs.readFileSync(path.join(ws, rel));
const patch = (ws: string, field: string, value: string, ...more: string[]) =>
  run(
    ws,
    [
      "patch",
      "--sealed",
      SEAL,
      "--field",
      field,
      "--new",
      value,
      "--reason",
      "analyst recheck",
      ...more,
    ],
    { epoch: EPOCH + 3600 },
  );

/** The formula guard of PATCH_LOG.csv: one leading apostrophe before = + - @ tab CR or '. */
const unguard = (v: string) => (/^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v);

describe("patch records a correction and leaves the seal alone", () => {
  it("kpis.summary_confidence_pct 78 → 72: exit 0, PATCH entry with the old and new value, sealed file byte-identical", async () => {
    const ws = cloneWorkspace(fixture);
    const doc = readSealed(ws, SEAL);
    const r = await patch(
      ws,
      "kpis.summary_confidence_pct",
      "72",
      "--actor",
      "A. Auditor",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "patched RUN-001 kpis.summary_confidence_pct: 78 → 72",
    );
    const rows = logRows(ws);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      EntryID: "PL-000002",
      Timestamp: "2026-02-16T01:00:00Z",
      Action: "PATCH",
      RunID: "RUN-001",
      SealHash: doc.hash,
      FileName: SEAL_NAME,
      Actor: "A. Auditor",
      Field: "kpis.summary_confidence_pct",
      OldValue: "78",
      NewValue: "72",
      Reason: "analyst recheck",
      PrevEntryHash: rows[0].EntryHash,
    });
    expect(chainProblems(rows)).toEqual([]);
    expect(bytes(ws, SEAL).equals(bytes(fixture, SEAL))).toBe(true);
    expect((await run(ws, ["replay", "--sealed", SEAL])).code).toBe(0);
  });

  it.each([
    ["-- escalate"],
    ['=HYPERLINK("http://example.invalid","open")'],
    ["+1 week"],
    ["@SUM(A1:A9)"],
    ["\tindented"],
    ["'quoted'"],
  ])(
    "top_risks[0] → %j is stored exactly, guarded in the CSV, and reads back exactly",
    async (value) => {
      const ws = cloneWorkspace(fixture);
      const r = await patch(ws, "top_risks[0]", value, "--json");
      expect(r.code).toBe(0);
      expect(parseJsonOutput(r)).toMatchObject({
        patched: true,
        log_entry: {
          Field: "top_risks[0]",
          OldValue: "Budget reversal",
          NewValue: value,
        },
      });

      // In the file the cell starts with an apostrophe, so Excel never runs it as a formula...
      const raw = logRows(ws)[1];
      expect(raw.NewValue).toBe("'" + value);
      // ...and the entry's hash covers the exact text, not the guarded cell.
      expect(raw.EntryHash).toBe(entryHash({ ...raw, NewValue: value }));
      expect(chainProblems(logRows(ws), unguard)).toEqual([]);

      // The product reads it back exactly: otherwise its chain check would now refuse.
      const second = await patch(ws, "kpis.summary_confidence_pct", "70");
      expect(second.code).toBe(0);
      const next = await run(ws, ["export", "--run-id", "RUN-002"], {
        epoch: EPOCH + 7200,
      });
      expect(next.code).toBe(0);
      expect(next.stdout).toContain("patch_log_intact pass");
      expect(logRows(ws).map((e) => e.Action)).toEqual([
        "SEAL",
        "PATCH",
        "PATCH",
        "SEAL",
      ]);
    },
  );
});

describe("patch refuses what it cannot record", () => {
  it.each([
    ["kpis.no_such_kpi", /--field kpis\.no_such_kpi: .*no_such_kpi/],
    ["top_risks[7]", /--field top_risks\[7\]: top_risks has no item \[7\]/],
    ["verdict", /--field verdict: the document has no member "verdict"/],
  ])(
    "a bad field path %s → exit 2, named; nothing logged",
    async (field, message) => {
      const ws = cloneWorkspace(fixture);
      const r = await patch(ws, field, "x");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(bytes(ws, LOG).equals(bytes(fixture, LOG))).toBe(true);
    },
  );

  it("missing --reason or --new → exit 2", async () => {
    const ws = cloneWorkspace(fixture);
    const noReason = await run(ws, [
      "patch",
      "--sealed",
      SEAL,
      "--field",
      "kpis.summary_confidence_pct",
      "--new",
      "72",
    ]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("--reason is required");
    const noNew = await run(ws, [
      "patch",
      "--sealed",
      SEAL,
      "--field",
      "kpis.summary_confidence_pct",
      "--reason",
      "x",
    ]);
    expect(noNew.code).toBe(2);
    expect(noNew.stderr).toContain("--new is required");
    expect(bytes(ws, LOG).equals(bytes(fixture, LOG))).toBe(true);
  });

  it("the value it already has → exit 1, nothing logged", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await patch(ws, "kpis.summary_confidence_pct", "78");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("kpis.summary_confidence_pct already is 78");
    expect(bytes(ws, LOG).equals(bytes(fixture, LOG))).toBe(true);
  });

  it("a tampered sealed file → exit 1 naming the file and why; nothing logged", async () => {
    const ws = cloneWorkspace(fixture);
    const file = path.join(ws, SEAL);
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(
          '"summary_confidence_pct": 78',
          '"summary_confidence_pct": 79',
        ),
    );
    const r = await patch(ws, "kpis.summary_confidence_pct", "72");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${SEAL} is not a valid seal (hash mismatch`);
    expect(bytes(ws, LOG).equals(bytes(fixture, LOG))).toBe(true);
  });

  it("a valid seal the log does not know (log deleted) → exit 1; no log is started", async () => {
    const ws = cloneWorkspace(fixture);
    fs.rmSync(path.join(ws, LOG));
    const r = await patch(ws, "kpis.summary_confidence_pct", "72");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /is a valid seal \(sha256:[0-9a-f]{64}\) but the log has no SEAL entry for it/,
    );
    expect(fs.existsSync(path.join(ws, LOG))).toBe(false);
  });

  it("a value over 32,767 characters (one cell) → exit 1 naming the column and the limit; nothing logged", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await patch(ws, "top_risks[0]", "x".repeat(40000));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "PATCH_LOG NewValue of PL-000002 would be 40000 characters; a cell holds at most 32767",
    );
    expect(bytes(ws, LOG).equals(bytes(fixture, LOG))).toBe(true);
  });

  it("a missing sealed file → exit 2 naming it", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(ws, [
      "patch",
      "--sealed",
      "gone.json",
      "--field",
      "top_risks[0]",
      "--new",
      "x",
      "--reason",
      "y",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read gone.json: no such file");
  });
});

describe("an edited PATCH_LOG.csv stops export and patch", () => {
  function editActor(ws: string): void {
    const file = path.join(ws, LOG);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toContain('"J. Rivera"');
    fs.writeFileSync(file, text.replace('"J. Rivera"', '"J. Rivers"'));
  }

  it("the next export refuses with gate:patch_log_intact naming the entry, logs REFUSED, writes no file", async () => {
    const ws = cloneWorkspace(fixture);
    editActor(ws);
    const r = await run(ws, ["export", "--run-id", "RUN-002"], {
      epoch: EPOCH + 60,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refused: gate:patch_log_intact");
    expect(r.stderr).toMatch(/✗ gate patch_log_intact: PL-000001 .*changed/);
    expect(sealedFiles(ws, "RUN-002")).toEqual([]);
    expect(
      logRows(ws).map((e) => [e.EntryID, e.Action, e.RunID, e.Reason]),
    ).toEqual([
      ["PL-000001", "SEAL", "RUN-001", ""],
      ["PL-000002", "REFUSED", "RUN-002", "gate:patch_log_intact"],
    ]);
  });

  it("patch refuses naming the entry and appends nothing", async () => {
    const ws = cloneWorkspace(fixture);
    editActor(ws);
    const before = bytes(ws, LOG);
    const r = await patch(ws, "kpis.summary_confidence_pct", "72");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /PATCH_LOG is broken, nothing was recorded: PL-000001 .*changed/,
    );
    expect(bytes(ws, LOG).equals(before)).toBe(true);
  });

  it("a deleted entry in the middle is named too", async () => {
    const ws = cloneWorkspace(fixture);
    expect(
      (await run(ws, ["export", "--run-id", "RUN-002"], { epoch: EPOCH })).code,
    ).toBe(0);
    expect(
      (await run(ws, ["export", "--run-id", "RUN-003"], { epoch: EPOCH })).code,
    ).toBe(0);
    const file = path.join(ws, LOG);
    const lines = fs.readFileSync(file, "utf8").split("\r\n");
    fs.writeFileSync(file, [lines[0], lines[1], lines[3], ""].join("\r\n")); // drop PL-000002
    const r = await run(ws, ["export", "--run-id", "RUN-004"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ gate patch_log_intact: PL-000003/);
    expect(sealedFiles(ws, "RUN-004")).toEqual([]);
  });
});

describe("a PATCH_LOG.csv of another layout is never changed", () => {
  const FOREIGN = "Date,Who,What\r\n2026-01-05,ops,weekly review\r\n";
  const expected = `expected ${LOG_COLUMNS.join(", ")}`;

  it("export exits 1, says what it expected, writes no seal and leaves the file as it was", async () => {
    const ws = makeWorkspace();
    fs.mkdirSync(path.join(ws, "artifacts/sealed_runs"), { recursive: true });
    fs.writeFileSync(path.join(ws, LOG), FOREIGN);
    const r = await run(ws, ["export", "--run-id", "RUN-001"], {
      epoch: EPOCH,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PATCH_LOG.csv has columns Date, Who, What");
    expect(r.stderr).toContain(expected);
    expect(r.stderr).toContain("left unchanged");
    expect(fs.readFileSync(path.join(ws, LOG), "utf8")).toBe(FOREIGN);
    expect(sealedFiles(ws)).toEqual([]);
  });

  it("patch exits 1 the same way", async () => {
    const ws = cloneWorkspace(fixture);
    fs.writeFileSync(path.join(ws, LOG), FOREIGN);
    const r = await patch(ws, "kpis.summary_confidence_pct", "72");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(expected);
    expect(fs.readFileSync(path.join(ws, LOG), "utf8")).toBe(FOREIGN);
  });
});
