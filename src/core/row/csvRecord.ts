// One RFC 4180 record of a CSV source's text, or where it stops being CSV (csv.ts reads the file).

export type Scan =
  | { kind: "incomplete" }
  | { kind: "error"; line: number; what: string }
  | {
      kind: "record";
      fields: string[];
      quoted: boolean;
      /** Where the next record starts. */
      next: number;
      /** Line breaks inside quoted values. */
      inside: number;
    };

/**
 * One record of `text` starting at `i` on line `line`. Line breaks are CRLF, LF, or a lone CR
 * (classic Mac Excel). Unless `final`, a record that reaches the end of `text` is "incomplete":
 * more text may continue it.
 */
export function scanRecord(
  text: string,
  i: number,
  line: number,
  final: boolean,
): Scan {
  const n = text.length;
  const fields: string[] = [];
  let quoted = false;
  let inside = 0;
  const countLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n"))
        inside++;
    }
  };
  for (;;) {
    if (text[i] === '"') {
      quoted = true;
      const quoteLine = line + inside;
      let value = "";
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          if (!final) return { kind: "incomplete" };
          return {
            kind: "error",
            line: quoteLine,
            what: 'a quoted value that starts on this line never ends (its closing " is missing)',
          };
        }
        if (close + 1 === n && !final) return { kind: "incomplete" };
        const piece = text.slice(i, close);
        value += piece;
        // Two native scans settle most values (no line break) without a loop per character.
        if (piece.indexOf("\n") >= 0 || piece.indexOf("\r") >= 0)
          countLines(i, close);
        if (text[close + 1] === '"') {
          value += '"'; // "" inside quotes is one quote
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        return {
          kind: "error",
          line: line + inside,
          what: "a quoted value is followed by more text before the next comma",
        };
      }
      fields.push(value);
    } else {
      let end = i;
      while (
        end < n &&
        text[end] !== "," &&
        text[end] !== "\r" &&
        text[end] !== "\n"
      )
        end++;
      if (end === n && !final) return { kind: "incomplete" };
      // A quote inside an unquoted value (5" screen) is kept as written, as Excel reads it.
      fields.push(text.slice(i, end));
      i = end;
    }
    if (text[i] === ",") i++;
    else break;
  }
  if (i === n && !final) return { kind: "incomplete" };
  if (text[i] === "\r") {
    if (i + 1 === n && !final) return { kind: "incomplete" }; // CR now, LF maybe next
    i++;
  }
  if (text[i] === "\n") i++;
  return { kind: "record", fields, quoted, next: i, inside };
}
