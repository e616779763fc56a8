// Rule 6: 5 MB request/response payloads and 5,000,000-cell reads; and reading a large table
// in chunks takes one round trip a chunk, each answer under the limit. How long that takes is
// the bench's figure (read_rows_100000_ms, scripts/bench-workbook.mjs), never a unit test's.
import {
  SimWorkbook,
  createTestHost,
} from "@sealed-run/excel-simulator/testing";
import { rejection, setup } from "./helpers";

test("a write whose payload exceeds the limit fails and nothing of that sync is applied", async () => {
  const { book, host } = setup(["S"]);
  const rows = Array.from({ length: 200 }, (_, i) => [
    `row ${i} ` + "x".repeat(30_000),
  ]);
  const err = await rejection(
    host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("B1").values = [["small write first"]];
      sheet.getRange("A1:A200").values = rows;
      await context.sync();
    }),
  );
  expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
  expect(err.message).toMatch(/about \d+ bytes; the limit is 5000000/);
  expect(book.sheet("S").cell("B1").valueType).toBe("Empty");
  expect(host.stats.log[0]).toMatchObject({
    failed: "RequestPayloadSizeLimitExceeded",
  });
});

test("a read whose response exceeds the limit fails; the same data in chunks succeeds", async () => {
  const { book, host } = setup(["S"]);
  const text = "y".repeat(10_000);
  book.sheet("S").setCells(
    "A1:A600",
    Array.from({ length: 600 }, () => [text]),
  );
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets
        .getItem("S")
        .getRange("A1:A600")
        .load("values");
      await context.sync();
    }),
  );
  expect(err.code).toBe("ResponsePayloadSizeLimitExceeded");
  host.resetStats();
  const total = await host.run(async (context) => {
    let n = 0;
    for (let start = 0; start < 600; start += 200) {
      const r = context.workbook.worksheets
        .getItem("S")
        .getRangeByIndexes(start, 0, 200, 1);
      r.load("values");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a chunked read (Excel on the web refuses answers over 5 MB) syncs once per chunk
      await context.sync();
      n += r.values.length;
    }
    return n;
  });
  expect(total).toBe(600);
  expect(host.stats.syncs).toBe(3);
  expect(host.stats.responseBytes.max).toBeLessThan(5_000_000);
});

test("a read of more than 5,000,000 cells fails with RangeExceedsLimit", async () => {
  const { host } = setup(["S"]);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A:E").load("values");
      await context.sync();
    }),
  );
  expect(err.code).toBe("RangeExceedsLimit");
  expect(err.message).toContain("5242880");
});

test("the address of a huge range can still be loaded (no cell data travels)", async () => {
  const { host } = setup(["S"]);
  const address = await host.run(async (context) => {
    const r = context.workbook.worksheets.getItem("S").getRange();
    r.load("address");
    await context.sync();
    return r.address;
  });
  expect(address).toBe("S!A1:XFD1048576");
});

test("limits can be set per host (e.g. to model a smaller client)", async () => {
  const book = new SimWorkbook({ sheets: ["S"] });
  const host = createTestHost(book, { limits: { maxReadCells: 10 } });
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A11").load("text");
      await context.sync();
    }),
  );
  expect(err.code).toBe("RangeExceedsLimit");
});

test("a 100,000-row × 10-column table of long text reads in chunks: one round trip a chunk, each under 5 MB", async () => {
  const book = new SimWorkbook({ sheets: ["LLM_OUTPUT"] });
  const sheet = book.sheet("LLM_OUTPUT");
  const ROWS = 100_000;
  const long =
    "Long free-text finding that an LLM wrote about a risk and its mitigation. ".repeat(
      3,
    );
  sheet.setCells("A1:J1", [Array.from({ length: 10 }, (_, j) => `Col${j}`)]);
  const body = Array.from({ length: ROWS }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (j === 0 ? `RUN-${i}` : long)),
  );
  sheet.setCells(`A2:J${ROWS + 1}`, body);
  book.addTable("LLM_OUTPUT", `A1:J${ROWS + 1}`, { name: "LLMOutputTable" });
  const host = createTestHost(book);
  const CHUNK = 2_000;

  const found = await host.run(async (context) => {
    const table = context.workbook.tables.getItem("LLMOutputTable");
    const bodyRange = table.getDataBodyRange();
    bodyRange.load("rowCount");
    await context.sync();
    let last = "";
    for (let start = 0; start < bodyRange.rowCount; start += CHUNK) {
      const chunk = bodyRange
        .getRow(0)
        .getOffsetRange(start, 0)
        .getAbsoluteResizedRange(
          Math.min(CHUNK, bodyRange.rowCount - start),
          10,
        );
      chunk.load("values");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a chunked read (Excel on the web refuses answers over 5 MB) syncs once per chunk
      await context.sync();
      last = String(chunk.values[chunk.values.length - 1][0]);
    }
    return last;
  });
  expect(found).toBe(`RUN-${ROWS - 1}`);
  // The row count, then each chunk once: nothing read twice, no sync without a reason.
  expect(host.stats.syncs).toBe(1 + Math.ceil(ROWS / CHUNK));
  expect(host.stats.responseBytes.max).toBeLessThan(5_000_000);
  // Every cell's text travels once: the answers together hold the table's text and little else.
  const tableChars = body.reduce(
    (n, row) => n + row.reduce((m, v) => m + v.length, 0),
    0,
  );
  expect(host.stats.responseBytes.total).toBeGreaterThan(tableChars);
  expect(host.stats.responseBytes.total).toBeLessThan(tableChars * 1.2);
});

test("when only the response is too large, the writes of that sync have already happened", async () => {
  const { book, host } = setup(["S"]);
  book.sheet("S").setCells(
    "A1:A600",
    Array.from({ length: 600 }, () => ["z".repeat(10_000)]),
  );
  const err = await rejection(
    host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("B1").values = [["written"]];
      sheet.getRange("A1:A600").load("values");
      await context.sync();
    }),
  );
  expect(err.code).toBe("ResponsePayloadSizeLimitExceeded");
  expect(book.sheet("S").cell("B1").value).toBe("written");
});
