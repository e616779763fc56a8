// Streaming reader for worksheets (§18.3); shared strings are sharedStrings.ts's, tables
// tableXml.ts's. Values come out as Office.js Range.values gives them: numbers (dates are serial
// numbers), booleans, strings (rich text as its plain text, phonetic runs left out), an error
// cell as its error text, a formula cell as its last computed value.
import {
  dateSerial,
  type DateSystem,
  type Scalar,
} from "@sealed-run/workbook-model";
import { WorkbookFormatError } from "./errors";
import { decodeXstring, parsePart } from "./xml";
import { shiftFormula } from "./formulaShift";
import { RichText } from "./sharedStrings";
import type { ZipPackage } from "./zip";

export interface ParsedCell {
  col: number;
  value: Scalar | undefined;
  formula?: string;
  isError?: boolean;
  /** cellXfs index. */
  style: number;
  /** A shared string left out of the first pass: its index (value is "" until it is read). */
  sst?: number;
}
/** Column index (0-based) of a cell reference such as "AB12". */
function colOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) n = n * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) n = n * 26 + ch - 96;
    else break;
  }
  return n - 1;
}

/** An ISO 8601 date-time of a t="d" cell as a serial in the book's date system. */
function isoToSerial(text: string, system: DateSystem): number | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const day = dateSerial(Number(m[1]), Number(m[2]), Number(m[3]), system);
  const secs =
    Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  return day + secs / 86400;
}

export interface SheetInfo {
  protection?: Record<string, string>;
}

/**
 * Streams a worksheet; `onRow` receives each row's cells (0-based row index) as it closes, so a
 * caller keeps only what it needs.
 */
export async function readSheet(
  pkg: ZipPackage,
  path: string,
  sst: (string | null)[],
  system: DateSystem,
  onRow: (row: number, cells: ParsedCell[]) => void,
): Promise<SheetInfo> {
  const info: SheetInfo = {};
  let row = -1;
  let nextCol = 0;
  let cells: ParsedCell[] = [];
  let inSheetData = false;
  // The cell being read.
  let ref: string | undefined;
  let type = "n";
  let style = 0;
  let v: string | undefined;
  let f: string | undefined;
  let fShared: string | undefined;
  let inV = false;
  let inF = false;
  let rich: RichText | null = null;
  let inline: string | undefined;
  const sharedFormulas = new Map<
    string,
    { text: string; row: number; col: number }
  >();

  const finishCell = () => {
    const col = ref ? colOf(ref) : nextCol;
    nextCol = col + 1;
    let value: Scalar | undefined;
    let isError = false;
    let deferred: number | undefined;
    switch (type) {
      case "s": {
        const i = Number(v);
        const text = v === undefined ? undefined : sst[i];
        if (text === null) deferred = i;
        value = text === null ? "" : text;
        if (v !== undefined && value === undefined)
          throw new WorkbookFormatError(
            `the package part ${path} has cell ${ref ?? `#${col + 1}`} pointing to shared string ${v}, which does not exist`,
            "xml-malformed",
          );
        break;
      }
      case "str":
        value = decodeXstring(v ?? "");
        break;
      case "inlineStr":
        value = decodeXstring(inline ?? "");
        break;
      case "b":
        value =
          v === undefined ? undefined : v.trim() === "1" || v.trim() === "true";
        break;
      case "e":
        value = v;
        isError = v !== undefined;
        break;
      case "d":
        value = v === undefined ? undefined : (isoToSerial(v, system) ?? v);
        break;
      default:
        value = v === undefined || v.trim() === "" ? undefined : Number(v);
        if (typeof value === "number" && Number.isNaN(value))
          throw new WorkbookFormatError(
            `the package part ${path} has cell ${ref} with the number ${JSON.stringify(v)}`,
            "xml-malformed",
          );
    }
    let formula: string | undefined;
    if (f !== undefined && f !== "") formula = `=${f}`;
    else if (fShared !== undefined && sharedFormulas.has(fShared)) {
      const first = sharedFormulas.get(fShared)!;
      formula = `=${shiftFormula(first.text, row - first.row, col - first.col)}`;
    }
    if (formula && value === undefined) value = "";
    if (value !== undefined || formula)
      cells.push({
        col,
        value,
        formula,
        isError: isError || undefined,
        style,
        sst: deferred,
      });
  };

  await parsePart(pkg, path, {
    open(name, a) {
      if (rich) {
        rich.open(name);
        return;
      }
      switch (name) {
        case "sheetData":
          inSheetData = true;
          break;
        case "row":
          row = a.r ? Number(a.r) - 1 : row + 1;
          nextCol = 0;
          cells = [];
          break;
        case "c":
          ref = a.r;
          type = a.t ?? "n";
          style = a.s ? Number(a.s) : 0;
          v = f = fShared = inline = undefined;
          break;
        case "v":
          inV = true;
          v = "";
          break;
        case "f":
          inF = true;
          f = "";
          if (a.t === "shared" && a.si !== undefined) fShared = a.si;
          break;
        case "is":
          rich = new RichText();
          break;
        case "sheetProtection":
          info.protection = a;
          break;
      }
    },
    close(name) {
      if (rich) {
        if (name === "is") {
          inline = rich.text;
          rich = null;
        } else rich.close(name);
        return;
      }
      if (name === "v") inV = false;
      else if (name === "f") {
        inF = false;
        if (fShared !== undefined && f)
          sharedFormulas.set(fShared, {
            text: f,
            row,
            col: ref ? colOf(ref) : nextCol,
          });
      } else if (name === "c" && inSheetData) finishCell();
      else if (name === "row" && inSheetData) {
        onRow(row, cells);
        cells = [];
      } else if (name === "sheetData") inSheetData = false;
    },
    text(t) {
      if (rich) rich.chars(t);
      else if (inV) v += t;
      else if (inF) f += t;
    },
  });
  return info;
}
