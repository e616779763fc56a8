// Tables: creation, header names, row insertion, columns, and the ranges they hand out.
import { rejection, setup } from "./helpers";

describe("tables.add", () => {
  test("with headers: the first row names the columns; a header-only range gets one empty row", async () => {
    const { book, host } = setup(["Log"]);
    book.sheet("Log").setCells("A1:C1", [["EntryID", "", "EntryID"]]);
    const got = await host.run(async (context) => {
      const t = context.workbook.worksheets
        .getItem("Log")
        .tables.add("A1:C1", true);
      t.name = "PatchLogTable";
      t.load("name");
      t.columns.load("items/name");
      const body = t.getDataBodyRange();
      body.load("address, values");
      await context.sync();
      return {
        name: t.name,
        cols: t.columns.items.map((c) => c.name),
        body: body.address,
        values: body.values,
      };
    });
    expect(got).toEqual({
      name: "PatchLogTable",
      cols: ["EntryID", "Column2", "EntryID2"],
      body: "Log!A2:C2",
      values: [["", "", ""]],
    });
    expect(book.sheet("Log").values("A1:C1")).toEqual([
      ["EntryID", "Column2", "EntryID2"],
    ]);
  });

  test("without headers: a header row of Column1… is inserted above the data", async () => {
    const { book, host } = setup(["S"]);
    book.sheet("S").setCells("A1:B2", [
      [1, 2],
      [3, 4],
    ]);
    await host.run(async (context) => {
      context.workbook.tables.add("S!A1:B2", false);
      await context.sync();
    });
    expect(book.sheet("S").values("A1:B3")).toEqual([
      ["Column1", "Column2"],
      [1, 2],
      [3, 4],
    ]);
    expect(book.table("Table1").rect).toEqual({ r0: 0, c0: 0, r1: 2, c1: 1 });
  });

  test("overlapping an existing table is refused", async () => {
    const { book, host } = setup(["S"]);
    book.addTable("S", "A1:B3");
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.getItem("S").tables.add("B2:C4", true);
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidOperation");
  });

  test("a duplicate or invalid table name is refused", async () => {
    const { book, host } = setup(["S"]);
    book.addTable("S", "A1:B2", { name: "Taken" });
    const cases = [
      ["taken", "ItemAlreadyExists"],
      ["A1", "InvalidArgument"],
      ["has space", "InvalidArgument"],
    ];
    for (const [i, [name, code]] of cases.entries()) {
      const err = await rejection(
        host.run(async (context) => {
          // Each attempt creates its table (the rename fails after it), so use fresh ranges.
          context.workbook.worksheets
            .getItem("S")
            .tables.add(`D${i * 3 + 1}:E${i * 3 + 2}`, true).name = name;
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per case: each iteration is its own host.run and context
          await context.sync();
        }),
      );
      expect(err.code).toBe(code);
    }
  });
});

describe("rows.add", () => {
  test("appends after the last row (after a blank one too) and parses values like Range.values", async () => {
    const { book, host } = setup(["Log"]);
    book.sheet("Log").setCells("A1:B1", [["EntryID", "Note"]]);
    book.addTable("Log", "A1:B1", { name: "T" });
    const count = await host.run(async (context) => {
      const t = context.workbook.tables.getItem("T");
      t.rows.add(undefined, [["00001", "=1+1"]]);
      t.rows.load("count");
      await context.sync();
      // eslint-disable-next-line office-addins/load-object-before-read -- loaded through a navigation property (x.y.load), which the rule cannot follow
      return t.rows.count;
    });
    expect(count).toBe(2);
    expect(book.sheet("Log").values("A2:B3")).toEqual([
      ["", ""],
      [1, 2],
    ]);
    expect(book.sheet("Log").cell("B3").formula).toBe("=1+1");
  });

  test("inserting in the middle moves the rows below, and tables below move with them", async () => {
    const { book, host } = setup(["S"]);
    const s = book.sheet("S");
    s.setCells("A1:A3", [["H"], ["r0"], ["r1"]]);
    book.addTable("S", "A1:A3", { name: "T" });
    s.setCells("A5:A6", [["H2"], ["x"]]);
    book.addTable("S", "A5:A6", { name: "Below" });
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(1, [["new"]]);
      await context.sync();
    });
    expect(s.values("A1:A7")).toEqual([
      ["H"],
      ["r0"],
      ["new"],
      ["r1"],
      [""],
      ["H2"],
      ["x"],
    ]);
    expect(book.table("Below").rect.r0).toBe(5);
  });

  test("new rows do not inherit the column's number format", async () => {
    const { book, host } = setup(["S"]);
    book.sheet("S").setCells("A1:A2", [["ID"], ["007"]]);
    book.sheet("S").setNumberFormat("A2", "@");
    book.addTable("S", "A1:A2", { name: "T" });
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(undefined, [["008"]]);
      await context.sync();
    });
    expect(book.sheet("S").cell("A3")).toMatchObject({
      value: 8,
      numberFormat: "General",
    });
  });

  test("a wrong number of columns is refused and the table is unchanged", async () => {
    const { book, host } = setup(["S"]);
    book.addTable("S", "A1:C1", { name: "T" });
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(undefined, [["a", "b"]]);
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toContain("3");
    expect(book.table("T").rowCount).toBe(1);
  });

  test("an index past the end is refused", async () => {
    const { book, host } = setup(["S"]);
    book.addTable("S", "A1:A1", { name: "T" });
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(5, [["x"]]);
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
  });

  test("adding several rows needs ExcelApi 1.4", async () => {
    const { book } = setup(["S"]);
    book.addTable("S", "A1:A1", { name: "T" });
    const { createTestHost } =
      await import("@sealed-run/excel-simulator/testing");
    const old = createTestHost(book, { apiSets: { ExcelApi: "1.3" } });
    const err = await rejection(
      old.run(async (context) => {
        context.workbook.tables
          .getItem("T")
          .rows.add(undefined, [["a"], ["b"]]);
        await context.sync();
      }),
    );
    expect(err.code).toBe("ApiNotFound");
  });
});

describe("columns and header cells", () => {
  test("getItem by name is case-insensitive; a missing column fails at sync", async () => {
    const { book, host } = setup(["S"]);
    book.sheet("S").setCells("A1:B2", [
      ["RunID", "Model"],
      ["R1", "gpt"],
    ]);
    book.addTable("S", "A1:B2", { name: "T" });
    const got = await host.run(async (context) => {
      const col = context.workbook.tables.getItem("T").columns.getItem("model");
      const body = col.getDataBodyRange();
      col.load("name, index");
      body.load("values");
      const none = context.workbook.tables
        .getItem("T")
        .columns.getItemOrNullObject("Nope");
      await context.sync();
      return {
        name: col.name,
        index: col.index,
        values: body.values,
        none: none.isNullObject,
      };
    });
    expect(got).toEqual({
      name: "Model",
      index: 1,
      values: [["gpt"]],
      none: true,
    });
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.tables
          .getItem("T")
          .columns.getItem("Nope")
          .load("name");
        await context.sync();
      }),
    );
    expect(err.code).toBe("ItemNotFound");
  });

  test("writing a header cell renames the column", async () => {
    const { book, host } = setup(["S"]);
    book.sheet("S").setCells("A1:A2", [["Old"], ["v"]]);
    book.addTable("S", "A1:A2", { name: "T" });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[42]];
      await context.sync();
    });
    expect(book.table("T").columns[0].name).toBe("42");
    expect(book.sheet("S").cell("A1")).toMatchObject({
      value: "42",
      valueType: "String",
    });
  });

  test("table ranges and rows", async () => {
    const { book, host } = setup(["S"]);
    book.sheet("S").setCells("B2:C4", [
      ["a", "b"],
      [1, 2],
      [3, 4],
    ]);
    book.addTable("S", "B2:C4", { name: "T" });
    const got = await host.run(async (context) => {
      const t = context.workbook.tables.getItem("T");
      const all = t.getRange();
      const head = t.getHeaderRowRange();
      const row = t.rows.getItemAt(1);
      const count = t.rows.getCount();
      all.load("address");
      head.load("values");
      row.load("index, values");
      t.worksheet.load("name");
      await context.sync();
      /* eslint-disable office-addins/load-object-before-read -- loaded through a navigation property (x.y.load), which the rule cannot follow; count is a ClientResult */
      return {
        all: all.address,
        head: head.values,
        row: row.values,
        index: row.index,
        count: count.value,
        sheet: t.worksheet.name,
      };
      /* eslint-enable office-addins/load-object-before-read */
    });
    expect(got).toEqual({
      all: "S!B2:C4",
      head: [["a", "b"]],
      row: [[3, 4]],
      index: 1,
      count: 2,
      sheet: "S",
    });
  });
});

// Rule 14 (README): Microsoft's co-authoring guidance for adding rows to a table.
describe("appending below a table, and co-authors", () => {
  function logTable() {
    const { book, host } = setup(["Log"]);
    book.sheet("Log").setCells("A1:B2", [
      ["Key", "Value"],
      ["a", "1"],
    ]);
    book.addTable("Log", "A1:B2", { name: "T" });
    return { book, host, t: () => book.tables.find((x) => x.name === "T")! };
  }

  test("values written directly below a table expand it; an empty row does not; a row further down does not", async () => {
    const { host, t } = logTable();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Log").getRange("A3:B3").values = [
        ["b", "2"],
      ];
      await context.sync();
    });
    expect(t().rect).toMatchObject({ r0: 0, r1: 2 });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Log").getRange("A4:B4").values = [
        ["", ""],
      ];
      context.workbook.worksheets.getItem("Log").getRange("A6:B6").values = [
        ["far", "away"],
      ];
      await context.sync();
    });
    expect(t().rect).toMatchObject({ r1: 2 });
  });

  test("Range.insert moves what is below down; the table moves with its cells", async () => {
    const { book, host, t } = logTable();
    book.sheet("Log").setCells("A3", [["note"]]);
    await host.run(async (context) => {
      context.workbook.worksheets
        .getItem("Log")
        .getRange("A3:B3")
        .insert("Down" as Excel.InsertShiftDirection);
      await context.sync();
    });
    expect(book.sheet("Log").cell("A4").value).toBe("note");
    expect(book.sheet("Log").cell("A3").value).toBe("");
    expect(t().rect).toMatchObject({ r1: 1 });
  });

  test("TableRowCollection.add while a co-author edits the sheet fails with Conflict; writing below does not", async () => {
    const { book, host, t } = logTable();
    book.coauthorsEditing.add("Log");
    const e = await rejection(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(undefined, [["b", "2"]]);
        await context.sync();
      }),
    );
    expect(e.code).toBe("Conflict");
    expect(t().rect).toMatchObject({ r1: 1 });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Log").getRange("A3:B3").values = [
        ["b", "2"],
      ];
      await context.sync();
    });
    expect(t().rect).toMatchObject({ r1: 2 });
  });
});
