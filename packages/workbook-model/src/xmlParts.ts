// Custom XML parts (Excel.CustomXmlPart, ExcelApi 1.5): Excel refuses content that is not a
// well-formed XML document, and reports the namespace of the root element as `namespaceUri`.

import { SimError } from "./errors";

/** Checks well-formedness (one root, balanced tags) and returns the root element's namespace. */
export function rootNamespace(xml: string): string {
  const fail = (why: string) =>
    new SimError(
      "InvalidArgument",
      `The custom XML part is not well-formed XML: ${why}.`,
    );
  const body = xml.replace(/^\uFEFF/, "");
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/?[^>]+>|[^<]+/g;
  const stack: string[] = [];
  let rootSeen = false;
  let rootNs = "";
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(body))) {
    if (m.index !== consumed) throw fail("unexpected '<'");
    consumed = m.index + m[0].length;
    const t = m[0];
    if (t.startsWith("<!--") || t.startsWith("<?") || t.startsWith("<!DOCTYPE"))
      continue;
    if (t.startsWith("<![CDATA[")) {
      if (!stack.length) throw fail("character data outside the root element");
      continue;
    }
    if (!t.startsWith("<")) {
      if (!stack.length && t.trim())
        throw fail("text outside the root element");
      continue;
    }
    const close = /^<\/\s*([^\s>]+)\s*>$/.exec(t);
    if (close) {
      if (stack.pop() !== close[1])
        throw fail(`unexpected closing tag </${close[1]}>`);
      continue;
    }
    const open =
      /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>$/.exec(
        t,
      );
    if (!open) throw fail(`malformed tag ${t.slice(0, 40)}`);
    if (!stack.length) {
      if (rootSeen) throw fail("more than one root element");
      rootSeen = true;
      const [prefix] = open[1].includes(":") ? open[1].split(":") : [""];
      const attr = prefix ? `xmlns:${prefix}` : "xmlns";
      const ns = new RegExp(
        `\\s${attr.replace(".", "\\.")}\\s*=\\s*("([^"]*)"|'([^']*)')`,
      ).exec(open[2]);
      rootNs = ns ? (ns[2] ?? ns[3] ?? "") : "";
    }
    if (!open[3]) stack.push(open[1]);
  }
  if (consumed !== body.length) throw fail("unexpected '<'");
  if (!rootSeen) throw fail("no root element");
  if (stack.length) throw fail(`<${stack[stack.length - 1]}> is never closed`);
  return rootNs;
}

let counter = 0;

/** Excel shows part ids as braced upper-case GUIDs. */
export function newPartId(): string {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto?.getRandomValues)
    globalThis.crypto.getRandomValues(bytes);
  else bytes[15] = ++counter;
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}
