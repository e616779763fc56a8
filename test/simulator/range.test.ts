// Range navigation, shape checks, selection (Range / RangeAreas) and the used range.
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { rejection, setup, thrown } from "./helpers";

test("navigation methods compute the expected addresses", async () => {
  const { host } = setup(["My Sheet"]);
  const got = await host.run(async (context) => {
    const base = context.workbook.worksheets
      .getItem("My Sheet")
      .getRange("B2:D4");
    const ranges = {
      cell: base.getCell(1, 2),
      row: base.getRow(2),
      col: base.getColumn(0),
      last: base.getLastRow(),
      below: base.getRowsBelow(2),
      above: base.getRowsAbove(),
      offset: base.getOffsetRange(1, -1),
      resized: base.getResizedRange(1, -2),
      absolute: base.getAbsoluteResizedRange(1, 5),
      inter: base.getIntersectionOrNullObject("C3:Z9"),
      none: base.getIntersectionOrNullObject("F6"),
      byIdx: context.workbook.worksheets
        .getItem("My Sheet")
        .getRangeByIndexes(1, 1, 3, 3),
    };
    Object.values(ranges).forEach((r) => r.load("address"));
    base.load("rowIndex, columnIndex, rowCount, columnCount, cellCount");
    await context.sync();
    return {
      ...Object.fromEntries(
        Object.entries(ranges).map(([k, r]) => [
          k,
          r.isNullObject ? null : r.address,
        ]),
      ),
      dims: [
        base.rowIndex,
        base.columnIndex,
        base.rowCount,
        base.columnCount,
        base.cellCount,
      ],
    };
  });
  expect(got).toEqual({
    cell: "'My Sheet'!D3",
    row: "'My Sheet'!B4:D4",
    col: "'My Sheet'!B2:B4",
    last: "'My Sheet'!B4:D4",
    below: "'My Sheet'!B5:D6",
    above: "'My Sheet'!B1:D1",
    offset: "'My Sheet'!A3:C5",
    resized: "'My Sheet'!B2:B5",
    absolute: "'My Sheet'!B2:F2",
    inter: "'My Sheet'!C3:D4",
    none: null,
    byIdx: "'My Sheet'!B2:D4",
    dims: [1, 1, 3, 3, 9],
  });
});

test("a range that would leave the sheet is refused with InvalidArgument", async () => {
  const { host } = setup(["S"]);
  for (const make of [
    (r: Excel.Range) => r.getRowsAbove(),
    (r: Excel.Range) => r.getOffsetRange(0, -1),
    (r: Excel.Range) => r.getRow(3),
  ]) {
    const err = await rejection(
      host.run(async (context) => {
        make(context.workbook.worksheets.getItem("S").getRange("A1")).load(
          "address",
        );
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per case: each iteration is its own host.run and context
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
  }
});

test("a bad address fails at sync with InvalidArgument", async () => {
  const { host } = setup(["S"]);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:").load("address");
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidArgument");
  expect(err.message).toContain("A1:");
});

test.each([
  ["too few rows", [["a", "b"]]],
  ["a ragged row", [["a", "b"], ["c"]]],
  ["a scalar", "a"],
])(
  "writing values with %s fails with InvalidArgument",
  async (_label, data) => {
    const { book, host } = setup(["S"]);
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B2").values =
          data as unknown as string[][];
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toMatch(/^.*values: /);
    expect(book.sheet("S").cell("A1").valueType).toBe("Empty");
  },
);

test("numberFormat writes are shape-checked and '' resets to General", async () => {
  const { book, host } = setup(["S"]);
  book.sheet("S").setNumberFormat("A1", "0.00");
  await host.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1:B1").numberFormat = [
      ["", "0%"],
    ];
    await context.sync();
  });
  expect(book.sheet("S").numberFormats("A1:B1")).toEqual([["General", "0%"]]);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").numberFormat =
        [["@"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidArgument");
});

describe("selection", () => {
  test("getSelectedRange returns the single selected area", async () => {
    const { book, host } = setup(["A", "B"]);
    book.select("B", "C3:D5");
    const address = await host.run(async (context) => {
      const r = context.workbook.getSelectedRange();
      r.load("address");
      await context.sync();
      return r.address;
    });
    expect(address).toBe("B!C3:D5");
  });

  test("with several areas, getSelectedRange fails and getSelectedRanges lists them", async () => {
    const { book, host } = setup(["A"]);
    book.select("A", "A2:C2", "A5:C6");
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.getSelectedRange().load("address");
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidSelection");
    const got = await host.run(async (context) => {
      const areas = context.workbook.getSelectedRanges();
      areas.load("address, areaCount, cellCount");
      areas.areas.load("items/address, items/rowIndex");
      await context.sync();
      return {
        address: areas.address,
        count: areas.areaCount,
        cells: areas.cellCount,
        items: areas.areas.items.map((r) => [r.address, r.rowIndex]),
      };
    });
    expect(got).toEqual({
      address: "A!A2:C2,A!A5:C6",
      count: 2,
      cells: 9,
      items: [
        ["A!A2:C2", 1],
        ["A!A5:C6", 4],
      ],
    });
  });

  test("getSelectedRanges needs ExcelApi 1.9 (the call itself throws on older hosts)", async () => {
    const { book } = setup(["A"]);
    await createTestHost(book, { apiSets: { ExcelApi: "1.8" } }).run(
      async (context) => {
        expect(thrown(() => context.workbook.getSelectedRanges()).code).toBe(
          "ApiNotFound",
        );
        await context.sync();
      },
    );
  });

  test("activate and Range.select change what is selected", async () => {
    const { book, host } = setup(["A", "B"]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("B").getRange("E5").select();
      await context.sync();
    });
    expect(book.activeSheet.name).toBe("B");
    expect(book.sheet("B").selection).toEqual([{ r0: 4, c0: 4, r1: 4, c1: 4 }]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("A").activate();
      await context.sync();
    });
    expect(book.activeSheet.name).toBe("A");
  });
});

test("getUsedRange covers the used cells; on an empty sheet it is A1 or a null object", async () => {
  const { book, host } = setup(["Empty", "Used"]);
  book.sheet("Used").setCells("B3", [["x"]]);
  book.sheet("Used").setCells("D7", [[1]]);
  const got = await host.run(async (context) => {
    const used = context.workbook.worksheets.getItem("Used").getUsedRange();
    const empty = context.workbook.worksheets.getItem("Empty").getUsedRange();
    const none = context.workbook.worksheets
      .getItem("Empty")
      .getUsedRangeOrNullObject();
    used.load("address");
    empty.load("address");
    await context.sync();
    return [used.address, empty.address, none.isNullObject];
  });
  expect(got).toEqual(["Used!B3:D7", "Empty!A1", true]);
});

test("a whole-sheet range reports its address as rows or columns", async () => {
  const { host } = setup(["S"]);
  const got = await host.run(async (context) => {
    const cols = context.workbook.worksheets.getItem("S").getRange("B:C");
    const rows = context.workbook.worksheets.getItem("S").getRange("2:3");
    cols.load("address, isEntireColumn");
    rows.load("address, isEntireRow");
    await context.sync();
    return [cols.address, cols.isEntireColumn, rows.address, rows.isEntireRow];
  });
  expect(got).toEqual(["S!B:C", true, "S!2:3", true]);
});

test("the used range follows every change, though it is remembered between changes", () => {
  const { book } = setup(["Grows"]);
  const sheet = book.sheet("Grows");
  expect(sheet.usedRect()).toBeNull();
  sheet.setCells("B2:C3", [
    ["a", "b"],
    ["c", "d"],
  ]);
  const first = sheet.usedRect();
  expect(first).toEqual({ r0: 1, c0: 1, r1: 2, c1: 2 });
  first!.r1 = 99; // what a caller does with its answer is not remembered
  expect(sheet.usedRect()).toEqual({ r0: 1, c0: 1, r1: 2, c1: 2 });
  sheet.setCells("E7", [["e"]]);
  expect(sheet.usedRect()).toEqual({ r0: 1, c0: 1, r1: 6, c1: 4 });
  // A number format alone counts for the used range, not for its values-only form.
  sheet.setNumberFormat("G9", "0.0%");
  expect(sheet.usedRect()).toEqual({ r0: 1, c0: 1, r1: 8, c1: 6 });
  expect(sheet.usedRect(true)).toEqual({ r0: 1, c0: 1, r1: 6, c1: 4 });
  sheet.setCells("E7", [[""]]);
  expect(sheet.usedRect(true)).toEqual({ r0: 1, c0: 1, r1: 2, c1: 2 });
});
