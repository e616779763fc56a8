// Rule 10: loadXlsx/saveXlsx round-trip through real .xlsx files (read back with exceljs).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  PARTS_SHEET,
  SimWorkbook,
  createTestHost,
  saveXlsx,
} from "@sealed-run/excel-simulator/testing";
import { loadXlsx } from "../../src/xlsx";
import { rejection } from "./helpers";

function fixture(date1904 = false): SimWorkbook {
  const book = new SimWorkbook({
    sheets: ["LLM_OUTPUT", "PATCH_LOG"],
    date1904,
  });
  const out = book.sheet("LLM_OUTPUT");
  out.setCells("A1:E1", [
    ["RunID", "SessionDate", "SummaryConfidence_pct", "Note", "Check"],
  ]);
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
  expect(s.cell("A3")).toMatchObject({
    value: "00123",
    numberFormat: "@",
    valueType: "String",
  });
  expect(back.table("LLMOutputTable")).toMatchObject({
    rect: { r0: 0, c0: 0, r1: 2, c1: 4 },
  });
  expect(back.table("LLMOutputTable").columns.map((c) => c.name)).toEqual([
    "RunID",
    "SessionDate",
    "SummaryConfidence_pct",
    "Note",
    "Check",
  ]);
  expect(back.table("PatchLogTable").rect).toEqual({
    r0: 0,
    c0: 0,
    r1: 1,
    c1: 1,
  });
});

test("the saved file is a real .xlsx that exceljs reads: table, dates with formats, a percentage", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saveXlsx(fixture())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("LLM_OUTPUT")!;
  const tables = ws.getTables() as unknown as {
    table: { name: string; tableRef: string };
  }[];
  expect(tables.map((t) => [t.table.name, t.table.tableRef])).toEqual([
    ["LLMOutputTable", "A1:E3"],
  ]);
  const date = ws.getCell("B2");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- an exceljs cell, not an Office.js proxy
  expect(date.numFmt).toBe("yyyy-mm-dd");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- an exceljs cell, not an Office.js proxy
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
  expect(wb.getWorksheet("LLM_OUTPUT")!.getCell("B2").value).toEqual(
    new Date(Date.UTC(2026, 1, 15)),
  );
  const back = await loadXlsx(bytes);
  expect(back.date1904).toBe(true);
  expect(back.sheet("LLM_OUTPUT").cell("B2")).toMatchObject({
    value: 46068 - 1462,
    text: "2026-02-15",
  });
  const detected = await createTestHost(back).run(async (context) => {
    const d = context.workbook.functions.date(1904, 1, 1);
    d.load("value");
    await context.sync();
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
  const back = await loadXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
  expect(back.sheet("Data").values("A1:C1")).toEqual([
    [46068, "rich text", true],
  ]);
  expect(back.sheet("Data").cell("A1").text).toBe("15/02/2026");
});

const NS = "urn:sealed-run:seal:v1";
const CT_PROPS =
  "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
const REL_ITEM =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";
const REL_PROPS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps";

async function zipText(
  bytes: Uint8Array,
  name: string,
): Promise<string | undefined> {
  return (await JSZip.loadAsync(bytes)).file(name)?.async("string");
}

test("custom XML parts are saved as genuine OOXML parts and come back byte-exact with their ids", async () => {
  const book = fixture();
  const big = `<seal xmlns="${NS}"><doc>${"x".repeat(70_000)}</doc><u>é — 😀 &amp; &lt;</u></seal>`;
  const other = `<?xml version="1.0" encoding="UTF-8"?>\n<b:meta xmlns:b="urn:other"><b:v a="1"/></b:meta>`;
  const p1 = book.addCustomXmlPart(big);
  const p2 = book.addCustomXmlPart(other);
  const gone = book.addCustomXmlPart(`<gone xmlns="${NS}"/>`);
  gone.deleted = true;
  const bytes = await saveXlsx(book);

  const zip = await JSZip.loadAsync(bytes);
  expect(
    Object.keys(zip.files)
      .filter((f) => f.startsWith("customXml/"))
      .sort(),
  ).toEqual([
    "customXml/_rels/item1.xml.rels",
    "customXml/_rels/item2.xml.rels",
    "customXml/item1.xml",
    "customXml/item2.xml",
    "customXml/itemProps1.xml",
    "customXml/itemProps2.xml",
  ]);
  expect(
    Buffer.from(
      await zip.file("customXml/item1.xml")!.async("uint8array"),
    ).equals(Buffer.from(big, "utf8")),
  ).toBe(true);
  expect(await zipText(bytes, "customXml/item2.xml")).toBe(other);
  const props1 = (await zipText(bytes, "customXml/itemProps1.xml"))!;
  expect(props1).toContain(
    `<ds:datastoreItem ds:itemID="${p1.id}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  expect(p1.id).toMatch(
    /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
  );
  expect(await zipText(bytes, "customXml/_rels/item2.xml.rels")).toContain(
    `Type="${REL_PROPS}" Target="itemProps2.xml"`,
  );
  const types = (await zipText(bytes, "[Content_Types].xml"))!;
  expect(types).toContain(
    `<Override PartName="/customXml/itemProps1.xml" ContentType="${CT_PROPS}"/>`,
  );
  expect(types).toContain(
    `<Override PartName="/customXml/itemProps2.xml" ContentType="${CT_PROPS}"/>`,
  );
  expect(types).toContain(
    `<Default Extension="xml" ContentType="application/xml"/>`,
  );
  const rels = (await zipText(bytes, "xl/_rels/workbook.xml.rels"))!;
  const relIds = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(relIds).size).toBe(relIds.length);
  expect(rels).toMatch(
    new RegExp(`Type="${REL_ITEM}" Target="\\.\\./customXml/item1\\.xml"`),
  );
  expect(rels).toMatch(
    new RegExp(`Type="${REL_ITEM}" Target="\\.\\./customXml/item2\\.xml"`),
  );

  // No _SealedRunParts sheet any more, and exceljs still reads the package.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["LLM_OUTPUT", "PATCH_LOG"]);
  expect(wb.getWorksheet(PARTS_SHEET)).toBeUndefined();

  const back = await loadXlsx(bytes);
  expect(back.liveSheets.map((s) => s.name)).toEqual([
    "LLM_OUTPUT",
    "PATCH_LOG",
  ]);
  expect(
    back.liveParts.map((p) => ({
      id: p.id,
      namespaceUri: p.namespaceUri,
      xml: p.xml,
    })),
  ).toEqual([
    { id: p1.id, namespaceUri: NS, xml: big },
    { id: p2.id, namespaceUri: "urn:other", xml: other },
  ]);
  // And again: a second round trip changes nothing.
  const again = await loadXlsx(await saveXlsx(back));
  expect(again.liveParts.map((p) => [p.id, p.xml])).toEqual([
    [p1.id, big],
    [p2.id, other],
  ]);
});

test("Office.js sees the loaded parts: getByNamespace finds them with their ids", async () => {
  const book = fixture();
  const part = book.addCustomXmlPart(`<seal xmlns="${NS}">v</seal>`);
  const back = await loadXlsx(await saveXlsx(book));
  const host = createTestHost(back);
  const found = await host.run(async (context) => {
    const items = context.workbook.customXmlParts.getByNamespace(NS);
    items.load("items/id");
    await context.sync();
    const xml = items.items[0].getXml();
    await context.sync();
    // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult's value, read after its sync: the rule knows only load()
    return { ids: items.items.map((p) => p.id), xml: xml.value };
  });
  expect(found).toEqual({
    ids: [part.id],
    xml: `<seal xmlns="${NS}">v</seal>`,
  });
});

/** An .xlsx laid out as Excel writes one with custom XML parts (parts added with jszip). */
async function excelStyleBook(
  items: { xml: string | Uint8Array; id?: string; propsName?: string }[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  let types = await zip.file("[Content_Types].xml")!.async("string");
  let rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  items.forEach((it, k) => {
    const i = k + 1;
    const props = it.propsName ?? `itemProps${i}.xml`;
    zip.file(`customXml/item${i}.xml`, it.xml);
    if (it.id) {
      zip.file(
        `customXml/${props}`,
        `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID="${it.id}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
      );
      zip.file(
        `customXml/_rels/item${i}.xml.rels`,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_PROPS}" Target="${props}"/></Relationships>`,
      );
      types = types.replace(
        "</Types>",
        `<Override PartName="/customXml/${props}" ContentType="${CT_PROPS}"/></Types>`,
      );
    }
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rId${90 + i}" Type="${REL_ITEM}" Target="../customXml/item${i}.xml"/></Relationships>`,
    );
  });
  zip.file("[Content_Types].xml", types);
  zip.file("xl/_rels/workbook.xml.rels", rels);
  return zip.generateAsync({ type: "uint8array" });
}

test("custom XML parts in a workbook as Excel writes it are loaded, with the ids of their itemProps", async () => {
  const id = "{5A6B7C8D-1234-4ABC-9DEF-0123456789AB}";
  const utf16 = `<?xml version="1.0" encoding="utf-16"?><w:x xmlns:w="urn:w">ü</w:x>`;
  const utf16Bytes = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(utf16, "utf16le"),
  ]);
  const bytes = await excelStyleBook([
    { xml: `<seal xmlns="${NS}">1</seal>`, id },
    {
      xml: new Uint8Array(utf16Bytes),
      id: "{0f0e0d0c-0b0a-4908-8706-050403020100}",
      propsName: "custom.xml",
    },
    { xml: `<bare xmlns="urn:bare"/>` }, // no itemProps: an id is made up
    { xml: `<dup xmlns="urn:dup"/>`, id }, // a duplicate itemID is reassigned (ECMA-376 §22.5.2.1)
  ]);
  const back = await loadXlsx(bytes);
  expect(back.liveSheets.map((s) => s.name)).toEqual(["Sheet1"]);
  const parts = back.liveParts;
  expect(parts.map((p) => p.namespaceUri)).toEqual([
    NS,
    "urn:w",
    "urn:bare",
    "urn:dup",
  ]);
  expect(parts[0]).toMatchObject({ id, xml: `<seal xmlns="${NS}">1</seal>` });
  expect(parts[1]).toMatchObject({
    id: "{0F0E0D0C-0B0A-4908-8706-050403020100}",
    xml: utf16,
  });
  expect(parts[2].id).toMatch(/^\{[0-9A-F-]{36}\}$/);
  expect(parts[3].id).not.toBe(id);
  expect(new Set(parts.map((p) => p.id)).size).toBe(4);
  // A UTF-16 part is written back in UTF-16, as its declaration says.
  const saved = await saveXlsx(back);
  const item2 = await (
    await JSZip.loadAsync(saved)
  )
    .file("customXml/item2.xml")!
    .async("uint8array");
  expect(Buffer.from(item2).equals(utf16Bytes)).toBe(true);
  expect((await loadXlsx(saved)).liveParts.map((p) => [p.id, p.xml])).toEqual(
    parts.map((p) => [p.id, p.xml]),
  );
});

test("an old _SealedRunParts sheet is still read (and not shown), but never written again", async () => {
  const id = "{11111111-2222-4333-8444-555555555555}";
  const big = `<seal xmlns="${NS}">${"y".repeat(40_000)}</seal>`;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("LLM_OUTPUT").getCell("A1").value = "RunID";
  wb.addWorksheet(PARTS_SHEET, { state: "veryHidden" }).getRow(1).values = [
    id,
    NS,
    big.slice(0, 32_000),
    big.slice(32_000),
  ];
  const old = new Uint8Array(await wb.xlsx.writeBuffer());
  const back = await loadXlsx(old);
  expect(back.liveSheets.map((s) => s.name)).toEqual(["LLM_OUTPUT"]);
  expect(back.liveParts.map((p) => [p.id, p.namespaceUri, p.xml])).toEqual([
    [id, NS, big],
  ]);
  const saved = await saveXlsx(back);
  const re = new ExcelJS.Workbook();
  await re.xlsx.load(saved as unknown as ArrayBuffer);
  expect(re.worksheets.map((w) => w.name)).toEqual(["LLM_OUTPUT"]);
  expect(await zipText(saved, "customXml/item1.xml")).toBe(big);
  expect(await zipText(saved, "customXml/itemProps1.xml")).toContain(
    `ds:itemID="${id}"`,
  );
  expect((await loadXlsx(saved)).liveParts.map((p) => [p.id, p.xml])).toEqual([
    [id, big],
  ]);
});

test("a workbook without parts gets no customXml/", async () => {
  const bytes = await saveXlsx(fixture());
  const zip = await JSZip.loadAsync(bytes);
  expect(
    Object.keys(zip.files).some((f) =>
      f.toLowerCase().startsWith("customxml/"),
    ),
  ).toBe(false);
  expect(await zipText(bytes, "xl/_rels/workbook.xml.rels")).not.toContain(
    REL_ITEM,
  );
});

test("sheet protection and its password hash survive; the password still unlocks", async () => {
  const book = fixture();
  book.passwordSpinCount = 500;
  book.protectSheet("PATCH_LOG", "pw", { allowFormatCells: true });
  const back = await loadXlsx(await saveXlsx(book));
  expect(back.sheet("PATCH_LOG").protection).toMatchObject({
    protected: true,
    options: { allowFormatCells: true },
  });
  expect(back.sheet("PATCH_LOG").protection.password).toMatchObject({
    algorithmName: "SHA-512",
    spinCount: 500,
  });
  const host = createTestHost(back);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.worksheets
        .getItem("PATCH_LOG")
        .protection.unprotect("nope");
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidArgument");
  await host.run(async (context) => {
    context.workbook.worksheets.getItem("PATCH_LOG").protection.unprotect("pw");
    await context.sync();
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
  const err = (await loadXlsx(new TextEncoder().encode("not a zip")).catch(
    (e: unknown) => e,
  )) as { kind: string; message: string };
  expect(err.kind).toBe("not-zip");
  expect(err.message).toContain(".xlsx");
});

test("the file name given to loadXlsx is what Workbook.name reports", async () => {
  const back = await loadXlsx(await saveXlsx(fixture()), {
    name: "Triage.xlsx",
  });
  const name = await createTestHost(back).run(async (context) => {
    context.workbook.load("name");
    await context.sync();
    return context.workbook.name;
  });
  expect(name).toBe("Triage.xlsx");
});
