// A seal takes at most three round trips to Excel whatever the table's size, and one more to save (each sync is a
// round trip to Excel on the web: a seal must not slow down with a long table).
import { ACTOR, CLOCK, makeBook, open, runId } from "./helpers";

jest.setTimeout(180_000);

test.each([100, 100_000])(
  "sealing a run of a %i-row table takes at most 3 syncs and the save",
  async (rows) => {
    const b = open(makeBook(rows));
    const target = Math.floor(rows / 2);
    b.book.select("LLM_OUTPUT", `C${target + 2}`);
    b.sim.resetStats();
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    expect(out.kind).toBe("sealed");
    if (out.kind === "sealed")
      expect(out.document.meta.run_id).toBe(runId(target));
    expect(b.sim.stats.syncs).toBeLessThanOrEqual(4);
    expect(b.sim.stats.log.every((s) => !s.failed)).toBe(true);

    // Refused from the selection (already sealed): the REFUSED entry is written in the same 3 syncs.
    b.sim.resetStats();
    const again = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    expect(again.kind).toBe("refused");
    expect(b.sim.stats.syncs).toBeLessThanOrEqual(4);

    // By run id with the row the taskpane's list gave: 3 syncs too.
    b.sim.resetStats();
    const other = await b.api.sealRun(runId(rows - 1), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: rows - 1,
    });
    expect(other.kind).toBe("sealed");
    expect(b.sim.stats.syncs).toBeLessThanOrEqual(4);

    // Without a hint, or with a stale one (rows moved), the first read is of the wrong row: one more sync, never more.
    b.sim.resetStats();
    const stale = await b.api.sealRun(runId(rows - 2), {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
    });
    expect(stale.kind).toBe("sealed");
    if (stale.kind === "sealed")
      expect(stale.document.meta.run_id).toBe(runId(rows - 2));
    expect(b.sim.stats.syncs).toBeLessThanOrEqual(5);
  },
);
