// Shared formulas: each cell's own formula is the first cell's, moved by the offset, as Excel shows it.
import { shiftFormula } from "../../src/xlsx/formulaShift";
import { loadWorkbook } from "../../src/xlsx";
import { rawZip, workbookEntries } from "./packages";

test.each([
  ["A1+$B$1", 1, 0, "A2+$B$1"],
  ["A1+$B1+B$1", 2, 3, "D3+$B3+E$1"],
  ["SUM(A1:A3)*LOG10(B2)", 1, 1, "SUM(B2:B4)*LOG10(C3)"],
  ['"A1"&A1', 1, 0, '"A1"&A2'],
  ["'My Sheet'!A1+Sheet2!B2", 1, 0, "'My Sheet'!A2+Sheet2!B3"],
  ["Table1[Amount]+A1", 1, 0, "Table1[Amount]+A2"],
  ["A1-1", -1, 0, "#REF!-1"],
  ["XFD1+1.5E3", 0, 1, "#REF!+1.5E3"],
])("%s moved by (%i, %i) is %s", (f, dr, dc, want) => {
  expect(shiftFormula(f, dr, dc)).toBe(want);
});

test("a filled-down formula reads in each cell as Excel shows it there", async () => {
  const xml =
    `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>` +
    `<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>` +
    `<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row></sheetData>`;
  const { book } = await loadWorkbook(
    rawZip(workbookEntries({ sheets: [{ name: "Data", xml }] })),
  );
  const s = book.sheet("Data");
  expect(
    ["B1", "B2", "B3"].map((a) => [s.cell(a).formula, s.cell(a).value]),
  ).toEqual([
    ["=A1*2", 2],
    ["=A2*2", 4],
    ["=A3*2", 6],
  ]);
});
