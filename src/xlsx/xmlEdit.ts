// Small edits of machine-written package XML that must keep every existing byte: appending an
// element before a closing tag, reusing the part's namespace prefix, updating a count attribute.
export const NS_MAIN =
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_R =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_RELS =
  "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL_WORKSHEET = `${NS_R}/worksheet`;
export const REL_TABLE = `${NS_R}/table`;
export const REL_STYLES = `${NS_R}/styles`;
export const CT_WORKSHEET =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
export const CT_TABLE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
export const CT_STYLES =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
export const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export const enc = (s: string) => new TextEncoder().encode(s);

/** Inserts `insert` before the last closing tag named `local` (any prefix); the element may be empty (`<x/>`). */
export function insertBeforeClose(
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
export function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${local}\\b`).exec(xml);
  return m?.[1] ?? "";
}

/** An attribute that binds the relationships namespace, unless the root already declares `r`. */
export function rNamespaceFor(xml: string): { p: string; decl: string } {
  const root =
    /<(?:[\w.-]+:)?(?:worksheet|workbook)\b[^>]*>/.exec(xml)?.[0] ?? "";
  const m = new RegExp(
    `xmlns:([\\w.-]+)="${NS_R.replace(/[./]/g, "\\$&")}"`,
  ).exec(root);
  return m
    ? { p: `${m[1]}:`, decl: "" }
    : { p: "r:", decl: ` xmlns:r="${NS_R}"` };
}

export function setCountAttr(openTag: string, count: number): string {
  return /\scount="\d*"/.test(openTag)
    ? openTag.replace(/\scount="\d*"/, ` count="${count}"`)
    : openTag.replace(/\s*(\/?)>$/, ` count="${count}"$1>`);
}
