// Rule 8: cell-edit mode makes syncs fail, unless the run asked to wait (delayForCellEdit).
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { rejection, setup } from "./helpers";

test("in cell-edit mode a sync fails with InvalidOperationInCellEditMode and applies nothing", async () => {
  const { book, host } = setup(["S"]);
  book.setCellEditMode(true);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidOperationInCellEditMode");
  expect(err.message).toContain("cell-editing mode");
  expect(book.sheet("S").cell("A1").valueType).toBe("Empty");
});

test("with delayForCellEdit the batch waits until edit mode ends, then runs", async () => {
  const { book, host } = setup(["S"]);
  book.setCellEditMode(true);
  let done = false;
  const run = host
    .run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [
        ["after edit"],
      ];
      await context.sync();
    })
    .then(() => {
      done = true;
    });
  await new Promise((r) => setTimeout(r, 20));
  expect(done).toBe(false);
  expect(book.sheet("S").cell("A1").valueType).toBe("Empty");
  book.setCellEditMode(false);
  await run;
  expect(done).toBe(true);
  expect(book.sheet("S").cell("A1").value).toBe("after edit");
});

test("a sync with nothing queued never reaches Excel, so edit mode cannot fail it", async () => {
  const { book, host } = setup(["S"]);
  book.setCellEditMode(true);
  await expect(
    host.run(async (context) => context.sync("nothing")),
  ).resolves.toBe("nothing");
});

test("delayForCellEdit needs ExcelApi 1.11", async () => {
  const { book } = setup(["S"]);
  const old = createTestHost(book, { apiSets: { ExcelApi: "1.10" } });
  const err = await rejection(
    old.run({ delayForCellEdit: true }, async (context) => context.sync()),
  );
  expect(err.code).toBe("ApiNotFound");
});
