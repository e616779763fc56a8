// CONTRACT §2 `verify`: strict read, hash form, canonical form with hash "", SHA-256, compare.
// Nothing more: whether a document is admissible is replay's question.
import { canonicalize, CanonicalizationError } from "../json/canonical";
import { readStrict } from "../json/strictParse";
import { sha256Tagged, TAGGED_HASH_PATTERN } from "../hash";

export type VerifyResult =
  | { valid: true; hash: string; document: Record<string, unknown> }
  | {
      valid: false;
      reason: string;
      document?: Record<string, unknown>;
      computed?: string;
    };

/** The exact text that is hashed: the RFC 8785 form of the document with `hash` set to "". */
export function hashedText(doc: Record<string, unknown>): string {
  return canonicalize(doc, { hash: "" });
}

/** The seal hash a document should carry. */
export async function computeSealHash(
  doc: Record<string, unknown>,
): Promise<string> {
  return sha256Tagged(hashedText(doc));
}

export async function verifyDocument(
  doc: Record<string, unknown>,
): Promise<VerifyResult> {
  if (!("hash" in doc))
    return { valid: false, reason: "no hash member", document: doc };
  const claimed = doc.hash;
  if (typeof claimed !== "string" || !TAGGED_HASH_PATTERN.test(claimed)) {
    return {
      valid: false,
      reason: `hash ${JSON.stringify(claimed)} is not "sha256:" followed by 64 lowercase hex digits`,
      document: doc,
    };
  }
  let computed: string;
  try {
    computed = await computeSealHash(doc);
  } catch (e) {
    if (e instanceof CanonicalizationError)
      return {
        valid: false,
        reason: `cannot canonicalize: ${e.message}`,
        document: doc,
      };
    throw e;
  }
  if (computed !== claimed) {
    return {
      valid: false,
      reason: `hash mismatch: the file says ${claimed} but its content hashes to ${computed} (the content was changed after sealing)`,
      document: doc,
      computed,
    };
  }
  return { valid: true, hash: claimed, document: doc };
}

export async function verifyBytes(bytes: Uint8Array): Promise<VerifyResult> {
  const read = readStrict(bytes);
  if (!read.ok) return { valid: false, reason: read.error.message };
  const v = read.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    return {
      valid: false,
      reason: `top level is ${Array.isArray(v) ? "an array" : v === null ? "null" : typeof v}, not an object`,
    };
  }
  return verifyDocument(v as Record<string, unknown>);
}
