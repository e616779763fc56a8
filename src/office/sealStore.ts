// Each sealed document is also kept inside the workbook as a custom XML part (ExcelApi 1.5), so a
// seal is never lost to a failed download and can be exported again later. The JSON travels as
// base64 of its exact UTF-8 bytes: XML 1.0 cannot carry every character JSON can.
import type { ExcelHost } from "./host";
import { SEAL_PART_NS } from "./names";
import { parseXmlRoot, partBody, partBodyText, xmlAttr } from "./sealPartXml";

/** A sealed document kept in the workbook: its part's id and what its root element says of it. */
export interface StoredSeal {
  /** Custom XML part id. */
  id: string;
  fileName: string;
  runId: string;
  hash: string;
  /** `patch_log_head` recorded by the seal. */
  head: string;
}

export function sealPartXml(
  meta: Omit<StoredSeal, "id">,
  text: string,
): string {
  return (
    `<sealedRun xmlns="${SEAL_PART_NS}" fileName="${xmlAttr(meta.fileName)}" runId="${xmlAttr(meta.runId)}" hash="${xmlAttr(meta.hash)}" head="${xmlAttr(meta.head)}">` +
    partBody(text) +
    `</sealedRun>`
  );
}

/** The part's root when it is a `sealedRun` element of our namespace, else null. */
function sealRoot(xml: string) {
  const root = parseXmlRoot(xml);
  return root &&
    root.localName === "sealedRun" &&
    root.namespace === SEAL_PART_NS
    ? root
    : null;
}

/** The metadata of a stored seal, or null for a part of our namespace that is not one. */
export function parseSealPart(id: string, xml: string): StoredSeal | null {
  const root = sealRoot(xml);
  if (!root) return null;
  const get = (name: string) => root.attributes[name] ?? "";
  return {
    id,
    fileName: get("fileName"),
    runId: get("runId"),
    hash: get("hash"),
    head: get("head"),
  };
}

export function sealPartText(xml: string): string {
  const root = sealRoot(xml);
  const text = root && partBodyText(root);
  if (text === null) throw new Error("not a sealed-run part");
  return text;
}

/** The exact text of one kept seal (one sync). */
export async function readSealPartText(
  host: ExcelHost,
  partId: string,
): Promise<string> {
  return host.run(async (ctx) => {
    const xml = ctx.workbook.customXmlParts.getItem(partId).getXml();
    await ctx.sync();
    // getXml returns a ClientResult, read after the sync; the rule takes it for a proxy to load.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    return sealPartText(xml.value);
  });
}
