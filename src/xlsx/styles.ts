// Cell formats as the workflows see them: the number format code Range.numberFormat returns and
// the quote prefix, per cellXfs index (ECMA-376 Part 1 §18.8.10 cellXfs, §18.8.30 numFmt).
import { parsePart } from "./xml";
import type { ZipPackage } from "./zip";

/**
 * Built-in number formats (ECMA-376 Part 1 §18.8.30 lists ids 0–49), written as Excel (en-US)
 * reports them through Range.numberFormat. Ids 14 and 22 are the locale's short date: en-US
 * Excel shows m/d/yyyy where the standard's table prints mm-dd-yy. Other ids (27–36, 50–81: East
 * Asian locales) have no fixed code and read as General.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: "$#,##0_);($#,##0)",
  6: "$#,##0_);[Red]($#,##0)",
  7: "$#,##0.00_);($#,##0.00)",
  8: "$#,##0.00_);[Red]($#,##0.00)",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yyyy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yyyy h:mm",
  37: "#,##0_);(#,##0)",
  38: "#,##0_);[Red](#,##0)",
  39: "#,##0.00_);(#,##0.00)",
  40: "#,##0.00_);[Red](#,##0.00)",
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_($* #,##0_);_($* (#,##0);_($* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_($* #,##0.00_);_($* (#,##0.00);_($* "-"??_);_(@_)',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

export interface CellFormat {
  numberFormat: string;
  quotePrefix: boolean;
  numFmtId?: number;
  /** Default font, fill and border, no alignment or protection: a format the writer may reuse. */
  plain?: boolean;
}

export interface Styles {
  /** By cellXfs index; index 0 when a cell has no s attribute. */
  xfs: CellFormat[];
  /** Custom format codes by id (numFmts). */
  custom: Map<number, string>;
}

const truthy = (v: string | undefined) => v === "1" || v === "true";

export function formatOf(styles: Styles, s: number): CellFormat {
  return styles.xfs[s] ?? GENERAL_FORMAT;
}

export const GENERAL_FORMAT: CellFormat = {
  numberFormat: "General",
  quotePrefix: false,
};

export async function readStyles(
  pkg: ZipPackage,
  path: string | undefined,
): Promise<Styles> {
  const styles: Styles = { xfs: [], custom: new Map() };
  if (!path || !pkg.has(path)) return styles;
  const pendingXfs: {
    numFmtId: number;
    quotePrefix: boolean;
    plain: boolean;
  }[] = [];
  let inCellXfs = false;
  let inXf = false;
  await parsePart(pkg, path, {
    open(name, a) {
      if (name === "numFmt" && a.numFmtId !== undefined)
        styles.custom.set(Number(a.numFmtId), a.formatCode ?? "General");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        inXf = true;
        const zero = (v: string | undefined) => v === undefined || v === "0";
        pendingXfs.push({
          numFmtId: Number(a.numFmtId ?? 0),
          quotePrefix: truthy(a.quotePrefix),
          plain: zero(a.fontId) && zero(a.fillId) && zero(a.borderId),
        });
      } else if (inXf) pendingXfs[pendingXfs.length - 1].plain = false;
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
      else if (name === "xf") inXf = false;
    },
  });
  styles.xfs = pendingXfs.map((x) => ({
    numberFormat:
      styles.custom.get(x.numFmtId) ?? BUILTIN_FORMATS[x.numFmtId] ?? "General",
    quotePrefix: x.quotePrefix,
    numFmtId: x.numFmtId,
    plain: x.plain,
  }));
  return styles;
}
