// Refusing packages that are not spreadsheetML workbooks, with the way to save them as one.
import { WorkbookFormatError } from "./errors";
import { contentTypeOf, type ContentTypes } from "./package";
import { decodeText } from "./xml";
import type { ZipPackage } from "./zip";

const CT_MAIN =
  /^application\/vnd\.(ms-excel\.sheet\.macroEnabled|ms-excel\.template\.macroEnabled|openxmlformats-officedocument\.spreadsheetml\.(sheet|template))\.main\+xml$/;

/** Refusals for packages that are not spreadsheetML workbooks (.ods, .xlsb, a Word file…). */
export async function checkKind(
  pkg: ZipPackage,
  ct: ContentTypes | null,
  mainPart: string | undefined,
): Promise<void> {
  if (pkg.has("mimetype")) {
    const m = decodeText(await pkg.bytes("mimetype")).trim();
    if (m.startsWith("application/vnd.oasis.opendocument"))
      throw new WorkbookFormatError(
        `it is an OpenDocument file (${m.includes("spreadsheet") ? ".ods" : m}), not .xlsx: save it from LibreOffice as "Excel 2007-365 (.xlsx)"`,
        "ods",
      );
  }
  if (!ct)
    throw new WorkbookFormatError(
      "it is a zip file but not an Office package (no [Content_Types].xml): save the workbook as .xlsx",
      "not-workbook",
    );
  const type = mainPart ? contentTypeOf(ct, mainPart) : undefined;
  if (
    type?.includes("sheet.binary") ||
    (mainPart ?? "").toLowerCase().endsWith(".bin")
  )
    throw new WorkbookFormatError(
      "it is an Excel Binary Workbook (.xlsb), whose sheets sealed-run cannot read: in Excel, save it as Excel Workbook (.xlsx)",
      "xlsb",
    );
  if (!mainPart || !type || !CT_MAIN.test(type))
    throw new WorkbookFormatError(
      `it is an Office package but not an Excel workbook (its main part ${mainPart ?? "is missing"}${type ? `, ${type}` : ""}): save the workbook as .xlsx`,
      "not-workbook",
    );
}
