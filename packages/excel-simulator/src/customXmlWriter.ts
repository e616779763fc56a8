// Genuine OOXML custom XML parts written into an .xlsx package that exceljs made (exceljs neither
// reads nor writes them; src/xlsx reads them from any package). Where each part goes and why:
// @sealed-run/workbook-model's ooxmlCustomXml.ts (ECMA-376 Part 1 §15.2.4, §15.2.5, §22.5.2.1).

import JSZip from "jszip";
import {
  CT_CUSTOM_XML_PROPS,
  NS_CUSTOM_XML,
  REL_CUSTOM_XML,
  REL_CUSTOM_XML_PROPS,
  utf16leWithBom,
} from "@sealed-run/workbook-model";

const NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const CONTENT_TYPES = "[Content_Types].xml";

// ---- small XML helpers (the package parts involved are flat and machine-written) -----------------

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
const unesc = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attrsOf(tagBody: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tagBody))) out[m[1]] = unesc(m[2] ?? m[3] ?? "");
  return out;
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string): Rel[] {
  const rels: Rel[] = [];
  const re = /<(?:[\w.-]+:)?Relationship\b([^>]*?)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a = attrsOf(m[1]);
    rels.push({ id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" });
  }
  return rels;
}

/** XML text of a part: UTF-8 (BOM dropped) or, with a byte-order mark, UTF-16. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  return new TextDecoder("utf-8").decode(bytes);
}

/** UTF-8, unless the XML declaration names UTF-16: then UTF-16LE with its byte-order mark. */
function encodeXml(xml: string): Uint8Array {
  const decl = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(xml);
  if (decl && /^utf-?16$/i.test(decl[1])) return utf16leWithBom(xml);
  return new TextEncoder().encode(xml);
}

async function text(zip: JSZip, path: string): Promise<string | undefined> {
  const f = zip.file(path);
  return f ? decodeXml(await f.async("uint8array")) : undefined;
}

/**
 * Adds the parts to an .xlsx package written by exceljs (which has no customXml/ of its own):
 * customXml/item{i}.xml, itemProps{i}.xml and _rels/item{i}.xml.rels, the itemProps content-type
 * overrides and one customXml relationship per part from the workbook part.
 */
export async function writeCustomXmlParts(
  bytes: Uint8Array,
  parts: { id: string; xml: string }[],
): Promise<Uint8Array> {
  if (!parts.length) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const ctText = await text(zip, CONTENT_TYPES);
  const relsText = await text(zip, WORKBOOK_RELS);
  if (ctText === undefined || relsText === undefined)
    throw new Error(
      `the written package has no ${ctText === undefined ? CONTENT_TYPES : WORKBOOK_RELS}`,
    );

  const taken = new Set(parseRels(relsText).map((r) => r.id));
  let next = 1;
  const newRelId = () => {
    while (taken.has(`rId${next}`)) next++;
    taken.add(`rId${next}`);
    return `rId${next}`;
  };

  // No folder entries: Excel writes none, and OPC packages have no use for them.
  const put = (name: string, data: string | Uint8Array) =>
    zip.file(name, data, { createFolders: false });
  let overrides = "";
  let wbRels = "";
  parts.forEach((p, k) => {
    const i = k + 1;
    put(`customXml/item${i}.xml`, encodeXml(p.xml));
    put(
      `customXml/itemProps${i}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n` +
        `<ds:datastoreItem ds:itemID="${esc(p.id)}" xmlns:ds="${NS_CUSTOM_XML}"><ds:schemaRefs/></ds:datastoreItem>`,
    );
    put(
      `customXml/_rels/item${i}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
        `<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="itemProps${i}.xml"/></Relationships>`,
    );
    overrides += `<Override PartName="/customXml/itemProps${i}.xml" ContentType="${CT_CUSTOM_XML_PROPS}"/>`;
    wbRels += `<Relationship Id="${newRelId()}" Type="${REL_CUSTOM_XML}" Target="../customXml/item${i}.xml"/>`;
  });

  const closeTypes = ctText.lastIndexOf("</Types>");
  const closeRels = relsText.lastIndexOf("</Relationships>");
  if (closeTypes < 0 || closeRels < 0)
    throw new Error(
      "the written package's content types or workbook relationships are malformed",
    );
  // Items are application/xml: make sure a Default covers the .xml extension (exceljs writes one).
  const hasXmlDefault = /<Default\b[^>]*\bExtension\s*=\s*["']xml["']/i.test(
    ctText,
  );
  const xmlDefault = hasXmlDefault
    ? ""
    : `<Default Extension="xml" ContentType="application/xml"/>`;
  put(
    CONTENT_TYPES,
    ctText.slice(0, closeTypes) +
      xmlDefault +
      overrides +
      ctText.slice(closeTypes),
  );
  put(
    WORKBOOK_RELS,
    relsText.slice(0, closeRels) + wbRels + relsText.slice(closeRels),
  );
  return zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    mimeType:
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}
