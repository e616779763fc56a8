// Streaming reader for a table part (§18.5): its name, range, header and totals rows and columns.
import { parseA1 } from "@sealed-run/workbook-model";
import { WorkbookFormatError } from "./errors";
import { decodeXstring, parsePart } from "./xml";
import type { ZipPackage } from "./zip";

export interface ParsedTable {
  id: number;
  name: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
  rect: { r0: number; c0: number; r1: number; c1: number };
}

export async function readTable(
  pkg: ZipPackage,
  path: string,
): Promise<ParsedTable> {
  const t: ParsedTable = {
    id: 0,
    name: "",
    ref: "",
    headerRowCount: 1,
    totalsRowCount: 0,
    columns: [],
    rect: { r0: 0, c0: 0, r1: 0, c1: 0 },
  };
  await parsePart(pkg, path, {
    open(name, a) {
      if (name === "table") {
        // headerRowCount is omitted when it is the default, 1 (§18.5.1.2): as Excel writes it.
        t.id = Number(a.id) || 0;
        t.name = a.displayName ?? a.name ?? "";
        t.ref = a.ref ?? "";
        t.headerRowCount =
          a.headerRowCount === undefined ? 1 : Number(a.headerRowCount);
        t.totalsRowCount =
          a.totalsRowCount === undefined ? 0 : Number(a.totalsRowCount);
      } else if (name === "tableColumn")
        t.columns.push(decodeXstring(a.name ?? ""));
    },
  });
  try {
    t.rect = parseA1(t.ref);
  } catch {
    throw new WorkbookFormatError(
      `the table part ${path} (${t.name}) has the range ${JSON.stringify(t.ref)}, which is not a cell range`,
      "xml-malformed",
    );
  }
  return t;
}
