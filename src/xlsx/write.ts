// Writing a loaded workbook back with only what the workflows changed: the PATCH_LOG sheet and
// its table, the sheet of ActorKeysTable and that table, the custom XML parts that keep seals,
// appended entries in [Content_Types].xml, the workbook part and its relationships, and appended
// cell formats in the styles part. Every other part is copied as it came (zip.ts keeps its
// compressed bytes). One save per load.
import {
  braceGuid,
  CT_CUSTOM_XML_PROPS,
  newPartId,
  NS_CUSTOM_XML,
  REL_CUSTOM_XML,
  REL_CUSTOM_XML_PROPS,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { dirtySheets, tableChanged } from "./changedSheets";
import { WorkbookWriteError } from "./errors";
import { newTableXml, sheetXml, updatedTableXml } from "./logSheetXml";
import { folderOf, relativeTarget, relsPathOf } from "./package";
import type { LoadedPackage } from "./loadedPackage";
import { StyleAppender } from "./stylesWrite";
import { encodePartXml, TextPart } from "./textPart";
import { decodeText, escapeXml } from "./xml";
import {
  CT_STYLES,
  CT_TABLE,
  CT_WORKSHEET,
  DECL,
  enc,
  insertBeforeClose,
  NS_RELS,
  prefixOf,
  REL_STYLES,
  REL_TABLE,
  REL_WORKSHEET,
  rNamespaceFor,
} from "./xmlEdit";

/** The package with the workflows' changes; see the file's opening comment. */
export async function saveWorkbook(
  book: SimWorkbook,
  lp: LoadedPackage,
): Promise<Uint8Array> {
  const changes = new Map<string, Uint8Array | null>();
  const contentTypes = new TextPart(
    lp,
    lp.pkg.entry("[Content_Types].xml")!.name,
  );
  const workbook = new TextPart(lp, lp.workbookPath);
  const wbRelsPath =
    lp.pkg.entry(relsPathOf(lp.workbookPath))?.name ??
    relsPathOf(lp.workbookPath);
  const workbookRels = new TextPart(lp, wbRelsPath);
  const wbDir = folderOf(lp.workbookPath);
  const taken = new Set(lp.pkg.entries.map((e) => e.name.toLowerCase()));
  const freshName = (make: (n: number) => string) => {
    for (let n = 1; ; n++)
      if (!taken.has(make(n).toLowerCase())) return make(n);
  };
  const relIds = new Set(lp.workbookRels.map((r) => r.id));
  const newWbRelId = () => {
    let n = 1;
    while (relIds.has(`rId${n}`)) n++;
    relIds.add(`rId${n}`);
    return `rId${n}`;
  };
  const wbRelsToAdd: string[] = [];
  const overrides: string[] = [];
  const addOverride = (part: string, type: string) =>
    overrides.push(
      `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`,
    );

  const styles = new StyleAppender(lp);
  let maxTableId = lp.maxTableId;
  for (const sheet of dirtySheets(book, lp)) {
    let loaded = lp.sheets.get(sheet);
    let sheetPath = loaded?.path;
    const sheetRels: string[] = [];
    if (!sheetPath) {
      sheetPath = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}worksheets/sheet${n}.xml`,
      );
      taken.add(sheetPath.toLowerCase());
      const rid = newWbRelId();
      wbRelsToAdd.push(
        `<Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="${escapeXml(relativeTarget(wbDir, sheetPath))}"/>`,
      );
      addOverride(sheetPath, CT_WORKSHEET);
      const wbXml = await workbook.get();
      const ids = [
        ...wbXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*?\ssheetId="(\d+)"/g),
      ].map((m) => Number(m[1]));
      const { p: rp, decl } = rNamespaceFor(wbXml);
      const p = prefixOf(wbXml, "sheets");
      const entry = `<${p}sheet${decl} name="${escapeXml(sheet.name)}" sheetId="${Math.max(0, ...ids) + 1}" ${rp}id="${rid}"/>`;
      const next = insertBeforeClose(wbXml, "sheets", entry);
      if (!next)
        throw new WorkbookWriteError(
          `the workbook part ${lp.workbookPath} has no sheets list`,
        );
      workbook.set(next);
      loaded = undefined;
    }
    const sheetRelsPath =
      lp.pkg.entry(relsPathOf(sheetPath))?.name ?? relsPathOf(sheetPath);
    const existingRels = lp.pkg.has(sheetRelsPath)
      ? decodeText(await lp.pkg.bytes(sheetRelsPath))
      : undefined;
    const sheetRelIds = new Set(
      [...(existingRels ?? "").matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]),
    );
    const newTableRelIds: string[] = [];
    for (const t of book.tables) {
      if (t.sheet !== sheet || t.deleted) continue;
      const l = lp.tables.get(t);
      if (l) {
        if (tableChanged(t, lp)) {
          const xml = decodeText(await lp.pkg.bytes(l.path));
          changes.set(
            l.path,
            enc(
              updatedTableXml(xml, t, l.columns !== JSON.stringify(t.columns)),
            ),
          );
        }
        continue;
      }
      const tablePath = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}tables/table${n}.xml`,
      );
      taken.add(tablePath.toLowerCase());
      changes.set(tablePath, enc(newTableXml(t, ++maxTableId)));
      addOverride(tablePath, CT_TABLE);
      let n = 1;
      while (sheetRelIds.has(`rId${n}`)) n++;
      sheetRelIds.add(`rId${n}`);
      newTableRelIds.push(`rId${n}`);
      sheetRels.push(
        `<Relationship Id="rId${n}" Type="${REL_TABLE}" Target="${escapeXml(relativeTarget(folderOf(sheetPath), tablePath))}"/>`,
      );
    }
    if (sheetRels.length) {
      const sheetRelsXml = existingRels
        ? insertBeforeClose(existingRels, "Relationships", sheetRels.join(""))!
        : DECL +
          `<Relationships xmlns="${NS_RELS}">${sheetRels.join("")}</Relationships>`;
      changes.set(sheetRelsPath, enc(sheetRelsXml));
    }
    changes.set(
      sheetPath,
      enc(sheetXml(sheet, loaded, newTableRelIds, { styles })),
    );
  }

  // Custom XML parts: a new seal is a new part; a part whose XML changed is rewritten in place.
  let needXmlDefault = false;
  const usedIds = new Set<string>();
  for (const [part, l] of lp.parts) {
    usedIds.add(part.id.toLowerCase());
    if (part.deleted)
      throw new WorkbookWriteError(
        `a kept seal (custom XML part ${l.path}) was deleted; sealed-run never deletes kept seals; nothing was saved`,
      );
    if (part.xml !== l.xml)
      changes.set(l.path, encodePartXml(part.xml, l.utf16));
  }
  for (const part of book.liveParts) {
    if (lp.parts.has(part)) continue;
    let id = braceGuid(part.id);
    if (!id || usedIds.has(id.toLowerCase())) id = newPartId();
    usedIds.add(id.toLowerCase());
    let n = 1;
    while (
      [
        `customXml/item${n}.xml`,
        `customXml/itemProps${n}.xml`,
        `customXml/_rels/item${n}.xml.rels`,
      ].some((x) => taken.has(x.toLowerCase()))
    )
      n++;
    const item = `customXml/item${n}.xml`;
    const props = `customXml/itemProps${n}.xml`;
    for (const x of [item, props, `customXml/_rels/item${n}.xml.rels`])
      taken.add(x.toLowerCase());
    const utf16 = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']utf-?16["']/i.test(
      part.xml,
    );
    changes.set(item, encodePartXml(part.xml, utf16));
    changes.set(
      props,
      enc(
        `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${escapeXml(id)}" xmlns:ds="${NS_CUSTOM_XML}"><ds:schemaRefs/></ds:datastoreItem>`,
      ),
    );
    changes.set(
      `customXml/_rels/item${n}.xml.rels`,
      enc(
        DECL +
          `<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
      ),
    );
    addOverride(props, CT_CUSTOM_XML_PROPS);
    wbRelsToAdd.push(
      `<Relationship Id="${newWbRelId()}" Type="${REL_CUSTOM_XML}" Target="${escapeXml(relativeTarget(wbDir, item))}"/>`,
    );
    needXmlDefault = !lp.contentTypes.defaults.has("xml");
  }

  if (!styles.empty) {
    if (lp.stylesPath) {
      const part = new TextPart(lp, lp.stylesPath);
      changes.set(lp.stylesPath, enc(styles.apply(await part.get())));
    } else {
      const path = freshName(
        (n) => `${wbDir ? `${wbDir}/` : ""}styles${n === 1 ? "" : n}.xml`,
      );
      changes.set(path, enc(styles.fresh()));
      addOverride(path, CT_STYLES);
      wbRelsToAdd.push(
        `<Relationship Id="${newWbRelId()}" Type="${REL_STYLES}" Target="${escapeXml(relativeTarget(wbDir, path))}"/>`,
      );
    }
  }

  if (overrides.length || needXmlDefault) {
    const ct = await contentTypes.get();
    const p = prefixOf(ct, "Types");
    const items = (
      needXmlDefault
        ? [`<Default Extension="xml" ContentType="application/xml"/>`]
        : []
    )
      .concat(overrides)
      .map((x) => x.replace(/^<(\w)/, `<${p}$1`));
    contentTypes.set(insertBeforeClose(ct, "Types", items.join(""))!);
  }
  if (wbRelsToAdd.length) {
    if (lp.pkg.has(wbRelsPath)) {
      const rels = await workbookRels.get();
      const p = prefixOf(rels, "Relationships");
      workbookRels.set(
        insertBeforeClose(
          rels,
          "Relationships",
          wbRelsToAdd.map((x) => x.replace(/^<(\w)/, `<${p}$1`)).join(""),
        )!,
      );
    } else
      workbookRels.set(
        DECL +
          `<Relationships xmlns="${NS_RELS}">${wbRelsToAdd.join("")}</Relationships>`,
      );
  }
  for (const part of [contentTypes, workbook, workbookRels])
    if (part.changed) changes.set(part.path, enc(part.text!));
  if (!changes.size) return lp.pkg.original;
  return lp.pkg.withChanges(changes);
}
