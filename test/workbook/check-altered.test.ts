// Holding an altered file against the workbook (issue 11, points 1 and 2): the file's edits are
// never reported as changes of the row; the row is compared with the seal kept in the workbook or,
// when none is kept, only the log's SealHash is named. A patch is never recorded from such a file.
import type { SealedRun } from "../../src/core";
import { ACTOR, CLOCK, loadSample, type Bench } from "./helpers";

/** The sealed document with summary confidence edited after sealing (its hash left as it was). */
function altered(doc: SealedRun, pct: number): SealedRun {
  return { ...doc, kpis: { ...doc.kpis, summary_confidence_pct: pct } };
}

describe("checking an altered file against the workbook", () => {
  let b: Bench;
  let doc: SealedRun;

  beforeAll(async () => {
    b = await loadSample();
    b.book.select("LLM_OUTPUT", "C2");
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(`not sealed: ${out.reason}`);
    doc = out.document;
  });

  test("an intact file is its own basis and the unchanged row holds", async () => {
    const check = await b.api.checkAgainstWorkbook(doc);
    expect(check).toMatchObject({
      fileIntact: true,
      basis: { kind: "file" },
      fileEdits: [],
      rowFound: true,
      changes: [],
    });
  });

  test("an edited file is compared through the kept seal: the row did not change, the file did", async () => {
    const check = await b.api.checkAgainstWorkbook(altered(doc, 79));
    expect(check.fileIntact).toBe(false);
    expect(check.basis).toEqual({
      kind: "kept-seal",
      fileName: "RUN-001_20260216T000000Z.json",
      hash: doc.hash,
    });
    expect(check.changes).toEqual([]);
    expect(check.fileEdits).toEqual([
      { field: "summary_confidence_pct", sealed: "78", now: "79" },
    ]);
    expect(check.chain.intact).toBe(true);
  });

  test("a real change of the row is still reported against the kept seal", async () => {
    b.book.sheet("LLM_OUTPUT").setCells("H2", [[0.5]]);
    const check = await b.api.checkAgainstWorkbook(altered(doc, 79));
    expect(check.changes).toEqual([
      { field: "summary_confidence_pct", sealed: "78", now: "50" },
    ]);
    b.book.sheet("LLM_OUTPUT").setCells("H2", [[0.78]]);
  });

  test("a patch from the edited file is refused and nothing is logged", async () => {
    const before = (await b.api.readLog()).entries.length;
    await expect(
      b.api.recordPatch({
        sealHash: doc.hash,
        document: altered(doc, 79),
        field: "kpis.summary_confidence_pct",
        newValue: "72",
        reason: "r",
        actor: ACTOR,
        now: CLOCK,
      }),
    ).rejects.toThrow(/changed after sealing, so it cannot be patched/);
    expect((await b.api.readLog()).entries).toHaveLength(before);
  });

  test("a patch from the intact file records the old value the file shows", async () => {
    const out = await b.api.recordPatch({
      sealHash: doc.hash,
      document: doc,
      field: "kpis.summary_confidence_pct",
      newValue: "72",
      reason: "r",
      actor: ACTOR,
      now: CLOCK,
    });
    expect(out.logEntry).toMatchObject({
      Field: "kpis.summary_confidence_pct",
      OldValue: "78",
      NewValue: "72",
    });
  });
});

describe("an altered file whose seal is only in the log", () => {
  test("names the log's SealHash and compares no values", async () => {
    const b = await loadSample();
    b.book.select("LLM_OUTPUT", "C2");
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(`not sealed: ${out.reason}`);
    // The kept copy is gone (another tool removed the custom XML part); the log still names the seal.
    const [kept] = await b.api.listStoredSeals();
    await b.sim.run(async (ctx) => {
      ctx.workbook.customXmlParts.getItem(kept.id).delete();
      await ctx.sync();
    });
    expect(await b.api.listStoredSeals()).toEqual([]);
    const check = await b.api.checkAgainstWorkbook(altered(out.document, 79));
    expect(check).toMatchObject({
      fileIntact: false,
      basis: {
        kind: "log-only",
        entryId: "PL-000001",
        hash: out.document.hash,
      },
      fileEdits: [],
      rowFound: true,
      changes: [],
    });
  });
});
