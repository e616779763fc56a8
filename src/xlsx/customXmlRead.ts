// Custom XML data parts, where sealed-run keeps each seal inside a workbook (ECMA-376 Part 1
// §15.2.4–15.2.5, §22.5: customXml/itemN.xml with its itemProps, as Excel stores what Office.js
// customXmlParts.add adds), and the very-hidden sheet an early version kept them in.
import {
  braceGuid,
  type DateSystem,
  newPartId,
  rootNamespace,
  SimCustomXmlPart,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { readRels, type Relationship } from "./package";
import { readSharedStringsAt } from "./sharedStrings";
import { readSheet, type ParsedCell } from "./sheetXml";
import { decodeText, parsePart, parseText } from "./xml";
import type { ZipPackage } from "./zip";

export interface LoadedPart {
  path: string;
  xml: string;
  utf16: boolean;
}

/** Custom XML data parts (ECMA-376 §15.2.4–15.2.5), in the workbook relationships' order, then any others. */
export async function readCustomXml(
  pkg: ZipPackage,
  workbookRels: Relationship[],
  book: SimWorkbook,
): Promise<Map<SimCustomXmlPart, LoadedPart>> {
  const loaded = new Map<SimCustomXmlPart, LoadedPart>();
  const ordered: string[] = [];
  for (const r of workbookRels) {
    const e = r.kind === "customXml" && r.part ? pkg.entry(r.part) : undefined;
    if (e && !ordered.includes(e.name)) ordered.push(e.name);
  }
  const num = (p: string) => Number(/(\d*)\.xml$/i.exec(p)?.[1] || 0);
  const rest = pkg.entries
    .map((e) => e.name)
    .filter((n) => /^customXml\/item\d*\.xml$/i.test(n) && !ordered.includes(n))
    .sort((a, b) => num(a) - num(b) || a.localeCompare(b));
  for (const path of [...ordered, ...rest]) {
    const bytes = await pkg.bytes(path);
    const xml = decodeText(bytes);
    parseText(path, xml, {}); // well-formed, no DTD
    const rels = await readRels(pkg, path);
    let propsPath = rels.find((r) => r.kind === "customXmlProps")?.part;
    propsPath ??= path.replace(/item(\d*)\.xml$/i, "itemProps$1.xml");
    let id: string | undefined;
    if (pkg.has(propsPath))
      await parsePart(pkg, propsPath, {
        open(name, a) {
          if (name === "datastoreItem" && a.itemID) id = braceGuid(a.itemID);
        },
      });
    const partId = id && !book.findPart(id) ? id : newPartId();
    let ns = "";
    try {
      ns = rootNamespace(xml);
    } catch {
      /* kept as it is (see simulator README, rule 10) */
    }
    const part = new SimCustomXmlPart(partId, ns, xml);
    book.customXmlParts.push(part);
    loaded.set(part, {
      path: pkg.entry(path)!.name,
      xml,
      utf16: bytes[0] === 0xff || bytes[0] === 0xfe,
    });
  }
  return loaded;
}

/** Parts kept by early versions in the _SealedRunParts sheet: id, namespace, then the XML in chunks. */
export async function readLegacyParts(
  pkg: ZipPackage,
  path: string,
  sst: (string | null)[],
  sstPath: string | undefined,
  system: DateSystem,
  book: SimWorkbook,
): Promise<void> {
  const rows: ParsedCell[][] = [];
  await readSheet(pkg, path, sst, system, (_row, cells) => rows.push(cells));
  const deferred = new Set(
    rows.flat().flatMap((c) => (c.sst === undefined ? [] : [c.sst])),
  );
  const texts = deferred.size
    ? await readSharedStringsAt(pkg, sstPath, deferred)
    : new Map<number, string>();
  for (const cells of rows) {
    const row: string[] = [];
    for (const c of cells)
      row[c.col] =
        c.sst !== undefined
          ? (texts.get(c.sst) ?? "")
          : c.value === undefined
            ? ""
            : String(c.value);
    const [id, , ...chunks] = Array.from(row, (x) => x ?? "");
    if (!id || book.findPart(braceGuid(id) ?? id)) continue;
    const xml = chunks.join("");
    let ns = "";
    try {
      ns = rootNamespace(xml);
    } catch {
      /* kept as it is */
    }
    book.customXmlParts.push(
      new SimCustomXmlPart(braceGuid(id) ?? id, ns, xml),
    );
  }
}
