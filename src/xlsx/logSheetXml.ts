// The XML of the PATCH_LOG sheet and its table as the workflows left them: cells that did not change
// keep the XML they were read with; new and changed cells are written afresh (text as inline
// strings with the quote-prefix format); the rest of the sheet part is kept as it was, but for its
// dimension, its protection and, for a new table, its tableParts.
import {
  columnLetters,
  formatRef,
  PROTECTION_OPTIONS,
  type Rect,
  type SimSheet,
  type SimTable,
} from "@sealed-run/workbook-model";
import { WorkbookWriteError } from "./errors";
import { cellsState, type LoadedSheet } from "./loadedPackage";
import type { StyleAppender } from "./stylesWrite";
import { encodeXstring, escapeXml } from "./xml";
import {
  DECL,
  NS_MAIN,
  NS_R,
  insertBeforeClose,
  prefixOf,
  rNamespaceFor,
  setCountAttr,
} from "./xmlEdit";

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

export interface SheetWriteContext {
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
  for (const [opt, attr] of PROTECTION_OPTIONS)
    if (pr.options[opt] === true) attrs += ` ${attr}="0"`;
  return `<${p}sheetProtection${attrs}/>`;
}

const NEW_SHEET =
  DECL +
  `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

/** The log sheet's XML: untouched cells as they were, changed and new cells written afresh. */
export function sheetXml(
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

/** The filter covers the header and the body, never the total row. */
function autoFilterRef(t: SimTable): string {
  return formatRef({ ...t.rect, r1: t.rect.r1 - (t.showTotals ? 1 : 0) });
}

export function newTableXml(t: SimTable, id: number): string {
  const ref = formatRef(t.rect);
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

export function updatedTableXml(
  xml: string,
  t: SimTable,
  columnsChanged: boolean,
): string {
  const ref = formatRef(t.rect);
  let out = xml.replace(
    /(<(?:[\w.-]+:)?table\b[^>]*?\sref=")[^"]*(")/,
    `$1${ref}$2`,
  );
  out = out.replace(
    /(<(?:[\w.-]+:)?autoFilter\b[^>]*?\sref=")[^"]*(")/,
    `$1${autoFilterRef(t)}$2`,
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
