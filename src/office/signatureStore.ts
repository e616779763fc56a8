// A seal's signature (its DSSE envelope, docs/SIGNING.md) kept in the workbook beside the seal: a
// custom XML part of its own, not an attribute of the seal's part. A seal's part is written once
// and never changed (readParts.ts caches parts by id for that reason, and the CLI's package layer
// refuses a changed kept seal), while a seal may be signed later, by its actor in the taskpane;
// and readers of existing seal parts stay as they are. The envelope travels as base64 of its exact
// UTF-8 bytes, like a seal, so the text an auditor extracts is the text that was signed.
import type { ExcelHost } from "./host";
import { parseXmlRoot, partBody, partBodyText, xmlAttr } from "./sealPartXml";
import { readPartsSized } from "./readParts";

export const SIGNATURE_PART_NS = "urn:sealed-run:signature:v1";

export interface KeptSignature {
  partId: string;
  fileName: string;
  sealHash: string;
  keyId: string;
  /** The envelope's text, or null when the part's body is not base64 of UTF-8 (reported as malformed). */
  envelope: string | null;
}

export function signaturePartXml(
  s: Omit<KeptSignature, "partId" | "envelope">,
  envelope: string,
): string {
  return (
    `<sealedRunSignature xmlns="${SIGNATURE_PART_NS}" fileName="${xmlAttr(s.fileName)}" sealHash="${xmlAttr(s.sealHash)}" keyId="${xmlAttr(s.keyId)}">` +
    partBody(envelope) +
    `</sealedRunSignature>`
  );
}

export function parseSignaturePart(
  partId: string,
  xml: string,
): KeptSignature | null {
  const root = parseXmlRoot(xml);
  if (
    !root ||
    root.localName !== "sealedRunSignature" ||
    root.namespace !== SIGNATURE_PART_NS
  )
    return null;
  let envelope: string | null;
  try {
    envelope = partBodyText(root);
  } catch {
    envelope = null; // not UTF-8
  }
  const get = (n: string) => root.attributes[n] ?? "";
  return {
    partId,
    fileName: get("fileName"),
    sealHash: get("sealHash"),
    keyId: get("keyId"),
    envelope,
  };
}

/** Every kept signature (parts read in batches sized by their bytes, like seals). */
export async function readKeptSignatures(
  host: ExcelHost,
): Promise<KeptSignature[]> {
  const ids = await host.run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(SIGNATURE_PART_NS);
    parts.load("items/id");
    await ctx.sync();
    return parts.items.map((p) => p.id);
  });
  const xml = await readPartsSized(host, ids);
  return xml
    .map((p) => parseSignaturePart(p.id, p.xml))
    .filter((s): s is KeptSignature => s !== null);
}

/** Adds the part (one sync); the caller has checked that it is not kept already. */
export async function addSignaturePart(
  host: ExcelHost,
  s: Omit<KeptSignature, "partId" | "envelope">,
  envelope: string,
): Promise<string> {
  return host.run(async (ctx) => {
    const part = ctx.workbook.customXmlParts.add(signaturePartXml(s, envelope));
    part.load("id");
    await ctx.sync();
    return part.id;
  });
}
