// What the ribbon's "Seal selected run" says when the selection does not name exactly one run.
import { SimWorkbook } from "../../src/simulator";
import { ACTOR, CLOCK, loadSample, open, type Bench } from "./helpers";

let b: Bench;
beforeEach(async () => {
  b = await loadSample();
});

async function refusal(): Promise<{ message: string; code: string }> {
  const e = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }).then(
    () => null,
    (x: { message: string; code: string }) => x,
  );
  if (!e) throw new Error("the seal went through");
  // Nothing was sealed or logged.
  expect(b.book.findSheet("PATCH_LOG")).toBeUndefined();
  expect(b.book.liveParts).toHaveLength(0);
  return e;
}

test("a cell right of the table is outside it", async () => {
  b.book.select("LLM_OUTPUT", "K3");
  const e = await refusal();
  expect(e.code).toBe("selection");
  expect(e.message).toBe("The selection LLM_OUTPUT!K3 is outside LLMOutputTable on LLM_OUTPUT; select a cell in the run's row.");
  await expect(b.api.selectedRunId()).rejects.toThrow("LLM_OUTPUT!K3 is outside LLMOutputTable");
});

test("a cell below the table is outside it", async () => {
  b.book.select("LLM_OUTPUT", "B40");
  expect((await refusal()).message).toMatch(/LLM_OUTPUT!B40 is outside LLMOutputTable/);
});

test("the header row is named as the header", async () => {
  b.book.select("LLM_OUTPUT", "E1");
  const e = await refusal();
  expect(e.message).toBe("The selection LLM_OUTPUT!E1 is on the header of LLMOutputTable on LLM_OUTPUT; select a run's row below it.");
});

test("several rows: says how many", async () => {
  b.book.select("LLM_OUTPUT", "A2:C4");
  expect((await refusal()).message).toBe("The selection LLM_OUTPUT!A2:C4 covers 3 rows of LLMOutputTable on LLM_OUTPUT; select one run (or seal several from the taskpane).");
});

test("several areas: says how many", async () => {
  b.book.select("LLM_OUTPUT", "A2", "A4");
  const e = await refusal();
  expect(e.message).toMatch(/^Select one row of LLMOutputTable \(the selection .*A2.*A4.* has 2 areas\)\.$/);
});

test("a selection on another sheet names that sheet", async () => {
  b.book.select("GOVERNANCE", "B2");
  expect((await refusal()).message).toBe("The selection GOVERNANCE!B2 is on GOVERNANCE; select a row of LLMOutputTable on LLM_OUTPUT.");
});

test("a whole row of the table, header row excluded, is one run", async () => {
  b.book.select("LLM_OUTPUT", "A4:I4");
  expect(await b.api.selectedRunId()).toBe("RUN-003");
});

test("a workbook without LLMOutputTable says what is missing", async () => {
  const book = new SimWorkbook({ sheets: ["Sheet1"], name: "Empty.xlsx" });
  book.sheet("Sheet1").setCells("A1:B2", [["RunID", "Model"], ["RUN-001", "gpt-4o"]]);
  b = open(book);
  b.book.select("Sheet1", "A2");
  const e = await refusal();
  expect(e.code).toBe("no-table");
  expect(e.message).toBe(
    "This workbook has no table LLMOutputTable (expected on the sheet LLM_OUTPUT). Format the runs as a table named LLMOutputTable, or open the sample workbook.",
  );
  expect(await b.api.inspect()).toEqual({ hasRunTable: false, hasGovernance: false, hasPrompts: false, hasLog: false });
});

test("LLMOutputTable on another sheet is named", async () => {
  const book = new SimWorkbook({ sheets: ["Runs"], name: "Moved.xlsx" });
  book.sheet("Runs").setCells("A1:A2", [["RunID"], ["RUN-001"]]);
  book.addTable("Runs", "A1:A2", { name: "LLMOutputTable" });
  b = open(book);
  b.book.select("Runs", "A2");
  const e = await refusal();
  expect(e.code).toBe("no-sheet");
  expect(e.message).toBe("LLMOutputTable is on the sheet Runs; the add-in expects it on LLM_OUTPUT.");
});
