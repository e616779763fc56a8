// One writer at a time (issue 10, point 7): the ribbon's Seal Run and a task pane batch (or a
// patch, or a repair) started together in one add-in must not both append after the same log head.
import { ACTOR, CLOCK, makeBook, open } from "./helpers";

test("two seals started at once in one add-in append one after the other; the chain stays intact", async () => {
  const b = open(makeBook(5));
  b.book.select("LLM_OUTPUT", "A2"); // the ribbon seals the selection (RUN-000001)
  const [ribbon, pane] = await Promise.all([
    b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    b.api.sealRun("RUN-000003", { actor: ACTOR, now: CLOCK, rowHint: 2 }),
  ]);
  expect([ribbon.kind, pane.kind]).toEqual(["sealed", "sealed"]);
  expect([...ribbon.warnings, ...pane.warnings]).toEqual([]);
  const log = await b.api.readLog();
  expect(log.entries.map((e) => `${e.EntryID} ${e.RunID}`)).toEqual([
    "PL-000001 RUN-000001",
    "PL-000002 RUN-000003",
  ]);
  expect(log.entries[1].PrevEntryHash).toBe(log.entries[0].EntryHash);
  expect(log.chain.intact).toBe(true);
});

test("a patch started during a seal waits, then follows the seal's entry", async () => {
  const b = open(makeBook(5));
  const first = await b.api.sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  if (first.kind !== "sealed") throw new Error("not sealed");
  const [seal, patch] = await Promise.all([
    b.api.sealRun("RUN-000002", { actor: ACTOR, now: CLOCK, rowHint: 1 }),
    b.api.recordPatch({
      sealHash: first.document.hash,
      field: "meta.operator",
      newValue: "M. Okafor",
      reason: "typo",
      actor: ACTOR,
      now: CLOCK,
    }),
  ]);
  expect(seal.kind).toBe("sealed");
  expect(patch.logEntry.EntryID).toBe("PL-000003");
  const log = await b.api.readLog();
  expect(log.entries.map((e) => e.Action)).toEqual(["SEAL", "SEAL", "PATCH"]);
  expect(log.chain.intact).toBe(true);
});

test("a write that fails does not block the next one", async () => {
  const b = open(makeBook(3));
  b.sim.failSync(1); // the first seal's first read fails
  const [failed, next] = await Promise.allSettled([
    b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 }),
    b.api.sealRun("RUN-000002", { actor: ACTOR, now: CLOCK, rowHint: 1 }),
  ]);
  expect(failed.status).toBe("rejected");
  expect(next.status === "fulfilled" && next.value.kind).toBe("sealed");
});
