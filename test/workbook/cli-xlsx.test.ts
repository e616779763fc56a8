// The built CLI with a workbook: `export --source BOOK.xlsx` seals through the add-in's own
// workflow (the workbook's GOVERNANCE, PROMPTS and PATCH_LOG) and saves the workbook back;
// `extract BOOK.xlsx` writes out the seals the workbook keeps.
import * as fs from "node:fs";
import * as path from "node:path";
import { saveXlsx } from "@sealed-run/excel-simulator/testing";
import { loadXlsx } from "../../src/xlsx";
import {
  EPOCH,
  STAMP,
  parseJsonOutput,
  readSealed,
  removeWorkspaces,
  run,
  sha256Hex,
} from "../cli/helpers";
import { SAMPLE, adapt, tempDir, removeTemp } from "./helpers";
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { createWorkbookApi } from "../../src/workflows";

jest.setTimeout(120_000);
afterAll(() => {
  removeWorkspaces();
  removeTemp();
});

const ACTOR_ARGS = ["--actor", "J. Rivera", "--role", "triage-lead"];

function workspace(): string {
  const ws = tempDir();
  fs.copyFileSync(SAMPLE, path.join(ws, "Triage.xlsx"));
  return ws;
}

async function apiOf(file: string) {
  const book = await loadXlsx(new Uint8Array(fs.readFileSync(file)));
  return { book, api: createWorkbookApi(adapt(createTestHost(book))) };
}

const digest = (f: string) => sha256Hex(fs.readFileSync(f));

describe("export --source BOOK.xlsx", () => {
  test("seals from the workbook, writes the file, logs SEAL and keeps the seal in the saved workbook", async () => {
    const ws = workspace();
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Triage.xlsx",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rel = `artifacts/sealed_runs/RUN-002_${STAMP}.json`;
    expect(r.stdout).toContain(`sealed RUN-002 → ${rel}`);
    const doc = readSealed(ws, rel);
    expect(doc.authority_envelope.scope).toEqual({
      workbook: "Triage.xlsx",
      sheet: "LLM_OUTPUT",
      table: "LLMOutputTable",
      run_id: "RUN-002",
      action: "seal",
    });
    expect(doc.authority_envelope.actor).toBe("J. Rivera");
    expect(doc.kpis.summary_confidence_pct).toBe(64);
    expect(doc.reconstruction.source.kind).toBe("excel-table");
    // The workbook's own prompts (both of PROMPTS), not a --prompt file.
    expect(
      Object.keys(doc.authority_envelope.policy_snapshot.prompt_hashes).sort(),
    ).toEqual(["risk_extraction", "triage_prompt"]);

    const replay = await run(ws, ["replay", "--sealed", rel]);
    expect(replay.code).toBe(0);

    const { api } = await apiOf(path.join(ws, "Triage.xlsx"));
    const log = await api.readLog();
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      Action: "SEAL",
      RunID: "RUN-002",
      SealHash: doc.hash,
      FileName: `RUN-002_${STAMP}.json`,
    });
    expect(log.chain.intact).toBe(true);
    const kept = await api.listStoredSeals();
    expect(kept.map((s) => s.hash)).toEqual([doc.hash]);
    // No CSV log, no temporary file left beside the workbook.
    expect(
      fs.existsSync(path.join(ws, "artifacts/sealed_runs/PATCH_LOG.csv")),
    ).toBe(false);
    expect(fs.readdirSync(ws).sort()).toEqual(["Triage.xlsx", "artifacts"]);
  });

  test("a second export is refused, logged REFUSED in the workbook, and writes no file", async () => {
    const ws = workspace();
    expect(
      (
        await run(
          ws,
          [
            "export",
            "--run-id",
            "RUN-001",
            "--source",
            "Triage.xlsx",
            ...ACTOR_ARGS,
          ],
          { epoch: EPOCH },
        )
      ).code,
    ).toBe(0);
    const again = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-001",
        "--source",
        "Triage.xlsx",
        ...ACTOR_ARGS,
        "--json",
      ],
      { epoch: EPOCH + 60 },
    );
    expect(again.code).toBe(1);
    const out: unknown = JSON.parse(again.stdout);
    expect(out).toMatchObject({
      sealed: false,
      reason: "not_already_sealed",
      log_entry: { Action: "REFUSED", EntryID: "PL-000002" },
    });
    expect(fs.readdirSync(path.join(ws, "artifacts/sealed_runs"))).toEqual([
      `RUN-001_${STAMP}.json`,
    ]);
    const { api } = await apiOf(path.join(ws, "Triage.xlsx"));
    expect((await api.readLog()).entries.map((e) => e.Action)).toEqual([
      "SEAL",
      "REFUSED",
    ]);
  });

  test("a sealed file of the run in artifacts/sealed_runs counts as a seal (not_already_sealed)", async () => {
    const ws = workspace();
    expect(
      (
        await run(
          ws,
          [
            "export",
            "--run-id",
            "RUN-004",
            "--source",
            "Triage.xlsx",
            ...ACTOR_ARGS,
          ],
          { epoch: EPOCH },
        )
      ).code,
    ).toBe(0);
    fs.copyFileSync(SAMPLE, path.join(ws, "Fresh.xlsx")); // a workbook that never saw the seal
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-004",
        "--source",
        "Fresh.xlsx",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH + 60 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`not_already_sealed: .*RUN-004_${STAMP}\\.json`),
    );
  });

  test("an existing output file: exit 3, and the workbook is left byte for byte as it was", async () => {
    const ws = workspace();
    fs.mkdirSync(path.join(ws, "out"));
    fs.writeFileSync(path.join(ws, "out/mine.json"), "{}\n");
    const before = digest(path.join(ws, "Triage.xlsx"));
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-005",
        "--source",
        "Triage.xlsx",
        "--out",
        "out/mine.json",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("out/mine.json already exists");
    expect(fs.readFileSync(path.join(ws, "out/mine.json"), "utf8")).toBe(
      "{}\n",
    );
    expect(digest(path.join(ws, "Triage.xlsx"))).toBe(before);
  });

  test("--out names the file, and the SEAL entry and kept seal name it too", async () => {
    const ws = workspace();
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-006",
        "--source",
        "Triage.xlsx",
        "--out",
        "out/run6.json",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    const { api } = await apiOf(path.join(ws, "Triage.xlsx"));
    expect((await api.readLog()).entries[0].FileName).toBe("run6.json");
    expect((await api.listStoredSeals())[0].fileName).toBe("run6.json");
  });

  test("a PATCH_LOG of another layout: exit 1 naming the workbook, which is left unchanged", async () => {
    const ws = tempDir();
    const book = await loadXlsx(new Uint8Array(fs.readFileSync(SAMPLE)));
    book.addSheet("PATCH_LOG").setCells("A1:B2", [
      ["Date", "Note"],
      ["2026-01-01", "by hand"],
    ]);
    book.addTable("PATCH_LOG", "A1:B2", { name: "PatchLogTable" });
    fs.writeFileSync(path.join(ws, "Other.xlsx"), await saveXlsx(book));
    const before = digest(path.join(ws, "Other.xlsx"));
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-001",
        "--source",
        "Other.xlsx",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Other.xlsx: PATCH_LOG has columns Date, Note; the add-in expects EntryID,",
    );
    expect(digest(path.join(ws, "Other.xlsx"))).toBe(before);
    expect(fs.existsSync(path.join(ws, "artifacts"))).toBe(false);
  });

  test("a workbook that cannot be read exits 2; bytes that are not a workbook exit 1", async () => {
    const ws = tempDir();
    const missing = await run(ws, [
      "export",
      "--run-id",
      "RUN-001",
      "--source",
      "Nope.xlsx",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read Nope.xlsx: no such file");
    fs.writeFileSync(path.join(ws, "Text.xlsx"), "RunID,SessionDate\n");
    const junk = await run(ws, [
      "export",
      "--run-id",
      "RUN-001",
      "--source",
      "Text.xlsx",
    ]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain(
      "Text.xlsx cannot be read as a workbook: it is not a workbook package (not a zip file)",
    );
  });

  test("--prompt with a workbook is bad usage", async () => {
    const ws = workspace();
    const r = await run(ws, [
      "export",
      "--run-id",
      "RUN-001",
      "--source",
      "Triage.xlsx",
      "--prompt",
      "p.md",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--prompt goes with a CSV source");
  });
});

describe("extract BOOK.xlsx", () => {
  async function sealedWorkbook(): Promise<string> {
    const ws = workspace();
    for (const [i, id] of ["RUN-001", "RUN-003"].entries()) {
      const r = await run(
        ws,
        [
          "export",
          "--run-id",
          id,
          "--source",
          "Triage.xlsx",
          "--out",
          `elsewhere/${id}.json`,
          ...ACTOR_ARGS,
        ],
        { epoch: EPOCH + i },
      );
      expect(r.code).toBe(0);
    }
    return ws;
  }

  test("writes every kept seal, one line per file; a second run skips identical files", async () => {
    const ws = await sealedWorkbook();
    const r = await run(ws, ["extract", "Triage.xlsx"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^wrote {4}artifacts\/sealed_runs\/RUN-001\.json \(RUN-001, sha256:[0-9a-f]{64}\)$/,
      ),
      expect.stringMatching(
        /^wrote {4}artifacts\/sealed_runs\/RUN-003\.json \(RUN-003, sha256:[0-9a-f]{64}\)$/,
      ),
    ]);
    for (const id of ["RUN-001", "RUN-003"]) {
      expect(
        fs.readFileSync(path.join(ws, `artifacts/sealed_runs/${id}.json`)),
      ).toEqual(fs.readFileSync(path.join(ws, `elsewhere/${id}.json`)));
    }
    const again = await run(ws, ["extract", "Triage.xlsx"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      "skipped  artifacts/sealed_runs/RUN-001.json: already there, identical bytes",
    );
    const verify = await run(ws, ["verify", "artifacts/sealed_runs"]);
    expect(verify.code).toBe(0);
  });

  test("--out DIR and --json", async () => {
    const ws = await sealedWorkbook();
    const r = await run(ws, [
      "extract",
      "Triage.xlsx",
      "--out",
      "x/y",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(parseJsonOutput(r)).toMatchObject({
      files: [
        { file: "x/y/RUN-001.json", status: "written" },
        { file: "x/y/RUN-003.json", status: "written" },
      ],
    });
  });

  test("a different file under the same name is never replaced: exit 3", async () => {
    const ws = await sealedWorkbook();
    fs.mkdirSync(path.join(ws, "artifacts/sealed_runs"), { recursive: true });
    fs.writeFileSync(
      path.join(ws, "artifacts/sealed_runs/RUN-001.json"),
      "not mine\n",
    );
    const r = await run(ws, ["extract", "Triage.xlsx"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      "refused  artifacts/sealed_runs/RUN-001.json: a different file has that name; it was left as it is",
    );
    expect(r.stdout).toContain("wrote    artifacts/sealed_runs/RUN-003.json");
    expect(
      fs.readFileSync(
        path.join(ws, "artifacts/sealed_runs/RUN-001.json"),
        "utf8",
      ),
    ).toBe("not mine\n");
  });

  test("a kept seal whose file name would leave DIR is not written: exit 1", async () => {
    const ws = tempDir();
    const { book, api } = await apiOf(SAMPLE);
    const out = await api.sealRun("RUN-001", {
      actor: { name: "J. Rivera", role: "triage-lead" },
      fileName: "../escape.json",
    });
    expect(out.kind).toBe("sealed");
    fs.writeFileSync(path.join(ws, "Bad.xlsx"), await saveXlsx(book));
    const r = await run(ws, ["extract", "Bad.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'the kept seal names its file "../escape.json", which is not a plain sealed-file name',
    );
    expect(fs.existsSync(path.join(ws, "artifacts/escape.json"))).toBe(false);
  });

  test("a workbook without seals says so; a missing one exits 2; no argument is bad usage", async () => {
    const ws = workspace();
    const none = await run(ws, ["extract", "Triage.xlsx"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("no seals are kept in Triage.xlsx\n");
    expect((await run(ws, ["extract", "Missing.xlsx"])).code).toBe(2);
    expect((await run(ws, ["extract"])).code).toBe(2);
    expect((await run(ws, ["extract", "notes.csv"])).code).toBe(2);
  });
});

describe("a workbook that is a symbolic link", () => {
  test("is refused before anything is sealed; the link and the workbook it points at stay as they were", async () => {
    const ws = workspace();
    fs.mkdirSync(path.join(ws, "real"));
    fs.renameSync(
      path.join(ws, "Triage.xlsx"),
      path.join(ws, "real/Triage.xlsx"),
    );
    fs.symlinkSync(
      path.join(ws, "real/Triage.xlsx"),
      path.join(ws, "Triage.xlsx"),
    );
    const before = digest(path.join(ws, "real/Triage.xlsx"));
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Triage.xlsx",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "sealed-run: Triage.xlsx is a symbolic link; sealed-run never writes through a link (replace it with the file itself)\n",
    );
    expect(fs.lstatSync(path.join(ws, "Triage.xlsx")).isSymbolicLink()).toBe(
      true,
    );
    expect(digest(path.join(ws, "real/Triage.xlsx"))).toBe(before);
    expect(fs.existsSync(path.join(ws, "artifacts"))).toBe(false);
  });
});

describe("the workbook's lock", () => {
  test("a lock left by a process that is gone is taken over at once, with a warning", async () => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws, "Triage.xlsx.lock"), "2147483646");
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Triage.xlsx",
        ...ACTOR_ARGS,
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "warning: took over Triage.xlsx.lock: its holder, process 2147483646 on this machine, is no longer running\n",
    );
    expect(fs.existsSync(path.join(ws, "Triage.xlsx.lock"))).toBe(false);
  });
});
