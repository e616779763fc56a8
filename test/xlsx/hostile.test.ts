// Files that are not workbooks, or are built to hurt a reader: each is refused with a reason that
// names what it is (and what to do), before anything is inflated beyond a stated limit.
import { deflateRawSync } from "node:zlib";
import * as fs from "node:fs";
import { loadWorkbook, WorkbookFormatError } from "../../src/xlsx";
import { SAMPLE } from "../workbook/helpers";
import { rawZip, workbookEntries, type RawEntry } from "./packages";

async function refusal(
  bytes: Uint8Array,
  limits = {},
): Promise<WorkbookFormatError> {
  const e = await loadWorkbook(bytes, limits).then(
    () => new Error("loaded"),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookFormatError);
  return e as WorkbookFormatError;
}

const SHEET = {
  name: "Data",
  xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`,
};
const utf16 = (s: string) => Buffer.from(s, "utf16le");

function cfb(stream: string): Uint8Array {
  const b = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  utf16(stream).copy(b, 1024);
  return new Uint8Array(b);
}

test.each([
  [
    "plain text",
    new TextEncoder().encode("RunID,SessionDate\nRUN-1,2026-02-15\n"),
    "not-zip",
    /not a zip file.*save it as an Excel Workbook \(\.xlsx\)/,
  ],
  [
    "a password-protected workbook (an OLE compound file holding EncryptedPackage)",
    cfb("EncryptedPackage"),
    "encrypted",
    /password-protected.*remove the password/,
  ],
  [
    "a legacy .xls (an OLE compound file holding Workbook)",
    cfb("Workbook"),
    "xls",
    /Excel 97-2003.*\.xlsx/,
  ],
  [
    "a truncated workbook",
    new Uint8Array(fs.readFileSync(SAMPLE)).subarray(0, 4000),
    "truncated",
    /damaged or truncated/,
  ],
])("%s is refused, saying what it is", async (_, bytes, kind, message) => {
  const e = await refusal(bytes);
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(message);
});

test("an OpenDocument spreadsheet (.ods) is named as such", async () => {
  const e = await refusal(
    rawZip([
      {
        name: "mimetype",
        data: "application/vnd.oasis.opendocument.spreadsheet",
        store: true,
      },
      { name: "content.xml", data: "<office:document-content/>" },
    ]),
  );
  expect(e.kind).toBe("ods");
  expect(e.message).toMatch(/OpenDocument.*\.ods.*Excel 2007-365 \(\.xlsx\)/);
});

test("an Excel Binary Workbook (.xlsb) is named as such", async () => {
  const e = await refusal(
    rawZip([
      {
        name: "[Content_Types].xml",
        data: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`,
      },
      {
        name: "_rels/.rels",
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      },
      { name: "xl/workbook.bin", data: new Uint8Array(64) },
    ]),
  );
  expect(e.kind).toBe("xlsb");
});

test("a zip of something else (no [Content_Types].xml) is not a workbook", async () => {
  expect(
    (await refusal(rawZip([{ name: "readme.txt", data: "hello" }]))).kind,
  ).toBe("not-workbook");
});

test.each([
  [
    "an entry that climbs out with ..",
    "xl/../../evil.xml",
    /climbs out of the package/,
  ],
  ["an absolute entry name", "/etc/cron.d/evil", /absolute path/],
  ["a Windows drive path", "C:\\evil.xml", /absolute path/],
])("%s is refused", async (_, name, message) => {
  const e = await refusal(
    rawZip([...workbookEntries({ sheets: [SHEET] }), { name, data: "<x/>" }]),
  );
  expect(e.kind).toBe("zip-unsafe");
  expect(e.message).toMatch(message);
  expect(e.message).toContain(JSON.stringify(name));
});

test("duplicate entry names (also differing only in case) are refused: a reader would pick one silently", async () => {
  const entries = workbookEntries({ sheets: [SHEET] });
  const e = await refusal(
    rawZip([
      ...entries,
      { name: "XL/Worksheets/Sheet1.xml", data: "<worksheet/>" },
    ]),
  );
  expect(e.kind).toBe("zip-unsafe");
  expect(e.message).toMatch(
    /two entries named "xl\/worksheets\/sheet1.xml" and "XL\/Worksheets\/Sheet1.xml"/,
  );
});

function bomb(declaredSize?: number): RawEntry[] {
  const zeros = new Uint8Array(8 * 1024 * 1024);
  const entries = workbookEntries({ sheets: [SHEET] });
  const sheet = entries.find((x) => x.name === "xl/worksheets/sheet1.xml")!;
  // The sheet part: a valid start followed by 8 MB of padding inside a comment.
  sheet.data = Buffer.concat([
    Buffer.from(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!--`,
    ),
    Buffer.from(zeros.fill(0x20)),
    Buffer.from(`--></worksheet>`),
  ]);
  sheet.declaredSize = declaredSize;
  return entries;
}

test("a part that declares more than the limit is refused before it is inflated", async () => {
  const e = await refusal(rawZip(bomb()), { maxPartBytes: 1024 * 1024 });
  expect(e.kind).toBe("too-large");
  expect(e.message).toMatch(
    /declares \d+ bytes once inflated, over the 1048576-byte limit/,
  );
});

test("a part that inflates past what it declares (a lying zip bomb) is stopped while inflating", async () => {
  const e = await refusal(rawZip(bomb(1000)));
  expect(e.kind).toBe("too-large");
  expect(e.message).toMatch(
    /xl\/worksheets\/sheet1.xml inflates to more than the 1000 bytes it declares/,
  );
  expect(
    deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)).length,
  ).toBeLessThan(20_000); // it is a bomb
});

test.each([
  [
    "an external entity (XXE)",
    `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
    "&xxe;",
  ],
  [
    "billion laughs",
    `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`,
    "&c;",
  ],
])("XML with a DTD is refused: %s", async (_, doctype, ref) => {
  const entries = workbookEntries({ sheets: [SHEET] });
  const sst = `<?xml version="1.0"?>${doctype}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${ref}</t></si></sst>`;
  const wb = entries.find((x) => x.name === "xl/_rels/workbook.xml.rels")!;
  wb.data = String(wb.data).replace(
    "</Relationships>",
    `<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const e = await refusal(
    rawZip([...entries, { name: "xl/sharedStrings.xml", data: sst }]),
  );
  expect(e.kind).toBe("xml-unsafe");
  expect(e.message).toMatch(
    /xl\/sharedStrings.xml declares a document type \(DTD\)/,
  );
});

test("malformed XML is refused naming the part", async () => {
  const entries = workbookEntries({
    sheets: [{ name: "Data", xml: "<sheetData><row></sheetData>" }],
  });
  const e = await refusal(rawZip(entries));
  expect(e.kind).toBe("xml-malformed");
  expect(e.message).toContain(
    "xl/worksheets/sheet1.xml is not well-formed XML",
  );
});
