// Writing a loaded workbook back with only what the workflows changed: the PATCH_LOG sheet and
// its table, the custom XML parts that keep seals, appended entries in [Content_Types].xml,
// the workbook part and its relationships, and appended cell formats in the styles part. Every
// other part is copied as it came (zip.ts keeps its compressed bytes). One save per load.
import { columnLetters, formatRef, type Rect } from "../simulator/address";
import type { SimSheet, SimTable, SimWorkbook } from "../simulator/workbook";
import {
  braceGuid,
  CT_CUSTOM_XML_PROPS,
  NS_CUSTOM_XML,
  REL_CUSTOM_XML,
  REL_CUSTOM_XML_PROPS,
} from "../simulator/ooxmlCustomXml";
import { newPartId } from "../simulator/xmlParts";
import { WorkbookWriteError } from "./errors";
import { folderOf, relativeTarget, relsPathOf } from "./package";
import {
  ALLOWED_WHEN_ZERO,
  cellsState,
  LOG_SHEET_NAME,
  type LoadedPackage,
  type LoadedSheet,
} from "./read";
import { BUILTIN_FORMATS } from "./styles";
import { decodeText, encodeXstring, escapeXml } from "./xml";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_WORKSHEET = `${NS_R}/worksheet`;
const REL_TABLE = `${NS_R}/table`;
const REL_STYLES = `${NS_R}/styles`;
const CT_WORKSHEET =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_TABLE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const CT_STYLES =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

const enc = (s: string) => new TextEncoder().encode(s);

/** Inserts `insert` before the last closing tag named `local` (any prefix); the element may be empty (`<x/>`). */
function insertBeforeClose(
  xml: string,
  local: string,
  insert: string,
): string | null {
  const close = new RegExp(`</((?:[\\w.-]+:)?${local})\\s*>`, "g");
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  while ((m = close.exec(xml))) last = m;
  if (last) return xml.slice(0, last.index) + insert + xml.slice(last.index);
  const empty = new RegExp(`<((?:[\\w.-]+:)?${local})\\b([^>]*?)\\s*/>`).exec(
    xml,
  );
  if (!empty) return null;
  return (
    xml.slice(0, empty.index) +
    `<${empty[1]}${empty[2]}>${insert}</${empty[1]}>` +
    xml.slice(empty.index + empty[0].length)
  );
}

/** The prefix (with colon, or "") of the first element named `local`. */
function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${local}\\b`).exec(xml);
  return m?.[1] ?? "";
}

/** An attribute that binds the relationships namespace, unless the root already declares `r`. */
function rNamespaceFor(xml: string): { p: string; decl: string } {
  const root =
    /<(?:[\w.-]+:)?(?:worksheet|workbook)\b[^>]*>/.exec(xml)?.[0] ?? "";
  const m = new RegExp(
    `xmlns:([\\w.-]+)="${NS_R.replace(/[./]/g, "\\$&")}"`,
  ).exec(root);
  return m
    ? { p: `${m[1]}:`, decl: "" }
    : { p: "r:", decl: ` xmlns:r="${NS_R}"` };
}

function setCountAttr(openTag: string, count: number): string {
  return /\scount="\d*"/.test(openTag)
    ? openTag.replace(/\scount="\d*"/, ` count="${count}"`)
    : openTag.replace(/\s*(\/?)>$/, ` count="${count}"$1>`);
}

class TextPart {
  text: string | undefined;
  changed = false;
  constructor(
    private readonly lp: LoadedPackage,
    readonly path: string,
  ) {}
  async get(): Promise<string> {
    if (this.text === undefined)
      this.text = decodeText(await this.lp.pkg.bytes(this.path));
    return this.text;
  }
  set(text: string): void {
    this.text = text;
    this.changed = true;
  }
}

/** Appends formats to the styles part without renumbering anything already there. */
class StyleAppender {
  private readonly byKey = new Map<string, number>();
  private xfs: string[] = [];
  private numFmts: string[] = [];
  private nextNumFmt: number;
  private readonly customIds = new Map<string, number>();

  constructor(private readonly lp: LoadedPackage) {
    let max = 163;
    for (const [id, code] of lp.styles.custom) {
      max = Math.max(max, id);
      this.customIds.set(code, id);
    }
    this.nextNumFmt = max + 1;
  }

  private numFmtId(code: string): number {
    for (const [id, c] of Object.entries(BUILTIN_FORMATS))
      if (c === code) return Number(id);
    let id = this.customIds.get(code);
    if (id === undefined) {
      id = this.nextNumFmt++;
      this.customIds.set(code, id);
      this.numFmts.push(
        `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
      );
    }
    return id;
  }

  /** The cellXfs index of a format (appended once per distinct format). */
  xf(numberFormat: string, quotePrefix: boolean): number {
    const key = `${quotePrefix ? "q" : ""}|${numberFormat}`;
    let i = this.byKey.get(key);
    if (i !== undefined) return i;
    // Text cells with a quote prefix also get the Text format (49), so a cell typed over stays text.
    const id = quotePrefix ? 49 : this.numFmtId(numberFormat);
    // A plain format already in the package (one the last save appended, say) is used again.
    const existing = this.lp.styles.xfs.findIndex(
      (x) => x.plain && x.numFmtId === id && x.quotePrefix === quotePrefix,
    );
    if (existing >= 0 && this.lp.stylesPath) {
      this.byKey.set(key, existing);
      return existing;
    }
    i = this.base() + this.xfs.length;
    this.xfs.push(
      `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${quotePrefix ? ` quotePrefix="1"` : ""}/>`,
    );
    this.byKey.set(key, i);
    return i;
  }

  /** The index the first appended format gets (a new styles part starts with the default one). */
  private base(): number {
    return this.lp.stylesPath ? this.lp.styles.xfs.length : 1;
  }

  get empty(): boolean {
    return !this.xfs.length;
  }

  apply(xml: string): string {
    let out = xml;
    if (this.numFmts.length) {
      const open = /<((?:[\w.-]+:)?)numFmts\b[^>]*?(\/?)>/.exec(out);
      const p = prefixOf(out, "styleSheet");
      const items = this.numFmts
        .map((x) => x.replace(/^<numFmt/, `<${p}numFmt`))
        .join("");
      if (open) {
        const count = this.lp.styles.custom.size + this.numFmts.length;
        out =
          out.slice(0, open.index) +
          setCountAttr(open[0], count) +
          out.slice(open.index + open[0].length);
        out = insertBeforeClose(out, "numFmts", items)!;
      } else {
        const root = /<(?:[\w.-]+:)?styleSheet\b[^>]*>/.exec(out)!;
        const at = root.index + root[0].length;
        out =
          out.slice(0, at) +
          `<${p}numFmts count="${this.numFmts.length}">${items}</${p}numFmts>` +
          out.slice(at);
      }
    }
    const p = prefixOf(out, "styleSheet");
    const items = this.xfs.map((x) => x.replace(/^<xf/, `<${p}xf`)).join("");
    const open = /<(?:[\w.-]+:)?cellXfs\b[^>]*?\/?>/.exec(out);
    if (!open)
      throw new WorkbookWriteError(
        "the styles part has no cellXfs list to append a cell format to",
      );
    out =
      out.slice(0, open.index) +
      setCountAttr(open[0], this.lp.styles.xfs.length + this.xfs.length) +
      out.slice(open.index + open[0].length);
    return insertBeforeClose(out, "cellXfs", items)!;
  }

  /** A whole styles part, when the package had none. */
  fresh(): string {
    return (
      DECL +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (this.numFmts.length
        ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join("")}</numFmts>`
        : "") +
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${1 + this.xfs.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${this.xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}

interface RawCell {
  col: number;
  xml: string;
  style?: string;
}

interface RawRow {
  attrs: string;
  cells: Map<number, RawCell>;
}

const colIndex = (letters: string) =>
  [...letters.toUpperCase()].reduce(
    (n, ch) => n * 26 + ch.charCodeAt(0) - 64,
    0,
  ) - 1;

/** The rows and cells of a sheet's sheetData, as written (the part passed the XML parser already). */
function rawRows(sheetData: string): Map<number, RawRow> {
  const rows = new Map<number, RawRow>();
  const rowRe =
    /<(?:[\w.-]+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?row>)/g;
  const cellRe =
    /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
  let m: RegExpExecArray | null;
  let prevRow = -1;
  while ((m = rowRe.exec(sheetData))) {
    const attrs = m[1];
    const r = /(?:^|\s)r="(\d+)"/.exec(attrs);
    const row = r ? Number(r[1]) - 1 : prevRow + 1;
    prevRow = row;
    const cells = new Map<number, RawCell>();
    let c: RegExpExecArray | null;
    let prevCol = -1;
    cellRe.lastIndex = 0;
    while ((c = cellRe.exec(m[2] ?? ""))) {
      const ref = /(?:^|\s)r="([A-Za-z]+)\d+"/.exec(c[1]);
      const col = ref ? colIndex(ref[1]) : prevCol + 1;
      prevCol = col;
      cells.set(col, {
        col,
        xml: c[0],
        style: /(?:^|\s)s="(\d+)"/.exec(c[1])?.[1],
      });
    }
    rows.set(row, { attrs, cells });
  }
  return rows;
}

interface SheetWriteContext {
  styles: StyleAppender;
}

function newCellXml(
  sheet: SimSheet,
  r: number,
  c: number,
  raw: RawCell | undefined,
  p: string,
  ctx: SheetWriteContext,
): string | null {
  const cells = sheet.cells;
  const snap = cells.snapshot(r, c);
  const ref = `${columnLetters(c)}${r + 1}`;
  const text = typeof snap.value === "string";
  let s: number | string | undefined;
  if (snap.quotePrefix && text) s = ctx.styles.xf("@", true);
  else if (snap.numberFormat !== "General")
    s = ctx.styles.xf(snap.numberFormat, false);
  else s = raw?.style;
  const sAttr = s === undefined ? "" : ` s="${s}"`;
  if (snap.value === undefined && !snap.formula)
    return s === undefined ? null : `<${p}c r="${ref}"${sAttr}/>`;
  const f = snap.formula
    ? `<${p}f>${escapeXml(snap.formula.slice(1))}</${p}f>`
    : "";
  const v = snap.value;
  if (snap.isError)
    return `<${p}c r="${ref}"${sAttr} t="e">${f}<${p}v>${escapeXml(String(v))}</${p}v></${p}c>`;
  if (typeof v === "boolean")
    return `<${p}c r="${ref}"${sAttr} t="b">${f}<${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  if (typeof v === "number")
    return `<${p}c r="${ref}"${sAttr}>${f}<${p}v>${v}</${p}v></${p}c>`;
  const body = escapeXml(encodeXstring(v ?? ""));
  if (f)
    return `<${p}c r="${ref}"${sAttr} t="str">${f}<${p}v>${body}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${sAttr} t="inlineStr"><${p}is><${p}t xml:space="preserve">${body}</${p}t></${p}is></${p}c>`;
}

function protectionXml(sheet: SimSheet, p: string): string {
  const pr = sheet.protection;
  if (!pr.protected) return "";
  let attrs = ` sheet="1" objects="1" scenarios="1"`;
  if (pr.password && pr.password.hashValue !== "unverifiable")
    attrs += ` algorithmName="${pr.password.algorithmName}" hashValue="${escapeXml(pr.password.hashValue)}" saltValue="${escapeXml(pr.password.saltValue)}" spinCount="${pr.password.spinCount}"`;
  for (const [opt, attr] of ALLOWED_WHEN_ZERO)
    if (pr.options[opt] === true) attrs += ` ${attr}="0"`;
  return `<${p}sheetProtection${attrs}/>`;
}

const NEW_SHEET =
  DECL +
  `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

/** The log sheet's XML: untouched cells as they were, changed and new cells written afresh. */
function sheetXml(
  sheet: SimSheet,
  loaded: LoadedSheet | undefined,
  newTableRelIds: string[],
  ctx: SheetWriteContext,
): string {
  let xml = loaded?.xml ?? NEW_SHEET;
  const p = prefixOf(xml, "worksheet");
  const sd =
    /<((?:[\w.-]+:)?)sheetData\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1sheetData\s*>)/.exec(
      xml,
    );
  if (!sd)
    throw new WorkbookWriteError(
      `sheet ${sheet.name} has no sheetData element`,
    );
  const raws = rawRows(sd[3] ?? "");
  const model = new Map<number, number>();
  sheet.cells.forEachRow((r, lastCol) => model.set(r, lastCol));
  const rowNums = [...new Set([...raws.keys(), ...model.keys()])].sort(
    (a, b) => a - b,
  );
  const atLoad = loaded?.cellsAtLoad ?? new Map<string, string>();
  let used: Rect | null = null;
  const grow = (r: number, c: number) => {
    used = used
      ? {
          r0: Math.min(used.r0, r),
          r1: Math.max(used.r1, r),
          c0: Math.min(used.c0, c),
          c1: Math.max(used.c1, c),
        }
      : { r0: r, r1: r, c0: c, c1: c };
  };
  let out = "";
  for (const r of rowNums) {
    const raw = raws.get(r);
    const cols = new Set<number>(raw ? raw.cells.keys() : []);
    const last = model.get(r);
    if (last !== undefined)
      for (let c = 0; c <= last; c++) {
        const snap = sheet.cells.snapshot(r, c);
        if (
          snap.value !== undefined ||
          snap.formula ||
          snap.numberFormat !== "General"
        )
          cols.add(c);
      }
    let cellsXml = "";
    for (const c of [...cols].sort((a, b) => a - b)) {
      const key = `${r},${c}`;
      const snap = sheet.cells.snapshot(r, c);
      const present =
        snap.value !== undefined ||
        !!snap.formula ||
        snap.numberFormat !== "General";
      const now = present ? cellsState(sheet, r, c) : undefined;
      const rawCell = raw?.cells.get(c);
      const x =
        rawCell && atLoad.get(key) === now
          ? rawCell.xml
          : newCellXml(sheet, r, c, rawCell, p, ctx);
      if (x) {
        cellsXml += x;
        grow(r, c);
      }
    }
    const attrs = raw
      ? raw.attrs.replace(/\sspans="[^"]*"/, "")
      : ` r="${r + 1}"`;
    if (cellsXml || raw)
      out += cellsXml
        ? `<${p}row${attrs}>${cellsXml}</${p}row>`
        : `<${p}row${attrs}/>`;
  }
  xml =
    xml.slice(0, sd.index) +
    `<${sd[1]}sheetData${sd[2]}>${out}</${sd[1]}sheetData>` +
    xml.slice(sd.index + sd[0].length);
  const dim = used ? formatRef(used) : "A1";
  xml = xml.replace(
    /(<(?:[\w.-]+:)?dimension\b[^>]*?\sref=")[^"]*(")/,
    `$1${dim}$2`,
  );
  if (!loaded || loaded.protectionAtLoad !== JSON.stringify(sheet.protection)) {
    xml = xml.replace(
      /<(?:[\w.-]+:)?sheetProtection\b[^>]*\/>|<(?:[\w.-]+:)?sheetProtection\b[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?sheetProtection>/,
      "",
    );
    const after =
      /<\/(?:[\w.-]+:)?sheetData>(?:<(?:[\w.-]+:)?sheetCalcPr\b[^>]*\/>)?/.exec(
        xml,
      )!;
    const at = after.index + after[0].length;
    xml = xml.slice(0, at) + protectionXml(sheet, p) + xml.slice(at);
  }
  if (newTableRelIds.length) {
    const { p: rp, decl } = rNamespaceFor(xml);
    const parts = newTableRelIds
      .map((id) => `<${p}tablePart${decl} ${rp}id="${id}"/>`)
      .join("");
    const open = /<(?:[\w.-]+:)?tableParts\b[^>]*?\/?>/.exec(xml);
    if (open) {
      const count =
        Number(/\scount="(\d+)"/.exec(open[0])?.[1] ?? 0) +
        newTableRelIds.length;
      xml =
        xml.slice(0, open.index) +
        setCountAttr(open[0], count) +
        xml.slice(open.index + open[0].length);
      xml = insertBeforeClose(xml, "tableParts", parts)!;
    } else {
      const block = `<${p}tableParts count="${newTableRelIds.length}">${parts}</${p}tableParts>`;
      const ext = /<(?:[\w.-]+:)?extLst\b/.exec(
        xml.slice(xml.search(/<\/(?:[\w.-]+:)?sheetData>/)),
      );
      const close = /<\/(?:[\w.-]+:)?worksheet\s*>/.exec(xml)!;
      const at = ext
        ? xml.search(/<\/(?:[\w.-]+:)?sheetData>/) + ext.index
        : close.index;
      xml = xml.slice(0, at) + block + xml.slice(at);
    }
  }
  return xml;
}

function tableRef(t: SimTable, totals: number): string {
  return formatRef({ ...t.rect, r1: t.rect.r1 + totals });
}

function newTableXml(t: SimTable, id: number): string {
  const ref = tableRef(t, 0);
  const cols = t.columns
    .map(
      (c, i) =>
        `<tableColumn id="${i + 1}" name="${escapeXml(encodeXstring(c.name))}"/>`,
    )
    .join("");
  return (
    DECL +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(t.name)}" displayName="${escapeXml(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function updatedTableXml(
  xml: string,
  t: SimTable,
  totals: number,
  columnsChanged: boolean,
): string {
  const ref = tableRef(t, totals);
  let out = xml.replace(
    /(<(?:[\w.-]+:)?table\b[^>]*?\sref=")[^"]*(")/,
    `$1${ref}$2`,
  );
  out = out.replace(
    /(<(?:[\w.-]+:)?autoFilter\b[^>]*?\sref=")[^"]*(")/,
    `$1${formatRef(t.rect)}$2`,
  );
  out = out.replace(
    /(<(?:[\w.-]+:)?table\b[^>]*?\sname=")[^"]*(")/,
    `$1${escapeXml(t.name)}$2`,
  );
  out = out.replace(
    /(<(?:[\w.-]+:)?table\b[^>]*?\sdisplayName=")[^"]*(")/,
    `$1${escapeXml(t.name)}$2`,
  );
  if (columnsChanged) {
    const p = prefixOf(out, "table");
    const cols = t.columns
      .map(
        (c, i) =>
          `<${p}tableColumn id="${i + 1}" name="${escapeXml(encodeXstring(c.name))}"/>`,
      )
      .join("");
    out = out.replace(
      /<(?:[\w.-]+:)?tableColumns\b[\s\S]*?<\/(?:[\w.-]+:)?tableColumns>/,
      `<${p}tableColumns count="${t.columns.length}">${cols}</${p}tableColumns>`,
    );
  }
  return out;
}

function encodePartXml(xml: string, utf16: boolean): Uint8Array {
  if (!utf16) return enc(xml);
  const out = new Uint8Array(2 + xml.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

/** Which sheets, tables and parts the workflows changed; refuses changes this writer does not write. */
function dirtyLogSheet(book: SimWorkbook, lp: LoadedPackage): SimSheet | null {
  let log: SimSheet | null = null;
  for (const [sheet, loaded] of lp.sheets) {
    const tablesChanged = book.tables.some(
      (t) => t.sheet === sheet && (!lp.tables.has(t) || tableChanged(t, lp)),
    );
    const dirty =
      sheet.deleted ||
      sheet.cells.changes !== loaded.changesAtLoad ||
      loaded.protectionAtLoad !== JSON.stringify(sheet.protection) ||
      tablesChanged;
    if (!dirty) continue;
    if (
      sheet.deleted ||
      sheet.name.toLowerCase() !== LOG_SHEET_NAME.toLowerCase() ||
      loaded.partial ||
      loaded.xml === undefined
    )
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was changed, and sealed-run writes back only the ${LOG_SHEET_NAME} sheet; nothing was saved`,
      );
    log = sheet;
  }
  for (const sheet of book.sheets) {
    if (lp.sheets.has(sheet) || sheet.deleted) continue;
    if (sheet.name !== LOG_SHEET_NAME)
      throw new WorkbookWriteError(
        `sheet ${sheet.name} was added, and sealed-run adds only a ${LOG_SHEET_NAME} sheet; nothing was saved`,
      );
    log = sheet;
  }
  for (const t of lp.tables.keys())
    if (t.deleted || t.sheet.deleted)
      throw new WorkbookWriteError(
        `table ${t.name} was deleted; sealed-run does not delete tables; nothing was saved`,
      );
  return log;
}

function tableChanged(t: SimTable, lp: LoadedPackage): boolean {
  const l = lp.tables.get(t)!;
  return (
    l.name !== t.name ||
    formatRef(l.rect) !== formatRef(t.rect) ||
    l.columns !== JSON.stringify(t.columns)
  );
}

/** The package with the workflows' changes; see the file's opening comment. */
export async function saveWorkbook(
  book: SimWorkbook,
  lp: LoadedPackage,
): Promise<Uint8Array> {
  const changes = new Map<string, Uint8Array | null>();
  const contentTypes = new TextPart(
    lp,
    lp.pkg.entry("[Content_Types].xml")!.name,
  );
  const workbook = new TextPart(lp, lp.workbookPath);
  const wbRelsPath =
    lp.pkg.entry(relsPathOf(lp.workbookPath))?.name ??
    relsPathOf(lp.workbookPath);
  const workbookRels = new TextPart(lp, wbRelsPath);
  const wbDir = folderOf(lp.workbookPath);
  const taken = new Set(lp.pkg.entries.map((e) => e.name.toLowerCase()));
  const freshName = (make: (n: number) => string) => {
    for (let n = 1; ; n++)
      if (!taken.has(make(n).toLowerCase())) return make(n);
  };
  const relIds = new Set(lp.workbookRels.map((r) => r.id));
  const newWbRelId = () => {
    let n = 1;
    while (relIds.has(`rId${n}`)) n++;
    relIds.add(`rId${n}`);
    return `rId${n}`;
  };
  const wbRelsToAdd: string[] = [];
  const overrides: string[] = [];
  const addOverride = (part: string, type: string) =>
    overrides.push(
      `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`,
    );

  const styles = new StyleAppender(lp);
  const log = dirtyLogSheet(book, lp);
  if (log) {
    let loaded = lp.sheets.get(log);
    let sheetPath = loaded?.path;
    const sheetRels: string[] = [];
    if (!sheetPath) {
      sheetPath = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}worksheets/sheet${n}.xml`,
      );
      taken.add(sheetPath.toLowerCase());
      const rid = newWbRelId();
      wbRelsToAdd.push(
        `<Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="${escapeXml(relativeTarget(wbDir, sheetPath))}"/>`,
      );
      addOverride(sheetPath, CT_WORKSHEET);
      const wbXml = await workbook.get();
      const ids = [
        ...wbXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*?\ssheetId="(\d+)"/g),
      ].map((m) => Number(m[1]));
      const { p: rp, decl } = rNamespaceFor(wbXml);
      const p = prefixOf(wbXml, "sheets");
      const entry = `<${p}sheet${decl} name="${escapeXml(log.name)}" sheetId="${Math.max(0, ...ids) + 1}" ${rp}id="${rid}"/>`;
      const next = insertBeforeClose(wbXml, "sheets", entry);
      if (!next)
        throw new WorkbookWriteError(
          `the workbook part ${lp.workbookPath} has no sheets list`,
        );
      workbook.set(next);
      loaded = undefined;
    }
    const sheetRelsPath =
      lp.pkg.entry(relsPathOf(sheetPath))?.name ?? relsPathOf(sheetPath);
    const existingRels = lp.pkg.has(sheetRelsPath)
      ? decodeText(await lp.pkg.bytes(sheetRelsPath))
      : undefined;
    const sheetRelIds = new Set(
      [...(existingRels ?? "").matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]),
    );
    const newTableRelIds: string[] = [];
    let maxTableId = lp.maxTableId;
    for (const t of book.tables) {
      if (t.sheet !== log || t.deleted) continue;
      const l = lp.tables.get(t);
      if (l) {
        if (tableChanged(t, lp)) {
          const xml = decodeText(await lp.pkg.bytes(l.path));
          changes.set(
            l.path,
            enc(
              updatedTableXml(
                xml,
                t,
                l.totalsRowCount,
                l.columns !== JSON.stringify(t.columns),
              ),
            ),
          );
        }
        continue;
      }
      const tablePath = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}tables/table${n}.xml`,
      );
      taken.add(tablePath.toLowerCase());
      changes.set(tablePath, enc(newTableXml(t, ++maxTableId)));
      addOverride(tablePath, CT_TABLE);
      let n = 1;
      while (sheetRelIds.has(`rId${n}`)) n++;
      sheetRelIds.add(`rId${n}`);
      newTableRelIds.push(`rId${n}`);
      sheetRels.push(
        `<Relationship Id="rId${n}" Type="${REL_TABLE}" Target="${escapeXml(relativeTarget(folderOf(sheetPath), tablePath))}"/>`,
      );
    }
    if (sheetRels.length) {
      const sheetRelsXml = existingRels
        ? insertBeforeClose(existingRels, "Relationships", sheetRels.join(""))!
        : DECL +
          `<Relationships xmlns="${NS_RELS}">${sheetRels.join("")}</Relationships>`;
      changes.set(sheetRelsPath, enc(sheetRelsXml));
    }
    changes.set(
      sheetPath,
      enc(sheetXml(log, loaded, newTableRelIds, { styles })),
    );
  }

  // Custom XML parts: a new seal is a new part; a part whose XML changed is rewritten in place.
  let needXmlDefault = false;
  const usedIds = new Set<string>();
  for (const [part, l] of lp.parts) {
    usedIds.add(part.id.toLowerCase());
    if (part.deleted)
      throw new WorkbookWriteError(
        `a kept seal (custom XML part ${l.path}) was deleted; sealed-run never deletes kept seals; nothing was saved`,
      );
    if (part.xml !== l.xml)
      changes.set(l.path, encodePartXml(part.xml, l.utf16));
  }
  for (const part of book.liveParts) {
    if (lp.parts.has(part)) continue;
    let id = braceGuid(part.id);
    if (!id || usedIds.has(id.toLowerCase())) id = newPartId();
    usedIds.add(id.toLowerCase());
    let n = 1;
    while (
      [
        `customXml/item${n}.xml`,
        `customXml/itemProps${n}.xml`,
        `customXml/_rels/item${n}.xml.rels`,
      ].some((x) => taken.has(x.toLowerCase()))
    )
      n++;
    const item = `customXml/item${n}.xml`;
    const props = `customXml/itemProps${n}.xml`;
    for (const x of [item, props, `customXml/_rels/item${n}.xml.rels`])
      taken.add(x.toLowerCase());
    const utf16 = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']utf-?16["']/i.test(
      part.xml,
    );
    changes.set(item, encodePartXml(part.xml, utf16));
    changes.set(
      props,
      enc(
        `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${escapeXml(id)}" xmlns:ds="${NS_CUSTOM_XML}"><ds:schemaRefs/></ds:datastoreItem>`,
      ),
    );
    changes.set(
      `customXml/_rels/item${n}.xml.rels`,
      enc(
        DECL +
          `<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
      ),
    );
    addOverride(props, CT_CUSTOM_XML_PROPS);
    wbRelsToAdd.push(
      `<Relationship Id="${newWbRelId()}" Type="${REL_CUSTOM_XML}" Target="${escapeXml(relativeTarget(wbDir, item))}"/>`,
    );
    needXmlDefault = !lp.contentTypes.defaults.has("xml");
  }

  if (!styles.empty) {
    if (lp.stylesPath) {
      const part = new TextPart(lp, lp.stylesPath);
      changes.set(lp.stylesPath, enc(styles.apply(await part.get())));
    } else {
      const path = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}styles${n === 1 ? "" : n}.xml`,
      );
      changes.set(path, enc(styles.fresh()));
      addOverride(path, CT_STYLES);
      wbRelsToAdd.push(
        `<Relationship Id="${newWbRelId()}" Type="${REL_STYLES}" Target="${escapeXml(relativeTarget(wbDir, path))}"/>`,
      );
    }
  }

  if (overrides.length || needXmlDefault) {
    const ct = await contentTypes.get();
    const p = prefixOf(ct, "Types");
    const items = (
      needXmlDefault
        ? [`<Default Extension="xml" ContentType="application/xml"/>`]
        : []
    )
      .concat(overrides)
      .map((x) => x.replace(/^<(\w)/, `<${p}$1`));
    contentTypes.set(insertBeforeClose(ct, "Types", items.join(""))!);
  }
  if (wbRelsToAdd.length) {
    if (lp.pkg.has(wbRelsPath)) {
      const rels = await workbookRels.get();
      const p = prefixOf(rels, "Relationships");
      workbookRels.set(
        insertBeforeClose(
          rels,
          "Relationships",
          wbRelsToAdd.map((x) => x.replace(/^<(\w)/, `<${p}$1`)).join(""),
        )!,
      );
    } else
      workbookRels.set(
        DECL +
          `<Relationships xmlns="${NS_RELS}">${wbRelsToAdd.join("")}</Relationships>`,
      );
  }
  for (const part of [contentTypes, workbook, workbookRels])
    if (part.changed) changes.set(part.path, enc(part.text!));
  if (!changes.size) return lp.pkg.original;
  return lp.pkg.withChanges(changes);
}
