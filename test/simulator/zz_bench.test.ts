import { SimWorkbook, createExcelHost } from "../../src/simulator";
test("bench write", async () => {
  const book = new SimWorkbook({ sheets: ["S"] });
  const host = createExcelHost(book);
  const long = "Long free-text finding that an LLM wrote about a risk and its mitigation. ".repeat(3);
  const t0 = performance.now();
  await host.run(async (ctx) => {
    for (let start = 0; start < 100_000; start += 2000) {
      const rows = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === 0 ? `RUN-${start + i}` : long)));
      ctx.workbook.worksheets.getItem("S").getRangeByIndexes(start, 0, 2000, 10).values = rows;
      await ctx.sync();
    }
  });
  console.log("write ms", Math.round(performance.now() - t0), host.stats.syncs, host.stats.requestBytes.max);
});
