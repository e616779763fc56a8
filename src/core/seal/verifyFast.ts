// `verify` when only the verdict is wanted (the CLI over many files): the hashed bytes come from
// one scan of the file's bytes (json/canonicalBytes), else of its text (json/canonicalScan),
// instead of building the document and canonicalizing it. Whatever the scan does not settle — and every file that is not valid — goes through
// verifyBytes, so the verdicts and reasons are those of the full check.
import { scanHashedBytes } from "../json/canonicalBytes";
import { scanHashedText } from "../json/canonicalScan";
import { MAX_SEALED_FILE_BYTES } from "../json/strictParse";
import { sha256Tagged, TAGGED_HASH_PATTERN } from "../hash";
import { verifyBytes } from "./verify";

export type HashVerdict =
  { valid: true; hash: string } | { valid: false; reason: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

export async function verifyHashOnly(bytes: Uint8Array): Promise<HashVerdict> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.length <= MAX_SEALED_FILE_BYTES && !bom) {
    // Bytes first (no decoding, no re-encoding); the text scan takes what they leave.
    const fromBytes = scanHashedBytes(bytes);
    if (fromBytes) {
      if (
        TAGGED_HASH_PATTERN.test(fromBytes.claimed) &&
        (await sha256Tagged(fromBytes.canonical)) === fromBytes.claimed
      )
        return { valid: true, hash: fromBytes.claimed };
      return fullVerdict(bytes); // exact: these bytes do not hash to their claim
    }
    let text: string | null = null;
    try {
      text = decoder.decode(bytes);
    } catch {
      /* not UTF-8: verifyBytes says where */
    }
    const scanned = text === null ? null : scanHashedText(text);
    if (scanned && TAGGED_HASH_PATTERN.test(scanned.claimed)) {
      if ((await sha256Tagged(scanned.canonical)) === scanned.claimed)
        return { valid: true, hash: scanned.claimed };
    }
  }
  return fullVerdict(bytes);
}

async function fullVerdict(bytes: Uint8Array): Promise<HashVerdict> {
  const full = await verifyBytes(bytes);
  return full.valid
    ? { valid: true, hash: full.hash }
    : { valid: false, reason: full.reason };
}
