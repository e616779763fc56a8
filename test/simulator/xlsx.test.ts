// Rule 10: loadXlsx/saveXlsx round-trip through real .xlsx files (read back with exceljs).
import ExcelJS from "exceljs";
import { PARTS_SHEET, SimWorkbook, createExcelHost, loadXlsx, saveXlsx } from "../../src/simulator";
import { rejection } from "./helpers";

function fixture(date1904 = false): SimWorkbook {
  const book = new SimWorkbook({ sheets: ["LLM_OUTPUT", "PATCH_LOG"], date1904 });
  const out = book.sheet("LLM_OUTPUT");
  out.setCells("A1:E1", [["RunID", "SessionDate", "SummaryConfidence_pct", "Note", "Check"]]);
  out.setCells("A2:E3", [
    ["RUN-001", 46068, 0.78, "=not a formula", { formula: "=1+1", value: 2 }],
    ["00123", 46069, 0.5, "", { error: "#N/A" }],
  ]);
  out.setNumberFormat("B2:B3", "yyyy-mm-dd");
  out.setNumberFormat("C2:C3", "0%");
  out.setNumberFormat("A3", "@");
  book.addTable("LLM_OUTPUT", "A1:E3", { name: "LLMOutputTable" });
  book.sheet("PATCH_LOG").setCells("A1:B1", [["EntryID", "Action"]]);
  book.addTable("PATCH_LOG", "A1:B1", { name: "PatchLogTable" });
  return book;
}

test("values, formats, formulas, errors and tables survive save → load", async () => {
  const back = await loadXlsx(await saveXlsx(fixture()));
  const s = back.sheet("LLM_OUTPUT");
  expect(s.values("A2:E3")).toEqual([
    ["RUN-001", 46068, 0.78, "=not a formula", 2],
    ["00123", 46069, 0.5, "", "#N/A"],
  ]);
  expect(s.cell("E2").formula).toBe("=1+1");
  expect(s.cell("E3").valueType).toBe("Error");
  expect(s.cell("D2").valueType).toBe("String");
  expect(s.text("B2:C2")).toEqual([["2026-02-15", "78%"]]);
  expect(s.cell("A3")).toMatchObject({ value: "00123", numberFormat: "@", valueType: "String" });
  expect(back.table("LLMOutputTable")).toMatchObject({ rect: { r0: 0, c0: 0, r1: 2, c1: 4 } });
  expect(back.table("LLMOutputTable").columns.map((c) => c.name)).toEqual(["RunID", "SessionDate", "SummaryConfidence_pct", "Note", "Check"]);
  expect(back.table("PatchLogTable").rect).toEqual({ r0: 0, c0: 0, r1: 1, c1: 1 });
});

test("the saved file is a real .xlsx that exceljs reads: table, dates with formats, a percentage", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saveXlsx(fixture())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("LLM_OUTPUT")!;
  const tables = ws.getTables() as unknown as { table: { name: string; tableRef: string } }[];
  expect(tables.map((t) => [t.table.name, t.table.tableRef])).toEqual([["LLMOutputTable", "A1:E3"]]);
  const date = ws.getCell("B2");
  expect(date.numFmt).toBe("yyyy-mm-dd");
  expect(date.value).toEqual(new Date(Date.UTC(2026, 1, 15)));
  expect(ws.getCell("C2").numFmt).toBe("0%");
  expect(ws.getCell("C2").value).toBe(0.78);
  expect(ws.getCell("D2").value).toBe("=not a formula");
});

test("the 1904 date system flag survives, and dates keep their calendar meaning", async () => {
  const book = fixture(true);
  book.sheet("LLM_OUTPUT").setCells("B2", [[46068 - 1462]]);
  const bytes = await saveXlsx(book);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.properties.date1904).toBe(true);
  expect(wb.getWorksheet("LLM_OUTPUT")!.getCell("B2").value).toEqual(new Date(Date.UTC(2026, 1, 15)));
  const back = await loadXlsx(bytes);
  expect(back.date1904).toBe(true);
  expect(back.sheet("LLM_OUTPUT").cell("B2")).toMatchObject({ value: 46068 - 1462, text: "2026-02-15" });
  const detected = await createExcelHost(back).run(async (ctx) => {
    const d = ctx.workbook.functions.date(1904, 1, 1);
    d.load("value");
    await ctx.sync();
    return d.value;
  });
  expect(detected).toBe(0);
});

test("a file written by exceljs directly loads: Date cells become serials in the file's system", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.getCell("A1").value = new Date(Date.UTC(2026, 1, 15));
  ws.getCell("A1").numFmt = "dd/mm/yyyy";
  ws.getCell("B1").value = { richText: [{ text: "rich " }, { text: "text" }] };
  ws.getCell("C1").value = true;
  const back = await loadXlsx(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  expect(back.sheet("Data").values("A1:C1")).toEqual([[46068, "rich text", true]]);
  expect(back.sheet("Data").cell("A1").text).toBe("15/02/2026");
});

test("custom XML parts persist in the very-hidden _SealedRunParts sheet (simulator-only)", async () => {
  const book = fixture();
  const big = `<seal xmlns="urn:sealed-run:seal:v1"><doc>${"x".repeat(70_000)}</doc></seal>`;
  const part = book.addCustomXmlPart(big);
  const bytes = await saveXlsx(book);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.getWorksheet(PARTS_SHEET)!.state).toBe("veryHidden");
  const back = await loadXlsx(bytes);
  expect(back.liveSheets.map((s) => s.name)).toEqual(["LLM_OUTPUT", "PATCH_LOG"]);
  expect(back.liveParts).toHaveLength(1);
  expect(back.liveParts[0]).toMatchObject({ id: part.id, namespaceUri: "urn:sealed-run:seal:v1", xml: big });
});

test("sheet protection and its password hash survive; the password still unlocks", async () => {
  const book = fixture();
  book.passwordSpinCount = 500;
  book.protectSheet("PATCH_LOG", "pw", { allowFormatCells: true });
  const back = await loadXlsx(await saveXlsx(book));
  expect(back.sheet("PATCH_LOG").protection).toMatchObject({ protected: true, options: { allowFormatCells: true } });
  expect(back.sheet("PATCH_LOG").protection.password).toMatchObject({ algorithmName: "SHA-512", spinCount: 500 });
  const host = createExcelHost(back);
  const err = await rejection(
    host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("PATCH_LOG").protection.unprotect("nope");
      await ctx.sync();
    }),
  );
  expect(err.code).toBe("InvalidArgument");
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("PATCH_LOG").protection.unprotect("pw");
    await ctx.sync();
  });
  expect(back.sheet("PATCH_LOG").protection.protected).toBe(false);
});

test("hidden sheets keep their visibility", async () => {
  const book = fixture();
  book.addSheet("GOVERNANCE").visibility = "Hidden";
  const back = await loadXlsx(await saveXlsx(book));
  expect(back.sheet("GOVERNANCE").visibility).toBe("Hidden");
});

test("bytes that are not an .xlsx are refused with a message", async () => {
  const err = await rejection(loadXlsx(new TextEncoder().encode("not a zip")));
  expect(err.code).toBe("InvalidArgument");
  expect(err.message).toContain(".xlsx");
});

test("the file name given to loadXlsx is what Workbook.name reports", async () => {
  const back = await loadXlsx(await saveXlsx(fixture()), { name: "Triage.xlsx" });
  const name = await createExcelHost(back).run(async (ctx) => {
    ctx.workbook.load("name");
    await ctx.sync();
    return ctx.workbook.name;
  });
  expect(name).toBe("Triage.xlsx");
});
