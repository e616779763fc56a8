// Rule 7: protected sheets refuse writes (AccessDenied), including tables.add and rows.add.
import {
  SimWorkbook,
  createTestHost,
} from "@sealed-run/excel-simulator/testing";
import { rejection } from "./helpers";

function protectedBook(password?: string) {
  const book = new SimWorkbook({ sheets: ["Log"] });
  book.passwordSpinCount = 1_000;
  book.sheet("Log").setCells("A1:B2", [
    ["EntryID", "Action"],
    ["PL-000001", "SEAL"],
  ]);
  book.addTable("Log", "A1:B2", { name: "PatchLogTable" });
  book.protectSheet("Log", password);
  return { book, host: createTestHost(book) };
}

test.each([
  [
    "Range.values",
    (context: Excel.RequestContext) =>
      void (context.workbook.worksheets.getItem("Log").getRange("C1").values = [
        ["x"],
      ]),
  ],
  [
    "Range.formulas",
    (context: Excel.RequestContext) =>
      void (context.workbook.worksheets.getItem("Log").getRange("C1").formulas =
        [["=1"]]),
  ],
  [
    "Range.numberFormat",
    (context: Excel.RequestContext) =>
      void (context.workbook.worksheets
        .getItem("Log")
        .getRange("C1").numberFormat = [["@"]]),
  ],
  [
    "Range.clear",
    (context: Excel.RequestContext) =>
      context.workbook.worksheets.getItem("Log").getRange("A2").clear(),
  ],
  [
    "TableCollection.add",
    (context: Excel.RequestContext) =>
      void context.workbook.worksheets.getItem("Log").tables.add("D1:E2", true),
  ],
  [
    "TableRowCollection.add",
    (context: Excel.RequestContext) =>
      void context.workbook.tables
        .getItem("PatchLogTable")
        .rows.add(undefined, [["PL-000002", "PATCH"]]),
  ],
])(
  "%s on a protected sheet fails with AccessDenied and changes nothing",
  async (what, act) => {
    const { book, host } = protectedBook();
    const err = await rejection(
      host.run(async (context) => {
        act(context);
        await context.sync();
      }),
    );
    expect(err.code).toBe("AccessDenied");
    expect(err.debugInfo.errorLocation).toBe(what);
    expect(book.sheet("Log").values("A1:C3")).toEqual([
      ["EntryID", "Action", ""],
      ["PL-000001", "SEAL", ""],
      ["", "", ""],
    ]);
    expect(book.table("PatchLogTable").rowCount).toBe(1);
    expect(book.liveTables).toHaveLength(1);
  },
);

test("reading a protected sheet is allowed", async () => {
  const { host } = protectedBook();
  const values = await host.run(async (context) => {
    const r = context.workbook.tables
      .getItem("PatchLogTable")
      .getDataBodyRange();
    r.load("values");
    await context.sync();
    return r.values;
  });
  expect(values).toEqual([["PL-000001", "SEAL"]]);
});

test("protection.protected reports the state; unprotect then write works", async () => {
  const { book, host } = protectedBook();
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Log");
    sheet.protection.load("protected");
    await context.sync();
    // eslint-disable-next-line office-addins/load-object-before-read -- loaded through a navigation property (x.y.load), which the rule cannot follow
    expect(sheet.protection.protected).toBe(true);
    sheet.protection.unprotect();
    sheet.getRange("C1").values = [["ok"]];
    sheet.protection.protect();
    await context.sync();
  });
  expect(book.sheet("Log").cell("C1").value).toBe("ok");
  expect(book.sheet("Log").protection.protected).toBe(true);
});

test("protect on a protected sheet and unprotect on an unprotected one both fail", async () => {
  const { host } = protectedBook();
  const again = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("Log").protection.protect();
      await context.sync();
    }),
  );
  expect(again.code).toBe("AccessDenied");
  const twice = await rejection(
    host.run(async (context) => {
      const p = context.workbook.worksheets.getItem("Log").protection;
      p.unprotect();
      p.unprotect();
      await context.sync();
    }),
  );
  expect(twice.code).toBe("AccessDenied");
});

test("a password is required and checked; the wrong one leaves the sheet protected", async () => {
  const { book, host } = protectedBook("s3cret");
  for (const attempt of [undefined, "wrong"]) {
    const err = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets
          .getItem("Log")
          .protection.unprotect(attempt);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per case: each iteration is its own host.run and context
        await context.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(book.sheet("Log").protection.protected).toBe(true);
  }
  await host.run(async (context) => {
    context.workbook.worksheets.getItem("Log").protection.unprotect("s3cret");
    await context.sync();
  });
  expect(book.sheet("Log").protection.protected).toBe(false);
});

test("allowFormatCells lets number formats through but not values", async () => {
  const book = new SimWorkbook({ sheets: ["S"] });
  book.protectSheet("S", undefined, { allowFormatCells: true });
  const host = createTestHost(book);
  await host.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1").numberFormat = [
      ["@"],
    ];
    await context.sync();
  });
  expect(book.sheet("S").cell("A1").numberFormat).toBe("@");
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(err.code).toBe("AccessDenied");
});
