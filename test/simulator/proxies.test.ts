// Rules 1–3: load/sync, queued operations, ItemNotFound and null objects, batch lifetime.
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load --
   these tests read before load and sync on purpose, to prove the simulator refuses it as Excel does */
import { rejection, setup, thrown } from "./helpers";

describe("rule 1: properties must be loaded and synced", () => {
  test("reading an unloaded property throws PropertyNotLoaded naming the property", async () => {
    const { book, host } = setup(["Data"]);
    book.sheet("Data").setCells("A1", [["x"]]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1");
      r.load("address");
      await context.sync();
      const err = thrown(() => r.values);
      expect(err.code).toBe("PropertyNotLoaded");
      expect(err.message).toContain("'values'");
      expect(err.debugInfo.errorLocation).toBe("Range.values");
      expect(r.address).toBe("Data!A1");
    });
  });

  test.each([
    ["a comma-separated string", "values, numberFormat"],
    ["an array", ["values", "numberFormat"]],
    ["a {select} object", { select: "values,numberFormat" }],
    ["a strict {prop: true} object", { values: true, numberFormat: true }],
  ])("load accepts %s", async (_label, arg) => {
    const { book, host } = setup(["Data"]);
    book.sheet("Data").setCells("A1", [[5]], "0.00");
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1");
      // eslint-disable-next-line office-addins/no-empty-load -- the argument's forms (string, array, objects) are the case
      r.load(arg as string);
      await context.sync();
      expect(r.values).toEqual([[5]]);
      expect(r.numberFormat).toEqual([["0.00"]]);
      expect(thrown(() => r.text).code).toBe("PropertyNotLoaded");
    });
  });

  test("collections need items loaded; 'items/name' loads only the name", async () => {
    const { host } = setup(["A", "B"]);
    await host.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(thrown(() => sheets.items).code).toBe("PropertyNotLoaded");
      sheets.load("items/name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["A", "B"]);
      expect(thrown(() => sheets.items[0].position).code).toBe(
        "PropertyNotLoaded",
      );
      sheets.load("items");
      await context.sync();
      expect(sheets.items.map((s) => s.position)).toEqual([0, 1]);
    });
  });

  test("loading a property the object does not have fails at sync", async () => {
    const { host } = setup(["A"]);
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.getItem("A").getRange("A1").load("valuez");
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toContain("valuez");
  });

  test("navigation paths load through: range.load('worksheet/name')", async () => {
    const { host } = setup(["Log"]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Log").getRange("B2");
      r.load("address, worksheet/name");
      await context.sync();
      expect(r.worksheet.name).toBe("Log");
    });
  });

  test("members the simulator does not model fail loudly", async () => {
    const { host } = setup(["A"]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("A").getRange("A1");
      const err = thrown(() => r.format);
      expect(err.code).toBe("NotImplemented");
      expect(err.message).toContain("Range.format");
      await context.sync();
    });
  });
});

describe("rule 2: operations run at sync, in order", () => {
  test("a write is invisible in the workbook until sync", async () => {
    const { book, host } = setup(["Data"]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1");
      r.values = [["queued"]];
      expect(book.sheet("Data").cell("A1").value).toBe("");
      await context.sync();
      expect(book.sheet("Data").cell("A1").value).toBe("queued");
    });
  });

  test("loaded values are those at the sync, not later ones", async () => {
    const { book, host } = setup(["Data"]);
    book.sheet("Data").setCells("A1", [["before"]]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1");
      r.load("values");
      expect(thrown(() => r.values).code).toBe("PropertyNotLoaded");
      await context.sync();
      book.sheet("Data").setCells("A1", [["after"]]);
      expect(r.values).toEqual([["before"]]);
      r.load("values");
      // Still the old snapshot until the sync that carries the new load.
      expect(r.values).toEqual([["before"]]);
      await context.sync();
      expect(r.values).toEqual([["after"]]);
    });
  });

  test("a load queued after a write sees the write (queue order)", async () => {
    const { host } = setup(["Data"]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1:B1");
      r.load("values");
      r.values = [["x", "y"]];
      const again = context.workbook.worksheets
        .getItem("Data")
        .getRange("A1:B1");
      again.load("values");
      await context.sync();
      expect(again.values).toEqual([["x", "y"]]);
    });
  });

  test("after a failing operation, earlier operations stay applied and later ones do not", async () => {
    const { book, host } = setup(["Data"]);
    const err = await rejection(
      host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.getRange("A1").values = [["first"]];
        sheet.getRange("A2").values = [["too", "wide"]];
        sheet.getRange("A3").values = [["third"]];
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(book.sheet("Data").cell("A1").value).toBe("first");
    expect(book.sheet("Data").cell("A3").value).toBe("");
  });

  test("Excel.run sends what is still queued when the batch returns", async () => {
    const { book, host } = setup(["Data"]);
    await host.run((context) => {
      context.workbook.worksheets.getItem("Data").getRange("C3").values = [
        ["late"],
      ];
      return Promise.resolve();
    });
    expect(book.sheet("Data").cell("C3").value).toBe("late");
  });

  test("objects cannot be used after their batch finished", async () => {
    const { host } = setup(["Data"]);
    let kept: Excel.Range | undefined;
    await host.run(async (context) => {
      kept = context.workbook.worksheets.getItem("Data").getRange("A1");
      kept.load("address");
      await context.sync();
    });
    expect(kept!.address).toBe("Data!A1");
    expect(thrown(() => kept!.load("values")).code).toBe("InvalidObjectPath");
  });

  test("a batch that does not return a promise is refused", async () => {
    const { host } = setup(["Data"]);
    const err = await rejection(
      host.run(
        (() => 42) as unknown as (c: Excel.RequestContext) => Promise<number>,
      ),
    );
    expect(err.code).toBe("RunMustReturnPromise");
  });

  test("setting a property is remembered locally at once, as Office.js does", async () => {
    const { host } = setup(["Data"]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1");
      r.values = [["00123"]];
      expect(r.values).toEqual([["00123"]]);
      r.load("values");
      await context.sync();
      expect(r.values).toEqual([[123]]);
    });
  });
});

describe("rule 3: missing items and null objects", () => {
  test("getItem of a missing sheet fails at sync, not at the call", async () => {
    const { host } = setup(["Data"]);
    await host.run(async (context) => {
      const missing = context.workbook.worksheets.getItem("Nope");
      missing.load("name");
      const err = await rejection(context.sync());
      expect(err.code).toBe("ItemNotFound");
      expect(err.message).toContain("Nope");
    });
  });

  test("getItem of a missing table fails with ItemNotFound even when nothing is loaded", async () => {
    const { host } = setup(["Data"]);
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.tables.getItem("NoSuchTable");
        await context.sync();
      }),
    );
    expect(err.code).toBe("ItemNotFound");
  });

  test("*OrNullObject gives isNullObject after sync, without a load", async () => {
    const { book, host } = setup(["Data"]);
    book.addTable("Data", "A1:B1", { name: "T" });
    await host.run(async (context) => {
      const none = context.workbook.worksheets.getItemOrNullObject("Nope");
      const sheet = context.workbook.worksheets.getItemOrNullObject("data");
      const table = context.workbook.tables.getItemOrNullObject("t");
      const noTable = context.workbook.tables.getItemOrNullObject("U");
      expect(thrown(() => none.isNullObject).code).toBe("PropertyNotLoaded");
      await context.sync();
      expect(none.isNullObject).toBe(true);
      expect(sheet.isNullObject).toBe(false);
      expect(table.isNullObject).toBe(false);
      expect(noTable.isNullObject).toBe(true);
    });
  });

  test("properties of a null object read as undefined; writing to it fails", async () => {
    const { host } = setup(["Data"]);
    await host.run(async (context) => {
      const none = context.workbook.worksheets.getItemOrNullObject("Nope");
      none.load("name");
      await context.sync();
      expect(none.name).toBeUndefined();
      none.getRange("A1").values = [["x"]];
      const err = await rejection(context.sync());
      expect(err.code).toBe("ItemNotFound");
    });
  });

  test("a null object then created stays null; a new lookup finds it", async () => {
    const { host } = setup(["Data"]);
    await host.run(async (context) => {
      let log = context.workbook.worksheets.getItemOrNullObject("Log");
      await context.sync();
      expect(log.isNullObject).toBe(true);
      context.workbook.worksheets.add("Log");
      log = context.workbook.worksheets.getItemOrNullObject("Log");
      await context.sync();
      expect(log.isNullObject).toBe(false);
    });
  });

  test("worksheets.add of an existing name fails with ItemAlreadyExists", async () => {
    const { host } = setup(["Data"]);
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.add("DATA");
        await context.sync();
      }),
    );
    expect(err.code).toBe("ItemAlreadyExists");
  });
});

describe("Workbook.save (ExcelApi 1.11)", () => {
  test("save runs at sync", async () => {
    const { book, host } = setup(["S"]);
    await host.run(async (context) => {
      context.workbook.save();
      expect(book.saveCount).toBe(0);
      await context.sync();
    });
    expect(book.saveCount).toBe(1);
  });

  test("on a host without ExcelApi 1.11 the call itself throws ApiNotFound", async () => {
    const { book } = setup(["S"]);
    const { createTestHost } =
      await import("@sealed-run/excel-simulator/testing");
    const old = createTestHost(book, { apiSets: { ExcelApi: "1.10" } });
    expect(old.isSetSupported("ExcelApi", "1.11")).toBe(false);
    expect(old.isSetSupported("ExcelApi", "1.10")).toBe(true);
    await old.run(async (context) => {
      const err = thrown(() => context.workbook.save());
      expect(err.code).toBe("ApiNotFound");
      expect(err.message).toContain("ExcelApi 1.11");
      await context.sync();
    });
    expect(book.saveCount).toBe(0);
  });
});
