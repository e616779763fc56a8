// Every request and response under 5 MB, every sync (issue 10, point 5): a workbook of 100,000 runs
// that keeps 500 seals of long LLM text. The read that checks the log and finds the kept seals
// (the whole RunID column and forty parts at once) used to exceed Excel on the web's limit and fail
// the seal; now the parts are read in batches sized by their measured bytes, and a batch refused as
// too large (or failing generically) is read again in halves.
import { sealPartXml } from "../../src/office/sealStore";
import { ACTOR, CLOCK, makeBook, open, runId } from "./helpers";

jest.setTimeout(300_000);

const LIMIT = 5_000_000;

async function bookWithKeptSeals(rows: number, kept: number, text: number) {
  const b = open(makeBook(rows, { text }));
  const first = await b.api.sealRun(runId(0), {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  if (first.kind !== "sealed") throw new Error(first.reason);
  // More kept seals of the same size (stored without entries: orphans of other runs, as an
  // interrupted seal leaves them; the seal reports them and goes on).
  for (let i = 1; i < kept; i++)
    b.book.addCustomXmlPart(
      sealPartXml(
        {
          fileName: `${runId(rows - i)}_x.json`,
          runId: runId(rows - i),
          hash: `sha256:${String(i).padStart(64, "0")}`,
          head: "",
        },
        first.text,
      ),
    );
  return {
    b,
    partBytes: sealPartXml(
      { fileName: "x", runId: "x", hash: "x", head: "" },
      first.text,
    ).length,
  };
}

test("100,000 runs and 500 kept seals of long text: a seal succeeds with every request and response under 5 MB", async () => {
  const { b, partBytes } = await bookWithKeptSeals(100_000, 500, 30_000);
  expect(partBytes * 40 + 100_000 * 14).toBeGreaterThan(LIMIT); // forty parts and the RunID column would not fit one response
  b.book.select("LLM_OUTPUT", "C50002"); // RUN-050001
  b.sim.resetStats();
  const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(out.kind === "sealed" ? out.document.meta.run_id : out.reason).toBe(
    runId(50_000),
  );
  expect(b.sim.stats.log.filter((s) => s.failed)).toEqual([]);
  expect(
    Math.max(b.sim.stats.requestBytes.max, b.sim.stats.responseBytes.max),
  ).toBeLessThan(LIMIT);
  expect(out.warnings.join(" ")).toContain(
    "499 seal(s) kept in this workbook have no SEAL entry",
  );
});

test("a batch refused as too large, or failing generically, is read again smaller; the seal goes on", async () => {
  const { b } = await bookWithKeptSeals(100, 60, 2_000);
  b.book.select("LLM_OUTPUT", "C12");
  // Excel on the web's limits, much smaller: whatever the adapter planned, some reads are refused.
  b.sim.resetStats();
  const small = open(b.book, { limits: { maxResponseBytes: 400_000 } });
  const out = await small.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(out.kind).toBe("sealed");
  expect(
    small.sim.stats.log.some(
      (s) => s.failed === "ResponsePayloadSizeLimitExceeded",
    ),
  ).toBe(true);
  // A generic failure of a large read (desktop Excel reports oversize that way) is retried smaller too.
  const flaky = open(b.book);
  flaky.sim.failSync(2); // the second read: the row, the RunID column, the first kept seals
  b.book.select("LLM_OUTPUT", "C13");
  const again = await flaky.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(again.kind).toBe("sealed");
});

test("a RunID column too large for one response is read in chunks; the seal goes on", async () => {
  const b = open(makeBook(30_000), { limits: { maxResponseBytes: 200_000 } });
  b.book.select("LLM_OUTPUT", "C20002"); // RUN-020001
  const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(out.kind === "sealed" ? out.document.meta.run_id : out.reason).toBe(
    runId(20_000),
  );
  expect(
    b.sim.stats.log.filter((s) => s.failed).map((s) => s.failed),
  ).toContain("ResponsePayloadSizeLimitExceeded");
  // A duplicate far down the column is still found.
  b.book.sheet("LLM_OUTPUT").setCells("A30001", [[runId(20_001)]]);
  b.book.select("LLM_OUTPUT", "C20003");
  const dup = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(
    dup.kind === "refused" &&
      dup.checks
        .filter((c) => c.triggered)
        .map((c) => `${c.check}: ${c.detail}`)
        .join(" "),
  ).toMatch(/run_id_valid: .*RUN-020002/);
});
