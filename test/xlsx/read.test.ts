// Reading cells, tables and formats as Excel, LibreOffice and Google Sheets write them; values as
// Office.js Range.values gives them (through the simulator's Office.js host).
import { loadWorkbook } from "../../src/xlsx";
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { rawZip, tableXml, workbookEntries } from "./packages";

const STYLES =
  `<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="&quot;Q&quot;0"/></numFmts>` +
  `<cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22"/><xf numFmtId="46"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49" quotePrefix="1"/><xf numFmtId="166"/></cellXfs>`;
const SST =
  `<si><t>Name</t></si><si><t>Value</t></si>` +
  `<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>` +
  `<si><t>line one_x000D_\nline two _x005F_x0041_</t></si>` +
  `<si><t>=1+2</t></si>`;

function book(opts: Partial<Parameters<typeof workbookEntries>[0]> = {}) {
  return rawZip(
    workbookEntries({
      styles: STYLES,
      sst: SST,
      sheets: [
        {
          name: "Data",
          xml:
            `<sheetData>` +
            `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
            `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>` +
            `<row r="3"><c r="A3" t="inlineStr"><is><r><t>inline </t></r><r><t>rich</t></r></is></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>` +
            `<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
            `<row r="5"><c r="A5" s="1"><v>46068</v></c><c r="B5" s="2"><v>46068.5</v></c></row>` +
            `<row r="6"><c r="A6" s="3"><v>1.25</v></c><c r="B6" s="4"><v>0.785</v></c></row>` +
            `<row r="7"><c r="A7" s="5"><v>46068</v></c><c r="B7" s="6"><v>0.78</v></c></row>` +
            `<row r="8"><c r="A8" s="7" t="s"><v>4</v></c><c r="B8"><f>1+2</f><v>3</v></c></row>` +
            `<row r="9"><c t="inlineStr"><is><t>no ref A</t></is></c><c><v>42</v></c></row>` +
            `<row r="10"><c r="A10" s="8"><v>3</v></c><c r="B10" t="d"><v>2026-02-15T12:00:00</v></c></row>` +
            `</sheetData>`,
        },
      ],
      ...opts,
    }),
  );
}

async function values(bytes: Uint8Array, address: string) {
  const { book: b } = await loadWorkbook(bytes);
  const host = createTestHost(b);
  return host.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Data").getRange(address);
    r.load(["values", "numberFormat"]);
    await context.sync();
    return { values: r.values, formats: r.numberFormat };
  });
}

test("every cell form reads as Range.values gives it, with the format Range.numberFormat reports", async () => {
  const { values: v, formats: f } = await values(book(), "A1:B10");
  expect(v).toEqual([
    ["Name", "Value"],
    ["Bold and plain", "line one\r\nline two _x0041_"],
    ["inline rich", "ab"],
    [true, "#DIV/0!"],
    [46068, 46068.5],
    [1.25, 0.785],
    [46068, 0.78],
    ["=1+2", 3],
    ["no ref A", 42],
    [3, 46068.5],
  ]);
  expect(f).toEqual([
    ["General", "General"],
    ["General", "General"],
    ["General", "General"],
    ["General", "General"],
    ["m/d/yyyy", "m/d/yyyy h:mm"],
    ["[h]:mm:ss", "0.00%"],
    ["dd/mm/yyyy", "0.0%"],
    ["@", "General"],
    ["General", "General"],
    ['"Q"0', "General"],
  ]);
});

test("a quote-prefixed string keeps its quote prefix; formulas keep their text and cached value", async () => {
  const { book: b } = await loadWorkbook(book());
  const s = b.sheet("Data");
  expect(s.cell("A8")).toMatchObject({
    value: "=1+2",
    quotePrefix: true,
    valueType: "String",
  });
  expect(s.cell("B8")).toMatchObject({ value: 3, formula: "=1+2" });
  expect(s.cell("B4")).toMatchObject({ value: "#DIV/0!", valueType: "Error" });
});

test("the 1904 date system: serials are kept, DATE(1904,1,1) reports 0 as in Excel", async () => {
  const { book: b } = await loadWorkbook(book({ date1904: true }));
  expect(b.date1904).toBe(true);
  expect(b.sheet("Data").cell("A5").value).toBe(46068);
  // t="d" (ISO) cells become serials of the book's system.
  expect(b.sheet("Data").cell("B10").value).toBe(46068.5 - 1462);
});

const TABLE_SHEET = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Key</t></is></c><c r="B1" t="inlineStr"><is><t>Value</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>k</t></is></c><c r="B2"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Total</t></is></c><c r="B3"><f>SUBTOTAL(109,B2)</f><v>1</v></c></row></sheetData>`;

test.each([
  [
    "headerRowCount absent (Excel's default, = 1)",
    `name="T" displayName="T" ref="A1:B2"`,
    "A1:B2",
    1,
  ],
  [
    'headerRowCount="1" (LibreOffice)',
    `name="T" displayName="T" ref="A1:B2" headerRowCount="1" totalsRowCount="0"`,
    "A1:B2",
    1,
  ],
  [
    'a totals row (totalsRowCount="1")',
    `name="T" displayName="T" ref="A1:B3" totalsRowCount="1"`,
    "A1:B3", // Table.getRange covers the total row; the body (1 row) does not
    1,
  ],
])(
  "a table with %s has its header row, body and columns",
  async (_, attrs, address, rows) => {
    const { book: b } = await loadWorkbook(
      rawZip(
        workbookEntries({
          sheets: [
            {
              name: "Data",
              xml: TABLE_SHEET,
              tables: [tableXml(attrs, ["Key", "Value"])],
            },
          ],
        }),
      ),
    );
    const info = await createTestHost(b).run(async (context) => {
      const t = context.workbook.tables.getItem("T");
      const range = t.getRange();
      const header = t.getHeaderRowRange();
      const body = t.getDataBodyRange();
      range.load("address");
      header.load("values");
      body.load("rowCount");
      t.columns.load("items/name");
      await context.sync();
      return {
        address: range.address,
        header: header.values,
        rows: body.rowCount,
        columns: t.columns.items.map((c) => c.name),
      };
    });
    expect(info).toEqual({
      address: `Data!${address}`,
      header: [["Key", "Value"]],
      rows,
      columns: ["Key", "Value"],
    });
  },
);

test('a table without a header row (headerRowCount="0") is reported, not taken for one with headers', async () => {
  const { book: b, loaded } = await loadWorkbook(
    rawZip(
      workbookEntries({
        sheets: [
          {
            name: "Data",
            xml: TABLE_SHEET,
            tables: [
              tableXml(
                `name="NoHead" displayName="NoHead" ref="A1:B3" headerRowCount="0"`,
                ["Column1", "Column2"],
              ),
            ],
          },
        ],
      }),
    ),
  );
  expect(b.findTable("NoHead")).toBeUndefined();
  expect(loaded.headerless).toEqual([
    { table: "NoHead", sheet: "Data", path: "xl/tables/table1.xml" },
  ]);
});

test("table column names that differ from the header cells: the cells are what Range.values reads, the names what TableColumn.name reads", async () => {
  const { book: b } = await loadWorkbook(
    rawZip(
      workbookEntries({
        sheets: [
          {
            name: "Data",
            xml: TABLE_SHEET,
            tables: [
              tableXml(`name="T" displayName="T" ref="A1:B2"`, [
                "Key_x000a_name",
                "Amount",
              ]),
            ],
          },
        ],
      }),
    ),
  );
  expect(b.table("T").columns.map((c) => c.name)).toEqual([
    "Key\nname",
    "Amount",
  ]);
  expect(b.sheet("Data").values("A1:B1")).toEqual([["Key", "Value"]]);
});

test("parts named with odd casing, in another folder, in unusual zip order", async () => {
  const entries = workbookEntries({
    mainPath: "book/workbook.xml",
    reverse: true,
    sheets: [{ name: "Data", xml: TABLE_SHEET }],
  });
  // The relationships name the part in lower case; the zip entry has other casing (OPC names compare case-insensitively).
  for (const e of entries)
    if (e.name === "book/workbook.xml") e.name = "Book/Workbook.XML";
  expect(entries[entries.length - 1].name).toBe("[Content_Types].xml");
  const { book: b } = await loadWorkbook(rawZip(entries));
  expect(b.sheet("Data").values("A2:B2")).toEqual([["k", 1]]);
});

test("hidden sheets keep their visibility", async () => {
  const { book: b } = await loadWorkbook(
    rawZip(
      workbookEntries({
        sheets: [
          { name: "Data", xml: TABLE_SHEET },
          { name: "Secret", xml: "<sheetData/>", state: "veryHidden" },
        ],
      }),
    ),
  );
  expect(b.liveSheets.map((s) => [s.name, s.visibility])).toEqual([
    ["Data", "Visible"],
    ["Secret", "VeryHidden"],
  ]);
});

test("focus: of a large table only the header, the key column and the matching row are kept", async () => {
  const rows = Array.from(
    { length: 50 },
    (_, i) =>
      `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>RUN-${i}</t></is></c><c r="B${i + 2}"><v>${i}</v></c></row>`,
  ).join("");
  const xml = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>RunID</t></is></c><c r="B1" t="inlineStr"><is><t>Value</t></is></c></row>${rows}</sheetData>`;
  const bytes = rawZip(
    workbookEntries({
      sheets: [
        {
          name: "Data",
          xml,
          tables: [
            tableXml(`name="Runs" displayName="Runs" ref="A1:B51"`, [
              "RunID",
              "Value",
            ]),
          ],
        },
      ],
    }),
  );
  const { book: b, loaded } = await loadWorkbook(bytes, {
    focus: { table: "Runs", column: "RunID", value: "RUN-7" },
  });
  const s = b.sheet("Data");
  expect(s.values("A9:B10")).toEqual([
    ["RUN-7", 7],
    ["RUN-8", ""],
  ]);
  expect(s.values("A51:B51")).toEqual([["RUN-49", ""]]);
  expect([...loaded.sheets.values()][0].partial).toBe(true);
});

test("focus with shared strings: short ones are held, the kept row's long ones are read in a second pass", async () => {
  const long = (i: number) => `long text ${i} `.padEnd(400, "x");
  const sst = [
    "RunID",
    "Text",
    ...Array.from({ length: 20 }, (_, i) => `RUN-${i}`),
    ...Array.from({ length: 20 }, (_, i) => long(i)),
  ]
    .map((t) => `<si><t>${t}</t></si>`)
    .join("");
  const rows = Array.from(
    { length: 20 },
    (_, i) =>
      `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 2}</v></c><c r="B${i + 2}" t="s"><v>${i + 22}</v></c></row>`,
  ).join("");
  const xml = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${rows}</sheetData>`;
  const notes = `<sheetData><row r="1"><c r="A1" t="s"><v>30</v></c></row></sheetData>`;
  const bytes = rawZip(
    workbookEntries({
      sst,
      sheets: [
        {
          name: "Data",
          xml,
          tables: [
            tableXml(`name="Runs" displayName="Runs" ref="A1:B21"`, [
              "RunID",
              "Text",
            ]),
          ],
        },
        { name: "Notes", xml: notes },
      ],
    }),
  );
  const { book: b } = await loadWorkbook(bytes, {
    focus: { table: "Runs", column: "RunID", value: "RUN-7" },
  });
  expect(b.sheet("Data").values("A9:B10")).toEqual([
    ["RUN-7", long(7)],
    ["RUN-8", ""],
  ]);
  // Other sheets are read whole, their long strings too.
  expect(b.sheet("Notes").values("A1")).toEqual([[long(8)]]);
  // Without focus every string is read in the first pass.
  expect((await loadWorkbook(bytes)).book.sheet("Data").values("B10")).toEqual([
    [long(8)],
  ]);
});
