// What the ribbon's "Seal selected run" says when the selection does not name exactly one run.
import {
  SimWorkbook,
  createTestHost,
} from "@sealed-run/excel-simulator/testing";
import type { ExcelHost } from "../../src/office/host";
import { createWorkbookApi } from "../../src/workflows";
import {
  ACTOR,
  CLOCK,
  adapt,
  loadSample,
  makeBook,
  open,
  type Bench,
} from "./helpers";
import { containing } from "../matchers";

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
  expect(e.message).toBe(
    "The selection LLM_OUTPUT!K3 is outside LLMOutputTable on LLM_OUTPUT; select a cell in the run's row.",
  );
  await expect(b.api.selectedRunId()).rejects.toThrow(
    "LLM_OUTPUT!K3 is outside LLMOutputTable",
  );
});

test("a cell below the table is outside it", async () => {
  b.book.select("LLM_OUTPUT", "B40");
  expect((await refusal()).message).toMatch(
    /LLM_OUTPUT!B40 is outside LLMOutputTable/,
  );
});

test("the header row is named as the header", async () => {
  b.book.select("LLM_OUTPUT", "E1");
  const e = await refusal();
  expect(e.message).toBe(
    "The selection LLM_OUTPUT!E1 is on the header of LLMOutputTable on LLM_OUTPUT; select a run's row below it.",
  );
});

test("several rows: says how many", async () => {
  b.book.select("LLM_OUTPUT", "A2:C4");
  expect((await refusal()).message).toBe(
    "The selection LLM_OUTPUT!A2:C4 covers 3 rows of LLMOutputTable on LLM_OUTPUT; select one run (or seal several from the taskpane).",
  );
});

test("several areas: says how many", async () => {
  b.book.select("LLM_OUTPUT", "A2", "A4");
  const e = await refusal();
  expect(e.message).toMatch(
    /^Select one row of LLMOutputTable \(the selection .*A2.*A4.* has 2 areas\)\.$/,
  );
});

test("a selection on another sheet names that sheet", async () => {
  b.book.select("GOVERNANCE", "B2");
  expect((await refusal()).message).toBe(
    "The selection GOVERNANCE!B2 is on GOVERNANCE; select a row of LLMOutputTable on LLM_OUTPUT.",
  );
});

test("a whole row of the table, header row excluded, is one run", async () => {
  b.book.select("LLM_OUTPUT", "A4:I4");
  expect(await b.api.selectedRunId()).toBe("RUN-003");
});

test("a workbook without LLMOutputTable says what is missing", async () => {
  const book = new SimWorkbook({ sheets: ["Sheet1"], name: "Empty.xlsx" });
  book.sheet("Sheet1").setCells("A1:B2", [
    ["RunID", "Model"],
    ["RUN-001", "gpt-4o"],
  ]);
  b = open(book);
  b.book.select("Sheet1", "A2");
  const e = await refusal();
  expect(e.code).toBe("no-table");
  expect(e.message).toBe(
    "This workbook has no table LLMOutputTable (expected on the sheet LLM_OUTPUT). Format the runs as a table named LLMOutputTable, or open the sample workbook.",
  );
  expect(await b.api.inspect()).toEqual({
    hasRunTable: false,
    hasGovernance: false,
    hasPrompts: false,
    hasLog: false,
  });
});

test("LLMOutputTable on another sheet is named", async () => {
  const book = new SimWorkbook({ sheets: ["Runs"], name: "Moved.xlsx" });
  book.sheet("Runs").setCells("A1:A2", [["RunID"], ["RUN-001"]]);
  book.addTable("Runs", "A1:A2", { name: "LLMOutputTable" });
  b = open(book);
  b.book.select("Runs", "A2");
  const e = await refusal();
  expect(e.code).toBe("no-sheet");
  expect(e.message).toBe(
    "LLMOutputTable is on the sheet Runs; the add-in expects it on LLM_OUTPUT.",
  );
});

// Tables the user has filtered, sorted or changed (issue 10, point 6; simulator README rule 15).
describe("filtered, hidden, totals, headers off, moved while sealing", () => {
  const table = (book: ReturnType<typeof makeBook>, name: string) =>
    book.tables.find((t) => t.name === name)!;

  test("a selected row that is hidden (filtered out) is refused, and nothing is written", async () => {
    const b2 = open(makeBook(5));
    b2.book.sheet("LLM_OUTPUT").hiddenRows.add(2); // row 3: RUN-000002
    b2.book.select("LLM_OUTPUT", "C3");
    await expect(
      b2.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toMatchObject({
      code: "selection",
      message: containing(
        "The selected row (LLM_OUTPUT row 3) is hidden, by a filter or by hand: the add-in does not seal a row you cannot see.",
      ),
    });
    expect(b2.book.customXmlParts).toHaveLength(0);
    expect(b2.book.tables.some((t) => t.name === "PatchLogTable")).toBe(false);
    // A visible row of the same filtered table seals as usual.
    b2.book.select("LLM_OUTPUT", "C4");
    expect(
      (await b2.api.sealSelectedRun({ actor: ACTOR, now: CLOCK })).kind,
    ).toBe("sealed");
  });

  test("the total row is named as such, never sealed", async () => {
    const b2 = open(makeBook(4));
    table(b2.book, "LLMOutputTable").showTotals = true; // row 5 is now the total row
    b2.book.select("LLM_OUTPUT", "C5");
    await expect(
      b2.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toMatchObject({
      message:
        "The selection LLM_OUTPUT!C5 is on the total row of LLMOutputTable on LLM_OUTPUT; select a run's row above it.",
    });
  });

  test("a runs table with its header row turned off is refused with what to change", async () => {
    const b2 = open(makeBook(3));
    table(b2.book, "LLMOutputTable").showHeaders = false;
    b2.book.select("LLM_OUTPUT", "C3");
    await expect(
      b2.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toMatchObject({
      message: containing("The header row of LLMOutputTable is turned off"),
    });
  });

  test("a log table with a total row is left alone, with what to change", async () => {
    const b2 = open(makeBook(3));
    await b2.api.sealRun("RUN-000001", {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
    });
    const log = table(b2.book, "PatchLogTable");
    log.rect = { ...log.rect, r1: log.rect.r1 + 1 }; // Excel adds the total row below the last entry
    log.showTotals = true;
    await expect(
      b2.api.sealRun("RUN-000002", { actor: ACTOR, now: CLOCK, rowHint: 1 }),
    ).rejects.toMatchObject({
      code: "log-layout",
      message: containing(
        "PatchLogTable on PATCH_LOG cannot take new entries: it has a total row",
      ),
    });
    // The Log view still reads it.
    expect((await b2.api.readLog()).entries.map((e) => e.RunID)).toEqual([
      "RUN-000001",
    ]);
  });

  test("the table moved between reading the selection and reading the row: refused, not the run now at that index", async () => {
    const book = makeBook(5);
    book.select("LLM_OUTPUT", "C3"); // RUN-000002 as the user sees it
    const inner = adapt(createTestHost(book));
    let calls = 0;
    const host: ExcelHost = {
      supports: (set, version) => inner.supports(set, version),
      run: (async (a: never, b?: never) => {
        // After the first read, a row is inserted above the table: the selection now shows RUN-000001.
        if (++calls === 2)
          book.insertCells(book.sheet("LLM_OUTPUT"), 0, 1, 0, 8);
        return b === undefined ? inner.run(a) : inner.run(a, b);
      }) as ExcelHost["run"],
    };
    await expect(
      createWorkbookApi(host).sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toMatchObject({
      code: "selection",
      message: containing(
        "LLMOutputTable or the selection changed while the seal was reading it",
      ),
    });
    expect(book.customXmlParts).toHaveLength(0);
  });
});
