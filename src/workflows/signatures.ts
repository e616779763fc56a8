// Signatures kept in the workbook and the workbook's actor keys (docs/SIGNING.md): keeping a seal's
// envelope beside its kept seal, registering "I am <actor> and this is my key" as a pending row of
// ActorKeysTable, and saying who signed a seal and whether the workbook's governance lists that
// key for that actor. What the workbook lists is written by whoever edits the workbook: it informs,
// and only keys an auditor holds outside it (`--trusted-keys`) cannot be defeated by an editor.
import type { SealedRun } from "../core";
import {
  base64Encode,
  keyIdOf,
  pendingRow,
  requestedAtText,
  verifySealSignature,
  type SignatureVerdict,
} from "../core/sign";
import type { AppendedKeyRow } from "../office/actorKeys";
import type { KeptSignature } from "../office/signatureStore";
import {
  WorkbookError,
  type KeepSignatureResult,
  type KeptSignatureCheck,
} from "./api";
import type { WorkbookStore } from "./store";

async function keptFor(store: WorkbookStore, hash: string) {
  return (await store.keptSignatures()).filter((s) => s.sealHash === hash);
}

const RANK: Record<SignatureVerdict["status"], number> = {
  trusted: 0,
  unlisted: 1,
  unchecked: 2,
  untrusted: 3,
  invalid: 4,
  malformed: 5,
};

/** Who signed `doc`, by the envelopes this workbook keeps for it, checked against ActorKeysTable. */
export async function checkKeptSignatureInWorkbook(
  store: WorkbookStore,
  doc: SealedRun,
): Promise<KeptSignatureCheck> {
  const kept = await keptFor(store, doc.hash);
  if (!kept.length)
    return {
      verdict: null,
      line: "not signed: this workbook keeps no signature for this seal",
      notes: [],
    };
  const table = await store.actorKeys();
  let best: { verdict: SignatureVerdict; kept: KeptSignature } | null = null;
  for (const k of kept) {
    // A pending or revoked row still holds the public key: the signature is checked with it, and
    // the listing is said to be pending or revoked rather than "cannot be checked".
    const row = table.rows.find((r) => r.keyId === k.keyId);
    const verdict: SignatureVerdict =
      k.envelope === null
        ? {
            status: "malformed",
            message: `malformed envelope: the kept part ${k.partId} is not base64 of UTF-8 text`,
          }
        : await verifySealSignature(k.envelope, doc, {
            keys: table.keys,
            requireListed: false,
            signerSpki: row?.spki,
          });
    if (!best || RANK[verdict.status] < RANK[best.verdict.status])
      best = { verdict, kept: k };
  }
  const { verdict, kept: chosen } = best!;
  const notes = [...table.problems];
  const rows = table.rows.filter((r) => r.keyId === verdict.keyId);
  for (const r of rows)
    if (r.status !== "approved")
      notes.push(
        `ActorKeysTable has this key for ${r.actor} as ${r.status} (${r.cell})${r.status === "pending" ? ": the governance owner approves it by setting its Status to approved" : ": it no longer counts"}`,
      );
  if (!table.exists)
    notes.push(
      "This workbook has no ActorKeysTable, so it lists no keys (Create governance template adds one).",
    );
  return {
    verdict,
    envelopeName: chosen.fileName
      ? `${chosen.fileName}.intoto.json`
      : undefined,
    line: verdict.message,
    notes,
  };
}

/**
 * Keeps `envelope` (the text of `<fileName>.intoto.json`) in the workbook beside the seal. Refused
 * when it is not an envelope of this seal; kept once per seal and key.
 */
export async function keepSignatureInWorkbook(
  store: WorkbookStore,
  doc: SealedRun,
  fileName: string,
  envelope: string,
): Promise<KeepSignatureResult> {
  const v = await verifySealSignature(envelope, doc, {
    keys: [],
    requireListed: false,
    fileName,
  });
  if (v.status !== "unchecked" || !v.keyId)
    throw new WorkbookError(
      `The signature was not kept in the workbook: ${v.message}.`,
      "signature",
    );
  const same = (await keptFor(store, doc.hash)).find(
    (k) => k.keyId === v.keyId,
  );
  if (same)
    return { kind: "already-kept", partId: same.partId, keyId: v.keyId };
  const partId = await store.addSignature(
    { fileName, sealHash: doc.hash, keyId: v.keyId },
    envelope,
  );
  return { kind: "kept", partId, keyId: v.keyId };
}

/**
 * "I am <actor> and this is my key": a pending row of ActorKeysTable for the owner to approve,
 * requested now (UTC, to the second). The taskpane and `sealed-run keygen --register` both.
 */
export async function registerActorKeyInWorkbook(
  store: WorkbookStore,
  actor: string,
  spki: Uint8Array,
  now: () => Date = () => new Date(),
): Promise<AppendedKeyRow> {
  if (!actor.trim())
    throw new WorkbookError(
      "Enter your name before registering your key.",
      "signature",
    );
  const row = pendingRow(
    actor,
    await keyIdOf(spki),
    base64Encode(spki),
    requestedAtText(now()),
  );
  return store.addActorKeyRow(row);
}
