// How OOXML stores custom XML parts: the names, content types and GUID form the package layer
// (src/xlsx) reads and writes, and the simulator's exceljs writer adds (customXmlWriter.ts).
// ECMA-376 Part 1 §15.2.4 (Custom XML Data Storage part: content type application/xml, target
// of a …/relationships/customXml relationship from the Workbook part), §15.2.5 (its Custom XML
// Data Storage Properties part: content type …customXmlProperties+xml, target of a
// …/relationships/customXmlProps relationship from the item) and §22.5.2.1 (ds:datastoreItem,
// whose required ds:itemID is the part's GUID, "{…}", unique in the package). This is how Excel
// stores the parts Office.js adds with `customXmlParts.add(xml)`:
//
//   customXml/item1.xml                the part's XML
//   customXml/itemProps1.xml           <ds:datastoreItem ds:itemID="{GUID}" …><ds:schemaRefs/>…
//   customXml/_rels/item1.xml.rels     item1.xml → itemProps1.xml (customXmlProps)
//   xl/_rels/workbook.xml.rels         workbook → ../customXml/item1.xml (customXml)
//   [Content_Types].xml                Override /customXml/itemProps1.xml (customXmlProperties+xml);
//                                      item1.xml is covered by Default Extension="xml" application/xml

export const REL_CUSTOM_XML =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";
export const REL_CUSTOM_XML_PROPS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps";
export const CT_CUSTOM_XML_PROPS =
  "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
export const NS_CUSTOM_XML =
  "http://schemas.openxmlformats.org/officeDocument/2006/customXml";

/** UTF-16LE with its byte-order mark, as Office writes a part declared UTF-16. */
export function utf16leWithBom(xml: string): Uint8Array {
  const out = new Uint8Array(2 + xml.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

const GUID =
  /^\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}?$/;

/** "{UPPER-CASE-GUID}" as Excel writes ds:itemID and Office.js reports CustomXmlPart.id; undefined if no GUID. */
export function braceGuid(id: string): string | undefined {
  const m = GUID.exec(id.trim());
  return m ? `{${m[1].toUpperCase()}}` : undefined;
}
