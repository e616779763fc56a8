// Seals kept as genuine OOXML custom XML parts (customXml/item{i}.xml + itemProps{i}.xml), as
// Excel stores what the add-in adds with customXmlParts.add(xml): the CLI reads them from a
// workbook made by Excel, and a workbook it saves carries them the same way (no _SealedRunParts).
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { loadXlsx } from "../../src/xlsx";
import { sealPartXml } from "../../src/office/sealStore";
import { EPOCH, removeWorkspaces, run } from "../cli/helpers";
import { ACTOR, SAMPLE, loadSample, tempDir, removeTemp } from "./helpers";

jest.setTimeout(120_000);
afterAll(() => {
  removeWorkspaces();
  removeTemp();
});

const CT_PROPS =
  "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
const REL_ITEM =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";
const REL_PROPS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps";
const NS_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";

/** A minimal workbook laid out as Excel writes one holding a single custom XML part. */
async function excelMadeBook(partXml: string, itemId: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "made in Excel";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file("customXml/item1.xml", partXml);
  zip.file(
    "customXml/itemProps1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID="${itemId}" xmlns:ds="${NS_DS}"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  zip.file(
    "customXml/_rels/item1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_PROPS}" Target="itemProps1.xml"/></Relationships>`,
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/customXml/itemProps1.xml" ContentType="${CT_PROPS}"/></Types>`,
    ),
  );
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rId99" Type="${REL_ITEM}" Target="../customXml/item1.xml"/></Relationships>`,
    ),
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

test("extract finds a seal that Excel keeps as a genuine custom XML part", async () => {
  const { book, api } = await loadSample();
  const out = await api.sealRun("RUN-002", {
    actor: ACTOR,
    now: () => new Date(EPOCH * 1000),
  });
  if (out.kind !== "sealed") throw new Error("not sealed");
  const [stored] = await api.listStoredSeals();
  const { id, ...meta } = stored;
  const partXml = sealPartXml(meta, out.text);
  expect(book.liveParts.map((p) => [p.id, p.xml])).toEqual([[id, partXml]]); // what the add-in adds in Excel

  const ws = tempDir();
  const itemId = "{5A6B7C8D-0E1F-4A2B-8C3D-4E5F60718293}";
  fs.writeFileSync(
    path.join(ws, "FromExcel.xlsx"),
    await excelMadeBook(partXml, itemId),
  );
  const loaded = await loadXlsx(
    new Uint8Array(fs.readFileSync(path.join(ws, "FromExcel.xlsx"))),
  );
  expect(loaded.liveParts.map((p) => [p.id, p.xml])).toEqual([
    [itemId, partXml],
  ]);
  expect(loaded.liveSheets.map((s) => s.name)).toEqual(["Sheet1"]);

  const r = await run(ws, ["extract", "FromExcel.xlsx", "--out", "got"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`wrote    got/${out.fileName}`);
  expect(
    Buffer.from(fs.readFileSync(path.join(ws, "got", out.fileName))).equals(
      Buffer.from(out.bytes),
    ),
  ).toBe(true);
  expect((await run(ws, ["verify", `got/${out.fileName}`])).code).toBe(0);
});

test("export --source saves the seal as customXml/item1.xml with its itemProps, and no _SealedRunParts sheet", async () => {
  const ws = tempDir();
  fs.copyFileSync(SAMPLE, path.join(ws, "Triage.xlsx"));
  const r = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-003",
      "--source",
      "Triage.xlsx",
      "--actor",
      ACTOR.name,
      "--role",
      ACTOR.role,
    ],
    { epoch: EPOCH },
  );
  expect(r.code).toBe(0);
  const bytes = fs.readFileSync(path.join(ws, "Triage.xlsx"));
  const zip = await JSZip.loadAsync(bytes);
  const item = await zip.file("customXml/item1.xml")!.async("string");
  expect(item).toMatch(
    /^<sealedRun xmlns="urn:sealed-run:seal:v1" fileName="RUN-003_\d{8}T\d{6}Z\.json" runId="RUN-003" /,
  );
  const props = await zip.file("customXml/itemProps1.xml")!.async("string");
  const itemId = /ds:itemID="(\{[0-9A-F-]{36}\})"/.exec(props)![1];
  expect(
    await zip.file("customXml/_rels/item1.xml.rels")!.async("string"),
  ).toContain(`Type="${REL_PROPS}" Target="itemProps1.xml"`);
  expect(await zip.file("[Content_Types].xml")!.async("string")).toContain(
    `<Override PartName="/customXml/itemProps1.xml" ContentType="${CT_PROPS}"/>`,
  );
  expect(
    await zip.file("xl/_rels/workbook.xml.rels")!.async("string"),
  ).toContain(`Type="${REL_ITEM}" Target="../customXml/item1.xml"`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).not.toContain("_SealedRunParts");
  const back = await loadXlsx(new Uint8Array(bytes));
  expect(back.liveParts.map((p) => [p.id, p.xml])).toEqual([[itemId, item]]);
});
