// The chain check's hashes, many entries at a time. The entries' plain texts (entryPlainText) are
// joined into one string per batch and each is hashed as a slice of it: V8 then flattens one string
// per batch instead of one per entry, which took the check of 100,000 entries from about 5x the
// cost of hashing the same bytes in one pass to about 4x (issue 13; `npm run bench`,
// chain_check_vs_one_pass_ratio).
import { isWellFormedString } from "../json/canonical";
import { installedSha256 } from "../hash";
import { sha256HexOfText, sha256HexOfTexts } from "../sha256";
import type { PatchLogEntry } from "../types";
import { entryPlainText, type TextDigest } from "./entryHash";

// A batch stays well under V8's large-object threshold (about 128 KB): a bigger joined string is
// allocated apart, which measured slower. 256 entries also bounds the work done past a break.
const MAX_ENTRIES = 256;
const MAX_CHARS = 64 * 1024;
const ends = new Int32Array(MAX_ENTRIES);

/**
 * SHA-256 hex of the plain text of entries[from], entries[from + 1], ... for one batch (at least
 * one entry, fewer than all when the batch fills). An entry whose plain text holds a backslash or a
 * lone surrogate gets "": its plain text is not proof of anything (see entryPlainText), so the
 * caller takes the escaping path for it.
 */
export function plainTextHashes(
  entries: readonly PatchLogEntry[],
  from: number,
): string[] {
  let joined = "";
  let count = 0;
  while (
    from + count < entries.length &&
    count < MAX_ENTRIES &&
    joined.length < MAX_CHARS
  ) {
    joined += entryPlainText(entries[from + count]);
    ends[count++] = joined.length;
  }
  // A native digest (node:crypto in the CLI) takes each text as a slice of the joined string; the
  // core's pure-JS one encodes the batch once and hashes it in place.
  const native = installedSha256();
  const hashes = native
    ? textsOneByOne(joined, count, native)
    : (sha256HexOfTexts(joined, ends, count) ??
      textsOneByOne(joined, count, sha256HexOfText));
  if (joined.indexOf("\\") >= 0 || !isWellFormedString(joined))
    for (let k = 0, start = 0; k < count; start = ends[k++]) {
      const text = joined.slice(start, ends[k]);
      if (text.indexOf("\\") >= 0 || !isWellFormedString(text)) hashes[k] = "";
    }
  return hashes;
}

function textsOneByOne(
  joined: string,
  count: number,
  digest: TextDigest,
): string[] {
  const out = new Array<string>(count);
  for (let k = 0, start = 0; k < count; start = ends[k++])
    out[k] = digest(joined.slice(start, ends[k]));
  return out;
}
