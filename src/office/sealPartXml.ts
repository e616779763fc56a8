// Reading a kept seal's custom XML part with an XML parser, never with regular expressions: what
// Part.getXml() returns is XML, and Excel (or another tool that kept the workbook) may write it back
// with prefixes, other quotes or character references (`&#9;`) that a pattern would misread.
// In the add-in the browser's DOMParser reads it; where there is none (the CLI, node tests, node
// scripts) the shell installs saxes, a conforming XML parser (src/node/xmlRootSaxes.ts), so that
// the add-in's bundle does not carry a second XML parser. Evidence: packages/excel-simulator/README.md, rule 13.

import { base64Decode, base64Encode } from "../core/sign/bytes";

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

type XmlRootParser = (xml: string) => XmlRoot | null;
let withoutDom: XmlRootParser | null = null;

/** Where there is no DOMParser (Node), the shell installs a conforming XML parser here. */
export function installXmlRootParser(parser: XmlRootParser): void {
  withoutDom = parser;
}

/** The root element of `xml`, or null when it is not well-formed XML. */
export function parseXmlRoot(xml: string): XmlRoot | null {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (Parser) return viaDomParser(xml, Parser);
  if (!withoutDom)
    throw new Error(
      "no XML parser here: a Node shell installs one with installXmlRootParser (src/node/xmlRootSaxes.ts)",
    );
  return withoutDom(xml);
}

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

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

/** A kept part's body: base64 of the text's exact UTF-8 bytes (XML 1.0 cannot carry every character). */
export function partBody(text: string): string {
  return base64Encode(enc.encode(text));
}

/**
 * The text a kept part's body holds; null when it is not base64 (whitespace is allowed inside the
 * element, as a tool may wrap the text; the base64 itself is strict). Bytes that are not UTF-8
 * throw: the decoder is fatal.
 */
export function partBodyText(root: XmlRoot): string | null {
  const bytes = base64Decode(root.text.replace(/\s+/g, ""));
  return bytes && dec.decode(bytes);
}
