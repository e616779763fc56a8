// Reading kept seals (custom XML parts) in batches sized by their measured bytes, so that no
// request or response comes near Excel on the web's 5 MB limit however large the seals are or how
// many a workbook keeps. A batch refused as too large — or failing generically, as an oversized
// request may in desktop Excel — is read again in halves; a single part that still fails is an
// error. Parts never change once added (the add-in adds, never edits), so what was read is kept
// for the life of the runtime, by host and part id: a later seal reads only the new ones.
// Evidence: packages/excel-simulator/README.md, rule 6.
import type { ExcelHost } from "./host";
import { isTooLarge, officeErrorCode } from "./errors";

/** Bytes of part XML one read may bring back (1 MB under the 5 MB limit, like the row chunks). */
export const PART_BUDGET_BYTES = 4 * 1024 * 1024;
/** What an unseen part is assumed to weigh until parts have been measured. */
export const FIRST_PART_GUESS_BYTES = 64 * 1024;
const utf8 = new TextEncoder();

interface PartCache {
  xml: Map<string, string>;
  /** The largest part seen, in UTF-8 bytes. */
  maxBytes: number;
}

const caches = new WeakMap<object, PartCache>();

export function partCache(host: ExcelHost): PartCache {
  let c = caches.get(host);
  if (!c) {
    c = { xml: new Map(), maxBytes: 0 };
    caches.set(host, c);
  }
  return c;
}

/** Remember parts read elsewhere (in a combined read) and their size. */
export function rememberParts(
  host: ExcelHost,
  parts: { id: string; xml: string }[],
): void {
  const c = partCache(host);
  for (const p of parts) {
    c.xml.set(p.id, p.xml);
    c.maxBytes = Math.max(c.maxBytes, utf8.encode(p.xml).length);
  }
}

/** How many parts of unknown size fit `budget`, going by the largest seen so far (with headroom). */
export function partsThatFit(host: ExcelHost, budget: number): number {
  const per = Math.max(partCache(host).maxBytes * 1.25, FIRST_PART_GUESS_BYTES);
  return Math.max(0, Math.floor(budget / per));
}

/** A failure that a smaller read may avoid: too large, or generic (desktop Excel's oversize). */
export function worthRetryingSmaller(e: unknown): boolean {
  return isTooLarge(e) || officeErrorCode(e) === "GeneralException";
}

/** The XML of each part in `ids`, in order: from the cache, the rest read in sized batches. */
export async function readPartsSized(
  host: ExcelHost,
  ids: string[],
): Promise<{ id: string; xml: string }[]> {
  const cache = partCache(host);
  const missing = ids.filter((id) => !cache.xml.has(id));
  let at = 0;
  let count = Math.max(1, partsThatFit(host, PART_BUDGET_BYTES));
  while (at < missing.length) {
    const batch = missing.slice(at, at + count);
    try {
      const read = await host.run(async (ctx) => {
        const results = batch.map((id) => ({
          id,
          xml: ctx.workbook.customXmlParts.getItem(id).getXml(),
        }));
        await ctx.sync();
        return results.map((r) => ({ id: r.id, xml: r.xml.value }));
      });
      rememberParts(host, read);
      at += batch.length;
      count = Math.max(1, partsThatFit(host, PART_BUDGET_BYTES));
    } catch (e) {
      if (!worthRetryingSmaller(e) || batch.length === 1) throw e;
      count = Math.max(1, Math.floor(batch.length / 2));
    }
  }
  return ids.map((id) => ({ id, xml: cache.xml.get(id)! }));
}
