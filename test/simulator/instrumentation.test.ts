// Rule 9: sync counts and bytes per sync; injected sync failures, whole or partway.
import { rejection, setup, thrown } from "./helpers";

test("stats count round trips and request/response bytes (max and total)", async () => {
  const { book, host } = setup(["S"]);
  book.sheet("S").setCells("A1:A3", [["a"], ["bb"], ["ccc"]]);
  await host.run(async (context) => {
    const r = context.workbook.worksheets.getItem("S").getRange("A1:A3");
    r.load("values");
    await context.sync();
    context.workbook.worksheets.getItem("S").getRange("B1:B3").values = [
      ["x".repeat(1000)],
      ["y"],
      ["z"],
    ];
    await context.sync();
  });
  const { syncs, requestBytes, responseBytes, log } = host.stats;
  expect(syncs).toBe(2);
  expect(log.map((l) => l.index)).toEqual([1, 2]);
  expect(log[1].requestBytes).toBeGreaterThan(1000);
  expect(log[0].responseBytes).toBeGreaterThanOrEqual(
    JSON.stringify([["a"], ["bb"], ["ccc"]]).length,
  );
  expect(requestBytes.total).toBe(log[0].requestBytes + log[1].requestBytes);
  expect(requestBytes.max).toBe(log[1].requestBytes);
  expect(responseBytes.max).toBe(log[0].responseBytes);
  host.resetStats();
  expect(host.stats.syncs).toBe(0);
});

test("failSync(1) fails the next sync with GeneralException and applies none of it", async () => {
  const { book, host } = setup(["S"]);
  host.failSync(1);
  const err = await rejection(
    host.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("A1").values = [["1"]];
      s.getRange("A2").values = [["2"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("GeneralException");
  expect(book.sheet("S").values("A1:A2")).toEqual([[""], [""]]);
  expect(host.stats.log[0].failed).toBe("GeneralException");
});

test("failSync(n, { afterOps }) fails the n-th sync from now after applying its first k operations", async () => {
  const { book, host } = setup(["S"]);
  host.failSync(2, { afterOps: 2 });
  const err = await rejection(
    host.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      await context.sync();
      // Operations of the second sync: getRange(A1), its values, getRange(A2), its values.
      s.getRange("A1").values = [["first"]];
      s.getRange("A2").values = [["second"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("GeneralException");
  expect(book.sheet("S").values("A1:A2")).toEqual([["first"], [""]]);
});

test("loads of a failed sync are not delivered", async () => {
  const { book, host } = setup(["S"]);
  book.sheet("S").setCells("A1", [["v"]]);
  await host.run(async (context) => {
    const r = context.workbook.worksheets.getItem("S").getRange("A1");
    r.load("values");
    host.failSync(1, { afterOps: 10 });
    await rejection(context.sync());
    // eslint-disable-next-line office-addins/load-object-before-read -- the failed sync left it unloaded: that is the case
    expect(thrown(() => r.values).code).toBe("PropertyNotLoaded");
  });
});

test("failSync only counts syncs that reach Excel", async () => {
  const { host } = setup(["S"]);
  host.failSync(1);
  await host.run(async (context) => {
    await context.sync();
    await context.sync();
  });
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("GeneralException");
});

test("a host page's createExcelHost (the package's main entry) runs batches but has no counters or faults", async () => {
  const { createExcelHost } = await import("@sealed-run/excel-simulator");
  const { SimWorkbook } = await import("@sealed-run/excel-simulator/testing");
  const book = new SimWorkbook({ sheets: ["S"] });
  const host = createExcelHost(book);
  expect(Object.keys(host).sort()).toEqual(["book", "isSetSupported", "run"]);
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["typed"]];
    await ctx.sync();
  });
  expect(book.sheet("S").cell("A1").value).toBe("typed");
  expect(host.isSetSupported("ExcelApi", "1.17")).toBe(true);
  expect(host.isSetSupported("ExcelApi", "1.18")).toBe(false);
});
