// The XML reader of kept seals' custom XML parts where there is no DOMParser (the CLI, node tests
// and scripts): saxes, a conforming XML parser. The add-in uses the browser's DOMParser and never
// loads this file (src/office/sealPartXml.ts says why).
import { SaxesParser } from "saxes";
import { installXmlRootParser, type XmlRoot } from "../office/sealPartXml";

export function parseXmlRootWithSaxes(xml: string): XmlRoot | null {
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
    if (depth === 1 && root) root.text += t;
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

/** Installs the saxes reader for src/office/sealPartXml.ts (no-op where a DOMParser exists). */
export function installSaxesXmlRootParser(): void {
  installXmlRootParser(parseXmlRootWithSaxes);
}
