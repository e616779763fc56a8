// Makes test/fixtures/workbooks/excel-form.xlsm from LibreOffice's libreoffice-macro.xlsm (1904
// date system, a chart, a picture, comments, a Basic module that LibreOffice does not export as
// VBA) by writing in by hand what Excel writes and LibreOffice does not:
//   - tables without headerRowCount/totalsRowCount (Excel omits the defaults, ECMA-376 §18.5.1.2);
//   - a chart sheet (xl/chartsheets/, with its drawing and chart);
//   - a vbaProject.bin part with its relationship and content type, as an .xlsm with macros has
//     (its bytes are a placeholder compound file: sealed-run must only carry it over unchanged).
// Run: node scripts/make-excel-form-fixture.mjs
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";

const dir = path.resolve(import.meta.dirname, "../test/fixtures/workbooks");
const zip = await JSZip.loadAsync(
  fs.readFileSync(path.join(dir, "libreoffice-macro.xlsm")),
);
const text = (n) => zip.file(n).async("string");
const NS_R =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

for (const name of Object.keys(zip.files).filter((n) =>
  /^xl\/tables\/.*\.xml$/.test(n),
))
  zip.file(
    name,
    (await text(name))
      .replace(/ headerRowCount="1"/g, "")
      .replace(/ totalsRowCount="0"/g, ""),
  );

const chart = Object.keys(zip.files).find((n) =>
  /^xl\/charts\/chart\d+\.xml$/.test(n),
);
zip.file("xl/charts/chart100.xml", await text(chart));
zip.file(
  "xl/chartsheets/sheet1.xml",
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheetPr/><sheetViews><sheetView zoomScale="100" workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
);
zip.file(
  "xl/chartsheets/_rels/sheet1.xml.rels",
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/drawing" Target="../drawings/drawing100.xml"/></Relationships>`,
);
zip.file(
  "xl/drawings/drawing100.xml",
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`,
);
zip.file(
  "xl/drawings/_rels/drawing100.xml.rels",
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/chart" Target="../charts/chart100.xml"/></Relationships>`,
);
// A compound-file header followed by zeros: the shape of a vbaProject.bin, never run.
const vba = new Uint8Array(1536);
vba.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
zip.file("xl/vbaProject.bin", vba);

let ct = await text("[Content_Types].xml");
ct = ct.replace(
  "</Types>",
  `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` +
    `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>` +
    `<Override PartName="/xl/drawings/drawing100.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
    `<Override PartName="/xl/charts/chart100.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
);
zip.file("[Content_Types].xml", ct);
let rels = await text("xl/_rels/workbook.xml.rels");
rels = rels.replace(
  "</Relationships>",
  `<Relationship Id="rIdChart1" Type="${NS_R}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
    `<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
);
zip.file("xl/_rels/workbook.xml.rels", rels);
let wb = await text("xl/workbook.xml");
wb = wb.replace(
  "</sheets>",
  `<sheet name="Confidence Chart" sheetId="90" r:id="rIdChart1"/></sheets>`,
);
zip.file("xl/workbook.xml", wb);

fs.writeFileSync(
  path.join(dir, "excel-form.xlsm"),
  await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
);
console.log("wrote", path.join(dir, "excel-form.xlsm"));
