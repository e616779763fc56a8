// Shared formulas (ECMA-376 Part 1 §18.3.1.40, f t="shared"): Excel writes a filled-down formula
// once, in its first cell, and the other cells say only "same as that one". Each such cell's own
// formula is the first one with its relative references moved by the cell's offset, as Excel shows
// it in Range.formulas: `A1+$B$1` from B2 becomes `A2+$B$1` in B3.
import { columnLetters } from "@sealed-run/workbook-model";

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

function letters(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * `formula` (without "=") moved by `dr` rows and `dc` columns. Text in quotes, structured
 * references in brackets and names followed by "(" (functions such as LOG10) are left alone; a
 * reference moved off the sheet becomes #REF!, as in Excel.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (!dr && !dc) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'" || ch === "[") {
      // A string, a quoted sheet name, or a structured reference: copied as it is.
      const close = ch === "[" ? "]" : ch;
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === close) {
          if (close !== "]" && formula[j + 1] === close) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)/.exec(formula.slice(i));
    const before = i > 0 ? formula[i - 1] : "";
    if (m && !/[A-Za-z0-9_.]/.test(before)) {
      const after = formula[i + m[0].length] ?? "";
      if (!/[A-Za-z0-9_(.]/.test(after)) {
        let col = letters(m[2]);
        let row = Number(m[4]);
        if (!m[1]) col += dc;
        if (!m[3]) row += dr;
        const ok = col >= 1 && col <= MAX_COL && row >= 1 && row <= MAX_ROW;
        out += ok ? `${m[1]}${columnLetters(col - 1)}${m[3]}${row}` : "#REF!";
        i += m[0].length;
        continue;
      }
    }
    // Skip a whole name or number, so that its tail is not taken for a reference.
    const word = /^[A-Za-z0-9_.]+/.exec(formula.slice(i));
    const step = word ? word[0].length : 1;
    out += formula.slice(i, i + step);
    i += step;
  }
  return out;
}
