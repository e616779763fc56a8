// Signatures in the CLI (docs/SIGNING.md): the key lists an auditor trusts, and the verdict on
// the envelope beside a sealed file (`<file>.intoto.json`).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type SealedRun } from "../core";
import {
  envelopeFileName,
  KeyFormatError,
  parseKeyList,
  verifySealSignature,
  type ListedKey,
  type SignatureVerdict,
} from "../core/sign";
import { UnreadablePathError } from "../node/files";
import { UsageError } from "./args";

/** The governance's list of actors' public keys, for a CSV source (a workbook keeps its own). */
export const GOVERNANCE_KEYS = "docs/governance/ACTOR_KEYS.json";

/** --trusted-keys FILE (required to match when given) and the governance's list, if present. */
export async function loadKeyLists(
  trustedFile: string | undefined,
  cwd: string,
): Promise<ListedKey[]> {
  const keys: ListedKey[] = [];
  const load = async (file: string, source: string) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new UnreadablePathError(`cannot read the key list ${file}`);
    }
    try {
      keys.push(...(await parseKeyList(text, source)));
    } catch (e) {
      if (e instanceof KeyFormatError) throw new UsageError(e.message);
      throw e;
    }
  };
  if (trustedFile) await load(trustedFile, `trusted keys ${trustedFile}`);
  const gov = path.join(cwd, GOVERNANCE_KEYS);
  if (existsSync(gov)) await load(gov, "governance");
  return keys;
}

export interface SignatureCheck {
  envelope: string;
  verdict: SignatureVerdict | null;
  /** Whether this verdict fails the command. */
  fails: boolean;
  line: string;
}

/**
 * The envelope beside `sealFile`, checked against the keys. `required` (the auditor gave
 * --trusted-keys): the seal must be signed by a key listed for its actor in that file.
 */
export async function checkSignatureBeside(
  sealFile: string,
  doc: SealedRun,
  keys: readonly ListedKey[],
  trustedSource: string | null,
): Promise<SignatureCheck> {
  const envelope = envelopeFileName(sealFile);
  if (!existsSync(envelope))
    return {
      envelope,
      verdict: null,
      fails: trustedSource !== null,
      line: `not signed (no ${path.basename(envelope)} beside it)`,
    };
  let text: string;
  try {
    text = readFileSync(envelope, "utf8");
  } catch (e) {
    return {
      envelope,
      verdict: null,
      fails: true,
      line: `cannot read ${envelope}: ${(e as Error).message}`,
    };
  }
  const verdict = await verifySealSignature(text, doc, {
    keys,
    requireListed: trustedSource !== null,
    fileName: path.basename(sealFile),
  });
  // With --trusted-keys, only a key listed for this actor in that file counts: a governance
  // listing alone is something the workbook's editor could have written.
  const trustedThere =
    verdict.status === "trusted" &&
    (trustedSource === null || verdict.listedIn.includes(trustedSource));
  const fails =
    verdict.status === "invalid" ||
    verdict.status === "malformed" ||
    verdict.status === "untrusted" ||
    (trustedSource !== null && !trustedThere);
  const line =
    verdict.status === "trusted" && !trustedThere
      ? `${verdict.message}, but not in ${trustedSource}`
      : verdict.message;
  return { envelope, verdict, fails, line };
}
