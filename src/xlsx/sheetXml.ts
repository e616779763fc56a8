// Streaming readers for the parts that hold cells: shared strings (§18.4), worksheets (§18.3) and
// tables (§18.5). Values come out as Office.js Range.values gives them: numbers (dates are serial
// numbers), booleans, strings (rich text as its plain text, phonetic runs left out), an error
// cell as its error text, a formula cell as its last computed value.
import {
  dateSerial,
  type DateSystem,
  parseA1,
  type Scalar,
} from "@sealed-run/workbook-model";
import { WorkbookFormatError } from "./errors";
import { decodeXstring, parsePart } from "./xml";
import { shiftFormula } from "./formulaShift";
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

/** Text of <t> elements inside the current <si>/<is>, skipping phonetic runs (<rPh>). */
class RichText {
  private depthPh = 0;
  private inT = false;
  text = "";
  open(name: string): void {
    if (name === "rPh") this.depthPh++;
    else if (name === "t" && this.depthPh === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "rPh") this.depthPh--;
    else if (name === "t") this.inT = false;
  }
  chars(t: string): void {
    if (this.inT) this.text += t;
  }
}

/**
 * The shared-string table (§18.4.9) by index. A string `keep` refuses is left out (null) and read
 * later with readSharedStringsAt, when a cell that is kept needs it: so a seal from a large run
 * table holds the short strings (headers, run ids) and the few long ones of the run's row only.
 */
export async function readSharedStrings(
  pkg: ZipPackage,
  path: string | undefined,
  keep: (text: string) => boolean = () => true,
): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  await eachSharedString(pkg, path, (_, text) =>
    out.push(keep(text) ? text : null),
  );
  return out;
}

/** The strings at `indexes`, in a second pass over the table. */
export async function readSharedStringsAt(
  pkg: ZipPackage,
  path: string | undefined,
  indexes: Set<number>,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await eachSharedString(pkg, path, (i, text) => {
    if (indexes.has(i)) out.set(i, text);
  });
  return out;
}

async function eachSharedString(
  pkg: ZipPackage,
  path: string | undefined,
  each: (index: number, text: string) => void,
): Promise<void> {
  if (!path || !pkg.has(path)) return;
  let rich: RichText | null = null;
  let i = 0;
  await parsePart(pkg, path, {
    open(name) {
      if (name === "si") rich = new RichText();
      else rich?.open(name);
    },
    close(name) {
      if (name === "si" && rich) {
        each(i++, decodeXstring(rich.text));
        rich = null;
      } else rich?.close(name);
    },
    text(t) {
      rich?.chars(t);
    },
  });
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
