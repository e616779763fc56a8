// Reading a kept seal's custom XML part with an XML parser, never with regular expressions: what
// Part.getXml() returns is XML, and Excel (or another tool that kept the workbook) may write it back
// with prefixes, other quotes or character references (`&#9;`) that a pattern would misread.
// In the add-in the browser's DOMParser reads it; where there is none (the CLI, node tests) saxes,
// a conforming XML parser, does the same job. Evidence: src/simulator/README.md, rule 13.
import { SaxesParser } from "saxes";

export interface XmlRoot {
  namespace: string;
  localName: string;
  /** Attributes without a namespace, by local name. */
  attributes: Record<string, string>;
  /** The root's own text (its text children, in order). */
  text: string;
}

function viaDomParser(xml: string, Parser: typeof DOMParser): XmlRoot | null {
  const doc = new Parser().parseFromString(xml, "application/xml");
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName("parsererror").length) return null;
  const attributes: Record<string, string> = {};
  for (const a of Array.from(root.attributes))
    if (!a.namespaceURI) attributes[a.localName] = a.value;
  let text = "";
  for (const n of Array.from(root.childNodes))
    if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? "";
  return {
    namespace: root.namespaceURI ?? "",
    localName: root.localName,
    attributes,
    text,
  };
}

function viaSaxes(xml: string): XmlRoot | null {
  const parser = new SaxesParser({ xmlns: true });
  let root: XmlRoot | null = null;
  let depth = 0;
  let failed = false;
  parser.on("error", () => {
    failed = true;
  });
  parser.on("opentag", (node) => {
    if (depth++ === 0) {
      const attributes: Record<string, string> = {};
      for (const a of Object.values(node.attributes))
        if (typeof a === "object" && !a.uri && a.prefix === "")
          attributes[a.local] = a.value;
      root = {
        namespace: node.uri ?? "",
        localName: node.local ?? node.name,
        attributes,
        text: "",
      };
    }
  });
  parser.on("closetag", () => {
    depth--;
  });
  const onText = (t: string) => {
    if (depth === 1 && root) (root as XmlRoot).text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return failed ? null : root;
}

/** The root element of `xml`, or null when it is not well-formed XML. */
export function parseXmlRoot(xml: string): XmlRoot | null {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  return Parser ? viaDomParser(xml, Parser) : viaSaxes(xml);
}

/** The saxes reading, for tests that hold both readers to the same answers. */
export const parseXmlRootWithoutDom = viaSaxes;

/**
 * An attribute value as XML text. Tab, line feed and carriage return are written as character
 * references: literal ones are turned into spaces by every conforming parser (XML 1.0 §3.3.3).
 */
export function xmlAttr(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}
