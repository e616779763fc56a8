// The verified count-and-head checkpoint beside PATCH_LOG (O1:O2): a seal reads the log's Action
// and RunID columns and the entries from the checkpoint on, so it costs 3 syncs whatever the log's
// size once a first seal (or patch) has set it; what it cannot vouch for sends it back to a full
// read, where the whole chain is checked.
import {
  makeEntry,
  PATCH_LOG_COLUMNS,
  type PatchLogEntry,
} from "../../src/core";
import type { SimWorkbook } from "@sealed-run/excel-simulator/testing";
import { ACTOR, CLOCK, makeBook, open, runId } from "./helpers";

jest.setTimeout(300_000);

async function logEntries(
  n: number,
  reasonLength = 40,
): Promise<PatchLogEntry[]> {
  const entries: PatchLogEntry[] = [];
  const reason = "Reviewer note: ".padEnd(reasonLength, "n");
  for (let i = 0; i < n; i++) {
    entries.push(
      await makeEntry(entries, {
        Timestamp: "2026-02-15T18:30:00Z",
        Action: "REFUSED",
        RunID: `OLD-${i}`,
        Actor: "A. Auditor",
        Reason: reason,
      }),
    );
  }
  return entries;
}

function putLog(
  book: SimWorkbook,
  entries: PatchLogEntry[],
  checkpoint?: string,
): void {
  const sheet = book.addSheet("PATCH_LOG");
  const last = entries.length + 1;
  sheet.setCells(
    `A1:M${last}`,
    [
      [...PATCH_LOG_COLUMNS],
      ...entries.map((e) => PATCH_LOG_COLUMNS.map((c) => e[c])),
    ],
    "@",
  );
  book.addTable("PATCH_LOG", `A1:M${last}`, { name: "PatchLogTable" });
  if (checkpoint !== undefined)
    sheet.setCells(
      "O1:O2",
      [["Chain verified through (entries|EntryHash)"], [checkpoint]],
      "@",
    );
}

const checkpointOf = (book: SimWorkbook) =>
  book.sheet("PATCH_LOG").values("O2")[0][0];

test("a seal on a 50 MB log costs 3 syncs once a first seal has set the checkpoint", async () => {
  const book = makeBook(20);
  const entries = await logEntries(20_000, 2500);
  putLog(book, entries);
  const b = open(book);

  // First seal: no checkpoint, so the whole log is read (one sync per 4 MB) and checked.
  b.book.select("LLM_OUTPUT", "A3");
  b.sim.resetStats();
  const first = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(first.kind).toBe("sealed");
  if (first.kind !== "sealed") return;
  expect(first.document.reconstruction.patch_log_head).toBe(
    entries[entries.length - 1].EntryHash,
  );
  const firstSyncs = b.sim.stats.syncs;
  expect(firstSyncs).toBeGreaterThan(3 + 50 / 4);
  expect(firstSyncs).toBeLessThanOrEqual(3 + 2 + 30);
  expect(checkpointOf(b.book)).toBe(`20001|${first.logEntry.EntryHash}`);
  expect(b.book.sheet("PATCH_LOG").values("O1")[0][0]).toBe(
    "Chain verified through (entries|EntryHash)",
  );

  // Then: exactly 3 syncs, from the selection.
  b.book.select("LLM_OUTPUT", "A4");
  b.sim.resetStats();
  const second = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(second.kind).toBe("sealed");
  if (second.kind !== "sealed") return;
  expect(b.sim.stats.syncs).toBe(4);
  expect(second.document.meta.run_id).toBe(runId(2));
  expect(second.document.reconstruction.patch_log_head).toBe(
    first.logEntry.EntryHash,
  );
  expect(second.logEntry.EntryID).toBe("PL-020002");
  expect(checkpointOf(b.book)).toBe(`20002|${second.logEntry.EntryHash}`);

  // By run id (the taskpane), a run sealed before the checkpoint: its SEAL row is read in sync 2.
  b.sim.resetStats();
  const again = await b.api.sealRun(runId(1), {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 1,
  });
  expect(again.kind).toBe("refused");
  if (again.kind !== "refused") return;
  expect(b.sim.stats.syncs).toBe(4);
  expect(again.reason).toBe("not_already_sealed");
  expect(again.checks[7].detail).toContain(`${first.document.hash}, PL-020001`);
  expect(checkpointOf(b.book)).toBe(`20003|${again.logEntry?.EntryHash}`);

  // From the selection the run is known only after sync 2: its SEAL row costs one more sync.
  b.book.select("LLM_OUTPUT", "A3");
  b.sim.resetStats();
  const v2 = await b.api.sealSelectedRun({
    actor: ACTOR,
    now: CLOCK,
    newVersionReason: "typo in the risks",
  });
  expect(v2.kind).toBe("sealed");
  if (v2.kind !== "sealed") return;
  expect(b.sim.stats.syncs).toBe(5);
  expect(
    v2.document.authority_envelope.refusal.checks_performed[7].detail,
  ).toBe(`supersedes ${first.document.hash}; reason: typo in the risks`);

  const log = await b.api.readLog();
  expect(log.chain.intact).toBe(true);
  expect(log.entries).toHaveLength(20_004);
  expect(log.orphans).toEqual([]);
});

describe("what the checkpoint does not vouch for", () => {
  test("an edited entry after the checkpoint refuses with gate:patch_log_intact, in 3 syncs", async () => {
    const book = makeBook(5);
    const entries = await logEntries(40);
    putLog(book, entries, `30|${entries[29].EntryHash}`);
    book.sheet("PATCH_LOG").setCells("K36", [["tampered"]], "@"); // PL-000035's Reason
    const b = open(book);
    b.sim.resetStats();
    const out = await b.api.sealRun(runId(0), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
    });
    expect(out.kind).toBe("refused");
    if (out.kind !== "refused") return;
    expect(b.sim.stats.syncs).toBe(4);
    expect(out.reason).toBe("gate:patch_log_intact");
    const gate = out.gates.find((g) => g.gate === "patch_log_intact");
    expect(gate?.detail).toContain("PL-000035");
    expect(gate?.detail).toContain("changed after it was written");
    // The REFUSED entry is logged; the checkpoint stays where the chain was last verified.
    expect(out.logEntry?.EntryID).toBe("PL-000041");
    expect(checkpointOf(b.book)).toBe(`30|${entries[29].EntryHash}`);
  });

  test("the verified prefix is trusted by a seal (the Log view checks it in full)", async () => {
    const book = makeBook(5);
    const entries = await logEntries(40);
    putLog(book, entries, `30|${entries[29].EntryHash}`);
    book.sheet("PATCH_LOG").setCells("K11", [["tampered"]], "@"); // PL-000010, before the checkpoint
    const b = open(book);
    const out = await b.api.sealRun(runId(0), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
    });
    expect(out.kind).toBe("sealed");
    const log = await b.api.readLog();
    expect(log.chain.intact).toBe(false);
    expect(log.chain.firstBreak?.entryId).toBe("PL-000010");
  });

  test.each([
    [
      "a head that is not its entry's",
      (e: PatchLogEntry[]) => `40|${e[10].EntryHash}`,
    ],
    ["a count beyond the log", (e: PatchLogEntry[]) => `41|${e[39].EntryHash}`],
    ["not a checkpoint", () => "=verified"],
  ])(
    "an edited checkpoint (%s) sends the seal to a full read, where the chain check reports an edit",
    async (_, cp) => {
      const book = makeBook(5);
      const entries = await logEntries(40);
      putLog(book, entries, cp(entries));
      book.sheet("PATCH_LOG").setCells("K11", [["tampered"]], "@"); // PL-000010
      const b = open(book);
      b.sim.resetStats();
      const out = await b.api.sealRun(runId(0), {
        actor: ACTOR,
        now: CLOCK,
        rowHint: 0,
      });
      expect(out.kind).toBe("refused");
      if (out.kind !== "refused") return;
      expect(out.reason).toBe("gate:patch_log_intact");
      expect(
        out.gates.find((g) => g.gate === "patch_log_intact")?.detail,
      ).toContain("PL-000010");
      expect(b.sim.stats.syncs).toBeLessThanOrEqual(5);
    },
  );

  test("a log cut below the checkpoint is read in full and the kept seals' heads report the cut", async () => {
    const book = makeBook(5);
    putLog(book, await logEntries(40));
    const b = open(book);
    const a = await b.api.sealRun(runId(0), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
    });
    const c = await b.api.sealRun(runId(1), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 1,
    });
    expect([a.kind, c.kind]).toEqual(["sealed", "sealed"]);
    expect(checkpointOf(b.book)).toMatch(/^42\|sha256:/);
    // Delete the last three rows (PL-000040 to PL-000042) from the table's end.
    const table = b.book.table("PatchLogTable");
    b.book.sheet("PATCH_LOG").setCells(
      "A41:M43",
      Array.from({ length: 3 }, () => Array<string>(13).fill("")),
    );
    table.rect = { ...table.rect, r1: table.rect.r1 - 3 };
    b.sim.resetStats();
    const out = await b.api.sealRun(runId(2), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 2,
    });
    expect(out.kind).toBe("refused");
    if (out.kind !== "refused") return;
    expect(out.reason).toBe("gate:patch_log_intact");
    expect(
      out.gates.find((g) => g.gate === "patch_log_intact")?.detail,
    ).toMatch(/names log head sha256:[0-9a-f]+, which is no longer in the log/);
    expect(checkpointOf(b.book)).toMatch(/^42\|/);
  });
});

test("a patch moves the checkpoint; the next seal costs 3 syncs", async () => {
  const book = makeBook(5);
  putLog(book, await logEntries(40));
  const b = open(book);
  const s = await b.api.sealRun(runId(0), {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  if (s.kind !== "sealed") throw new Error("not sealed");
  const p = await b.api.recordPatch({
    sealHash: s.document.hash,
    field: "kpis.summary_confidence_pct",
    newValue: "80",
    reason: "recomputed",
    actor: ACTOR,
    now: CLOCK,
  });
  expect(checkpointOf(b.book)).toBe(`42|${p.logEntry.EntryHash}`);
  b.sim.resetStats();
  const next = await b.api.sealRun(runId(1), {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 1,
  });
  expect(next.kind).toBe("sealed");
  expect(b.sim.stats.syncs).toBe(4);
  expect(checkpointOf(b.book)).toMatch(/^43\|/);
  expect((await b.api.readLog()).chain.intact).toBe(true);
});

test("a repair of a seal cut off after storing its document checks the chain and moves the checkpoint", async () => {
  // Find where in sync 3 a cut leaves the document stored without its entry.
  let b = open(makeBook(5));
  for (let k = 1; k < 40; k++) {
    b = open(makeBook(5));
    await b.api.sealRun(runId(0), { actor: ACTOR, now: CLOCK, rowHint: 0 });
    b.sim.failSync(3, { afterOps: k });
    await expect(
      b.api.sealRun(runId(2), { actor: ACTOR, now: CLOCK, rowHint: 2 }),
    ).rejects.toThrow();
    if ((await b.api.readLog()).orphans.length) break;
  }
  expect((await b.api.readLog()).orphans).toHaveLength(1);
  expect(checkpointOf(b.book)).toMatch(/^1\|/);
  expect(await b.api.repairOrphans(ACTOR)).toBe(1);
  const repaired = await b.api.readLog();
  expect(repaired.chain.intact).toBe(true);
  expect(checkpointOf(b.book)).toBe(`2|${repaired.entries[1].EntryHash}`);
  b.sim.resetStats();
  const retry = await b.api.sealRun(runId(2), {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 2,
  });
  expect(retry.kind === "refused" ? retry.reason : retry.kind).toBe(
    "not_already_sealed",
  );
  expect(b.sim.stats.syncs).toBe(4);
});
