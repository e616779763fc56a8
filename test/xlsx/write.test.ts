// Writing back: the parts the workflows did not change leave with their very compressed bytes and
// method; changed log cells are new, untouched ones keep their XML; text survives as text; what
// the writer does not write is refused rather than dropped.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadWorkbook, saveWorkbook, WorkbookWriteError } from "../../src/xlsx";
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { adapt, ACTOR, CLOCK, REPO } from "../workbook/helpers";
import { createWorkbookApi } from "../../src/workflows";
import { rawZip, workbookEntries } from "./packages";

const FEATURES = path.join(
  REPO,
  "test/fixtures/workbooks/libreoffice-features.xlsx",
);

/** name → method and compressed bytes, read from the central directory. */
function rawEntries(
  b: Uint8Array,
): Map<string, { method: number; data: Buffer }> {
  const buf = Buffer.from(b);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, { method: number; data: Buffer }>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start =
      local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, { method, data: buf.subarray(start, start + size) });
    p += 46 + skip;
  }
  return out;
}

async function sealIn(bytes: Uint8Array, runId: string) {
  const { book, loaded } = await loadWorkbook(bytes, { name: "Book.xlsx" });
  const api = createWorkbookApi(adapt(createTestHost(book)));
  const outcome = await api.sealRun(runId, { actor: ACTOR, now: CLOCK });
  expect(outcome.kind).toBe("sealed");
  return saveWorkbook(book, loaded);
}

test("unchanged parts keep their compressed bytes and method (jszip reuses them)", async () => {
  const before = new Uint8Array(fs.readFileSync(FEATURES));
  const after = await sealIn(before, "RUN-002");
  const a = rawEntries(before);
  const b = rawEntries(after);
  const rewritten = [
    "[Content_Types].xml",
    "xl/_rels/workbook.xml.rels",
    "xl/workbook.xml",
    "xl/styles.xml",
  ];
  for (const [name, e] of a) {
    if (rewritten.includes(name)) continue;
    expect({
      name,
      method: b.get(name)?.method,
      same: b.get(name)?.data.equals(e.data),
    }).toEqual({ name, method: e.method, same: true });
  }
});

test("a stored (uncompressed) part stays stored, byte for byte", async () => {
  const png = fs.readFileSync(path.join(REPO, "assets/icon-32.png"));
  const entries = workbookEntries({
    sheets: [{ name: "Data", xml: "<sheetData/>" }],
    extra: [{ name: "xl/media/logo.png", data: png, store: true }],
  });
  const { book, loaded } = await loadWorkbook(rawZip(entries));
  book.addCustomXmlPart(`<seal xmlns="urn:test">1</seal>`);
  const out = rawEntries(await saveWorkbook(book, loaded));
  expect(out.get("xl/media/logo.png")).toEqual({ method: 0, data: png });
  expect([...out.keys()]).toEqual(
    expect.arrayContaining([
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "customXml/_rels/item1.xml.rels",
    ]),
  );
});

test("a second seal keeps the first entry's cells as they were written; changed cells only are new", async () => {
  const once = await sealIn(
    new Uint8Array(fs.readFileSync(FEATURES)),
    "RUN-002",
  );
  const twice = await sealIn(once, "RUN-003");
  const sheetOf = async (b: Uint8Array) => {
    const { loaded } = await loadWorkbook(b);
    const log = [...loaded.sheets.entries()].find(
      ([s]) => s.name === "PATCH_LOG",
    )![1];
    return log.xml!;
  };
  // The entry's cells A2:M2 (O2 beside it is the verified checkpoint, which moves on each seal).
  const row2 = (xml: string) =>
    /<row r="2"[^>]*>[\s\S]*?<c r="O2"/.exec(xml)![0];
  const [a, b] = [await sheetOf(once), await sheetOf(twice)];
  expect(row2(b)).toBe(row2(a));
  expect(b).toMatch(/<row r="3"/);
  expect(b).toContain(`<dimension ref="A1:O3"/>`);
  // The quote-prefix text format appended by the first save is used again, not appended twice.
  const xfCount = async (x: Uint8Array) =>
    (await loadWorkbook(x)).loaded.styles.xfs.length;
  expect(await xfCount(twice)).toBe(await xfCount(once));
});

test("log text stays text: formulas, controls, CR and literal _xHHHH_ come back exactly", async () => {
  const { book, loaded } = await loadWorkbook(
    rawZip(
      workbookEntries({ sheets: [{ name: "PATCH_LOG", xml: "<sheetData/>" }] }),
    ),
  );
  const texts = [
    "=1+2",
    "line\r\nnext",
    "tab\there \u0001 ctrl",
    "literal _x0041_ kept",
    "'apostrophe",
    "TRUE",
    "00123",
    "2026-02-15",
    "@x",
    "-- escalate",
  ];
  await createTestHost(book).run(async (context) => {
    context.workbook.worksheets
      .getItem("PATCH_LOG")
      .getRange(`A1:A${texts.length}`).values = texts.map((t) => [`'${t}`]);
    await context.sync();
  });
  const saved = await saveWorkbook(book, loaded);
  const back = (await loadWorkbook(saved)).book.sheet("PATCH_LOG");
  expect(back.values(`A1:A${texts.length}`).map((r) => r[0])).toEqual(texts);
  expect(back.cell("A1")).toMatchObject({
    quotePrefix: true,
    numberFormat: "@",
  });
});

test("a change to any sheet but PATCH_LOG is refused, not dropped", async () => {
  const { book, loaded } = await loadWorkbook(
    new Uint8Array(fs.readFileSync(FEATURES)),
  );
  book.sheet("Notes").setCells("A9", [["edited"]]);
  await expect(saveWorkbook(book, loaded)).rejects.toThrow(WorkbookWriteError);
  await expect(saveWorkbook(book, loaded)).rejects.toThrow(
    /sheet Notes was changed, and sealed-run writes back only the PATCH_LOG sheet/,
  );
});

test("a log sheet written with a namespace prefix (x:, as the Open XML SDK writes) is written back in the same form", async () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const entries = workbookEntries({ sheets: [{ name: "PATCH_LOG", xml: "" }] });
  const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  sheet.data = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>kept</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
  const { book, loaded } = await loadWorkbook(rawZip(entries));
  await createTestHost(book).run(async (context) => {
    context.workbook.worksheets.getItem("PATCH_LOG").getRange("B1:B2").values =
      [["'=new"], ["'x"]];
    context.workbook.worksheets.getItem("PATCH_LOG").protection.protect();
    await context.sync();
  });
  const saved = await saveWorkbook(book, loaded);
  const again = await loadWorkbook(saved);
  const log = again.book.sheet("PATCH_LOG");
  expect(log.values("A1:B2")).toEqual([
    ["kept", "=new"],
    ["", "x"],
  ]);
  expect(log.protection.protected).toBe(true);
  const xml = [...again.loaded.sheets.values()][0].xml!;
  expect(xml).toContain(
    `<x:c r="A1" t="inlineStr"><x:is><x:t>kept</x:t></x:is></x:c>`,
  );
  expect(xml).toMatch(
    /<x:c r="B1" s="\d+" t="inlineStr"><x:is><x:t xml:space="preserve">=new<\/x:t><\/x:is><\/x:c>/,
  );
  expect(xml).toMatch(
    /<\/x:sheetData><x:sheetProtection sheet="1" objects="1" scenarios="1"\/>/,
  );
  expect(xml).not.toMatch(/<(?!x:|\?xml)[a-z]/);
});

test("a package without a styles part gets one, with the default format first and the log's after it", async () => {
  const { book, loaded } = await loadWorkbook(
    rawZip(
      workbookEntries({ sheets: [{ name: "PATCH_LOG", xml: "<sheetData/>" }] }),
    ),
  );
  expect(loaded.stylesPath).toBeUndefined();
  await createTestHost(book).run(async (context) => {
    context.workbook.worksheets.getItem("PATCH_LOG").getRange("A1").values = [
      ["'TRUE"],
    ];
    await context.sync();
  });
  const again = await loadWorkbook(await saveWorkbook(book, loaded));
  expect(again.loaded.stylesPath).toBe("xl/styles.xml");
  expect(again.book.sheet("PATCH_LOG").cell("A1")).toMatchObject({
    value: "TRUE",
    quotePrefix: true,
  });
  expect(
    again.loaded.styles.xfs.map((x) => [x.numberFormat, x.quotePrefix]),
  ).toEqual([
    ["General", false],
    ["@", true],
  ]);
});

test("adding a sheet other than PATCH_LOG, or deleting a kept seal, is refused rather than saved", async () => {
  const bytes = new Uint8Array(fs.readFileSync(FEATURES));
  const a = await loadWorkbook(bytes);
  a.book.addSheet("Scratch");
  await expect(saveWorkbook(a.book, a.loaded)).rejects.toThrow(
    /sheet Scratch was added, and sealed-run adds only a PATCH_LOG sheet; nothing was saved/,
  );
  const sealed = await loadWorkbook(await sealIn(bytes, "RUN-002"));
  sealed.book.liveParts[0].deleted = true;
  await expect(saveWorkbook(sealed.book, sealed.loaded)).rejects.toThrow(
    /a kept seal \(custom XML part customXml\/item1.xml\) was deleted/,
  );
});
