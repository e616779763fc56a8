// Appending cell formats to a workbook's styles part: a format the log needs is added at the end
// of cellXfs (and its number format at the end of numFmts), or reused when the part has it already;
// nothing there is ever changed or renumbered.
import type { LoadedPackage } from "./loadedPackage";
import { BUILTIN_FORMATS } from "./styles";
import { escapeXml } from "./xml";
import {
  DECL,
  NS_MAIN,
  insertBeforeClose,
  prefixOf,
  setCountAttr,
} from "./xmlEdit";
import { WorkbookWriteError } from "./errors";

/** Appends formats to the styles part without renumbering anything already there. */
export class StyleAppender {
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
