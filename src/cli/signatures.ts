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
  type ActorKeyRow,
  type ListedKey,
  type SignatureVerdict,
} from "../core/sign";
import { readTextFile } from "../node/files";
import { UsageError } from "./args";

/** The governance's list of actors' public keys, for a CSV source (a workbook keeps its own). */
export const GOVERNANCE_KEYS = "docs/governance/ACTOR_KEYS.json";

/** What verification holds its seals against. */
export interface KeyLists {
  keys: ListedKey[];
  /** The governance's unreadable rows and other remarks: said, never fatal. */
  notes: string[];
  /** Envelopes a governance workbook keeps beside its seals, by seal hash. */
  kept: Map<string, { fileName: string; envelope: string | null }[]>;
  /** The governance workbook, when one was given (messages name it). */
  workbook: string | null;
  /** Its ActorKeysTable's readable rows, pending and revoked ones too (approved ones are in keys). */
  rows: ActorKeyRow[];
}

async function readKeyListFile(file: string, source: string) {
  const text = readTextFile(file, "the key list");
  try {
    return await parseKeyList(text, source);
  } catch (e) {
    if (e instanceof KeyFormatError) throw new UsageError(e.message);
    throw e;
  }
}

/** A workbook's ActorKeysTable (approved rows) and the envelopes it keeps beside its seals. */
async function readGovernanceWorkbook(file: string, lists: KeyLists) {
  // Loaded only here: `verify` must not load the workbook layer for its fast path (main.ts).
  const { openWorkbookFile } = await import("../node/xlsxSource");
  const wb = await openWorkbookFile(file, { runId: null });
  const source = `governance ${file} (ActorKeysTable)`;
  const read = await wb.api.readActorKeys();
  lists.keys.push(...read.keys.map((k) => ({ ...k, source })));
  lists.rows = read.rows;
  lists.notes.push(...read.problems.map((p) => `${file}: ${p}`));
  if (!read.exists)
    lists.notes.push(`${file} has no ActorKeysTable: it lists no keys`);
  for (const k of await wb.store.keptSignatures()) {
    const list = lists.kept.get(k.sealHash) ?? [];
    list.push({ fileName: k.fileName, envelope: k.envelope });
    lists.kept.set(k.sealHash, list);
  }
  lists.workbook = file;
}

/**
 * --trusted-keys FILE (required to match when given) and the seal's governance: `--governance`
 * (a workbook's ActorKeysTable, or a key list JSON), else docs/governance/ACTOR_KEYS.json here.
 */
export async function loadKeyLists(
  trustedFile: string | undefined,
  cwd: string,
  governance?: string,
): Promise<KeyLists> {
  const lists: KeyLists = {
    keys: [],
    notes: [],
    kept: new Map(),
    workbook: null,
    rows: [],
  };
  if (trustedFile)
    lists.keys.push(
      ...(await readKeyListFile(trustedFile, `trusted keys ${trustedFile}`)),
    );
  if (governance && /\.xls[xm]$/i.test(governance))
    await readGovernanceWorkbook(governance, lists);
  else if (governance)
    lists.keys.push(
      ...(await readKeyListFile(governance, `governance ${governance}`)),
    );
  else {
    const gov = path.join(cwd, GOVERNANCE_KEYS);
    if (existsSync(gov))
      lists.keys.push(...(await readKeyListFile(gov, "governance")));
  }
  return lists;
}

/** Said under a signature vouched for by a governance listing alone (docs/SIGNING.md). */
export const GOVERNANCE_CAVEAT =
  "a governance listing is written by whoever edits the governance (the workbook): only --trusted-keys, keys you hold outside it, cannot be defeated by an editor";

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
  lists: KeyLists,
  trustedSource: string | null,
): Promise<SignatureCheck> {
  const keys = lists.keys;
  let envelope = envelopeFileName(sealFile);
  let text: string;
  // Beside the file first; else the one the governance workbook keeps beside this seal.
  const kept = lists.kept.get(doc.hash)?.[0];
  if (!existsSync(envelope) && kept && lists.workbook) {
    envelope = `${path.basename(envelope)} kept in ${lists.workbook}`;
    if (kept.envelope === null)
      return {
        envelope,
        verdict: null,
        fails: true,
        line: `malformed envelope: the part kept in ${lists.workbook} is not base64 of UTF-8 text`,
      };
    text = kept.envelope;
  } else if (!existsSync(envelope))
    return {
      envelope,
      verdict: null,
      fails: trustedSource !== null,
      line: `not signed (no ${path.basename(envelope)} beside it${lists.workbook ? ` nor kept in ${lists.workbook}` : ""})`,
    };
  else
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
  const check = (signerSpki?: Uint8Array) =>
    verifySealSignature(text, doc, {
      keys,
      requireListed: trustedSource !== null,
      fileName: path.basename(sealFile),
      signerSpki,
    });
  let verdict = await check();
  // A key the governance workbook holds but does not approve (pending, revoked): the signature is
  // still checked with it, and the row is said, as the taskpane says it (workflows/signatures.ts).
  const rows = lists.rows.filter(
    (r) => r.keyId === verdict.keyId && r.status !== "approved",
  );
  if (rows.length && verdict.status !== "trusted")
    verdict = await check(rows[0].spki);
  const listing = rows
    .map(
      (r) =>
        `; ${lists.workbook}'s ActorKeysTable lists this key for ${r.actor} as ${r.status} (${r.cell})${r.status === "pending" ? ", not approved yet: the governance owner approves it by setting its Status to approved" : ": it no longer counts"}`,
    )
    .join("");
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
    (verdict.status === "trusted" && !trustedThere
      ? `${verdict.message}, but not in ${trustedSource}`
      : verdict.message) + listing;
  return { envelope, verdict, fails, line };
}
