// The "done when", on the sample workbook in the simulator: seal RUN-001 from the
// selection, replay the bytes with the built CLI, refuse a second seal, record and check a patch.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SealedRun } from "../../src/core";
import {
  ACTOR,
  CLOCK,
  REPO,
  formulasOn,
  loadSample,
  removeTemp,
  tempDir,
  type Bench,
} from "./helpers";

const BIN = path.join(REPO, "build/cli/cli/main.js");

afterAll(removeTemp);

const PATCH = {
  field: "kpis.summary_confidence_pct",
  newValue: "80",
  reason: "Confidence re-assessed after review",
  actor: ACTOR,
  now: CLOCK,
};

describe("sealing RUN-001 of the sample workbook", () => {
  let b: Bench;
  let doc: SealedRun;
  let bytes: Uint8Array;

  // Each test gets its own freshly sealed workbook, so none depends on another having run first.
  beforeEach(async () => {
    b = await loadSample();
    b.book.select("LLM_OUTPUT", "C2"); // RUN-001's row, Operator cell
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(`not sealed: ${out.reason}`);
    doc = out.document;
    bytes = out.bytes;
    expect(out.fileName).toBe("RUN-001_20260216T000000Z.json");
    expect(out.warnings).toEqual([]);
  });

  test("derives the row's fields: real date cells, a 0.0% confidence column", () => {
    expect(doc.meta).toMatchObject({
      run_id: "RUN-001",
      session_date: "2026-02-15",
      operator: "J. Rivera",
      model: "gpt-4o",
    });
    expect(doc.kpis).toEqual({
      summary_confidence_pct: 78,
      next_review_date: "2026-02-22",
    });
    expect(doc.top_risks).toEqual([
      "Budget reversal",
      "Legacy API consumer discovered",
      "Assumption staleness",
    ]);
    expect(doc.authority_envelope.scope).toEqual({
      workbook: "SealedRun-Sample.xlsx",
      sheet: "LLM_OUTPUT",
      table: "LLMOutputTable",
      run_id: "RUN-001",
      action: "seal",
    });
    expect(doc.reconstruction.source.location).toBe("LLM_OUTPUT!A2:I2");
    expect(doc.reconstruction.patch_log_head).toBe("");
  });

  test("writes one SEAL entry to PATCH_LOG and keeps one document in the workbook", async () => {
    const log = await b.api.readLog();
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      EntryID: "PL-000001",
      Action: "SEAL",
      RunID: "RUN-001",
      SealHash: doc.hash,
      FileName: "RUN-001_20260216T000000Z.json",
      Actor: "J. Rivera",
      Timestamp: doc.meta.export_timestamp,
    });
    expect(log.chain.intact).toBe(true);
    expect(log.orphans).toEqual([]);
    const stored = await b.api.listStoredSeals();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      runId: "RUN-001",
      hash: doc.hash,
      fileName: "RUN-001_20260216T000000Z.json",
    });
    const fetched = await b.api.fetchStoredSeal(stored[0].id);
    expect(Buffer.from(fetched.text, "utf8").equals(Buffer.from(bytes))).toBe(
      true,
    );
  });

  test("the returned bytes pass the built CLI's replay", () => {
    const file = path.join(tempDir(), "RUN-001_20260216T000000Z.json");
    fs.writeFileSync(file, bytes);
    const p = spawnSync(process.execPath, [BIN, "replay", "--sealed", file], {
      encoding: "utf8",
    });
    expect(p.stderr).toBe("");
    expect(p.stdout).toContain("admissible");
    expect(p.status).toBe(0);
  });

  test("a second seal of RUN-001 is refused as already sealed and logged REFUSED", async () => {
    const again = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    expect(again.kind).toBe("refused");
    if (again.kind !== "refused") return;
    expect(again.checks.filter((c) => c.triggered).map((c) => c.check)).toEqual(
      ["not_already_sealed"],
    );
    expect(again.logEntry).toMatchObject({
      EntryID: "PL-000002",
      Action: "REFUSED",
      RunID: "RUN-001",
      SealHash: "",
      FileName: "",
      Reason: "not_already_sealed",
    });
    const log = await b.api.readLog();
    expect(log.entries.map((e) => e.Action)).toEqual(["SEAL", "REFUSED"]);
    expect(await b.api.listStoredSeals()).toHaveLength(1);
  });

  test("recordPatch records a PATCH naming the seal; the sealed document is untouched", async () => {
    const out = await b.api.recordPatch({ sealHash: doc.hash, ...PATCH });
    expect(out.logEntry).toMatchObject({
      EntryID: "PL-000002",
      Action: "PATCH",
      SealHash: doc.hash,
      FileName: "RUN-001_20260216T000000Z.json",
      Field: "kpis.summary_confidence_pct",
      OldValue: "78",
      NewValue: "80",
      Reason: "Confidence re-assessed after review",
    });
    expect(out.saved).toBe(true);
    const stored = await b.api.listStoredSeals();
    expect((await b.api.fetchStoredSeal(stored[0].id)).text).toBe(
      Buffer.from(bytes).toString("utf8"),
    );
    expect((await b.api.readLog()).chain.intact).toBe(true);
  });

  test("a patch without a reason, or naming no logged seal, is refused and writes nothing", async () => {
    await b.api.recordPatch({ sealHash: doc.hash, ...PATCH });
    await expect(
      b.api.recordPatch({
        sealHash: doc.hash,
        field: "top_risks[0]",
        newValue: "x",
        reason: "  ",
        actor: ACTOR,
      }),
    ).rejects.toMatchObject({ code: "bad-patch" });
    await expect(
      b.api.recordPatch({
        sealHash: "sha256:" + "0".repeat(64),
        field: "top_risks[0]",
        newValue: "x",
        reason: "r",
        actor: ACTOR,
      }),
    ).rejects.toThrow(/no SEAL entry for sha256:0+/);
    await expect(
      b.api.recordPatch({
        sealHash: doc.hash,
        field: "top_risks[9]",
        newValue: "x",
        reason: "r",
        actor: ACTOR,
      }),
    ).rejects.toThrow(/top_risks\[9\].*no item \[9\]/);
    expect((await b.api.readLog()).entries.map((e) => e.Action)).toEqual([
      "SEAL",
      "PATCH",
    ]);
  });

  test("checkAgainstWorkbook reports the patch, then the TopRisks cell edited since the seal", async () => {
    await b.api.recordPatch({ sealHash: doc.hash, ...PATCH });
    const before = await b.api.checkAgainstWorkbook(doc);
    expect(before.sealEntry?.SealHash).toBe(doc.hash);
    expect(before.rowFound).toBe(true);
    expect(before.changes).toEqual([]);
    expect(before.patches.map((p) => [p.Field, p.NewValue])).toEqual([
      ["kpis.summary_confidence_pct", "80"],
    ]);
    expect(before.chain.intact).toBe(true);

    b.book
      .sheet("LLM_OUTPUT")
      .setCells("E2", [["Budget reversal; Vendor insolvency"]]);
    const after = await b.api.checkAgainstWorkbook(doc);
    expect(after.changes).toEqual([
      {
        field: "top_risks",
        sealed: JSON.stringify([
          "Budget reversal",
          "Legacy API consumer discovered",
          "Assumption staleness",
        ]),
        now: JSON.stringify(["Budget reversal", "Vendor insolvency"]),
      },
    ]);
    const runs = await b.api.listRuns();
    expect(runs.find((r) => r.runId === "RUN-001")).toMatchObject({
      state: "changed",
      changedFields: ["top_risks"],
    });
    expect(runs.find((r) => r.runId === "RUN-002")).toMatchObject({
      state: "unsealed",
    });
  });

  test("no cell of PATCH_LOG became a formula and the sheet stays protected", async () => {
    await b.api.recordPatch({ sealHash: doc.hash, ...PATCH });
    expect(formulasOn(b.book, "PATCH_LOG")).toEqual([]);
    const log = b.book.sheet("PATCH_LOG");
    expect(log.protection.protected).toBe(true);
    expect(log.values("A1:M1")[0]).toEqual([
      "EntryID",
      "Timestamp",
      "Action",
      "RunID",
      "SealHash",
      "FileName",
      "Actor",
      "Field",
      "OldValue",
      "NewValue",
      "Reason",
      "PrevEntryHash",
      "EntryHash",
    ]);
  });
});
