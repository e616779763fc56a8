// DSSE (Dead Simple Signing Envelope) around a seal's in-toto Statement, signed with ECDSA
// P-256/SHA-256 through Web Crypto, and the verdict on an envelope for a given seal. The payload
// is the Statement's RFC 8785 bytes; the signature covers DSSE's pre-authentication encoding
// PAE = "DSSEv1" SP len(type) SP type SP len(payload) SP payload, so an auditor can check it with
// openssl alone (docs/SIGNING.md).
import { canonicalize } from "../json/canonical";
import type { SealedRun } from "../types";
import { base64Decode, base64Encode, utf8 } from "./bytes";
import { derToP1363, p1363ToDer } from "./der";
import {
  importPublicKey,
  keyIdOf,
  SIGN_ALGORITHM,
  type ListedKey,
} from "./keys";
import {
  PAYLOAD_TYPE,
  PREDICATE_TYPE,
  sealStatement,
  STATEMENT_TYPE,
  type SealStatement,
} from "./statement";

export interface DsseEnvelope {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/** The bytes DSSE signs. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8.encode(payloadType);
  const head = utf8.encode(
    `DSSEv1 ${type.length} ${payloadType} ${payload.length} `,
  );
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

export interface Signer {
  privateKey: CryptoKey;
  /** The matching public key (SPKI DER), for its key id. */
  spki: Uint8Array;
}

/** The envelope file's text: `<sealed file name>.intoto.json` beside the seal. */
export async function signSeal(
  doc: SealedRun,
  fileName: string,
  signer: Signer,
): Promise<string> {
  const payload = utf8.encode(canonicalize(sealStatement(doc, fileName)));
  const p1363 = new Uint8Array(
    await crypto.subtle.sign(
      SIGN_ALGORITHM,
      signer.privateKey,
      pae(PAYLOAD_TYPE, payload) as BufferSource,
    ),
  );
  const envelope: DsseEnvelope = {
    payloadType: PAYLOAD_TYPE,
    payload: base64Encode(payload),
    signatures: [
      {
        keyid: await keyIdOf(signer.spki),
        sig: base64Encode(p1363ToDer(p1363)),
      },
    ],
  };
  return JSON.stringify(envelope, null, 2) + "\n";
}

export const envelopeFileName = (sealFileName: string) =>
  `${sealFileName}.intoto.json`;

/** Whether a private key and a public key are a pair: sign a probe with one, verify with the other. */
export async function keysMatch(
  privateKey: CryptoKey,
  spki: Uint8Array,
): Promise<boolean> {
  const probe = utf8.encode("sealed-run key check");
  const sig = await crypto.subtle.sign(SIGN_ALGORITHM, privateKey, probe);
  return crypto.subtle.verify(
    SIGN_ALGORITHM,
    await importPublicKey(spki),
    sig,
    probe,
  );
}

export type SignatureVerdict =
  | {
      status: "trusted";
      actor: string;
      keyId: string;
      /** Where the key is listed for this actor. */
      listedIn: string[];
      message: string;
    }
  | {
      /** No list given holds the key: the signature cannot be checked (not an error without a list). */
      status: "unchecked";
      actor: string;
      keyId: string;
      message: string;
    }
  | {
      /** The signature holds, but no list names this key for this actor. */
      status: "unlisted";
      actor: string;
      keyId: string;
      message: string;
    }
  | {
      /** A valid signature that must not be accepted: a key listed for someone else, a list required. */
      status: "untrusted" | "invalid" | "malformed";
      actor?: string;
      keyId?: string;
      message: string;
    };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The envelope's parts, or why it is malformed. */
function readEnvelope(text: string):
  | {
      ok: true;
      payload: Uint8Array;
      statement: SealStatement;
      keyid: string;
      sig: Uint8Array;
    }
  | { ok: false; why: string } {
  let env: unknown;
  try {
    env = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON (${(e as Error).message})` };
  }
  if (!isObject(env)) return { ok: false, why: "not a JSON object" };
  if (env.payloadType !== PAYLOAD_TYPE)
    return {
      ok: false,
      why: `payloadType is ${JSON.stringify(env.payloadType)}, not ${JSON.stringify(PAYLOAD_TYPE)}`,
    };
  if (typeof env.payload !== "string")
    return { ok: false, why: "payload is not a string" };
  const payload = base64Decode(env.payload);
  if (!payload) return { ok: false, why: "payload is not standard base64" };
  const sigs = env.signatures;
  if (!Array.isArray(sigs) || sigs.length !== 1)
    return { ok: false, why: "it must hold exactly one signature" };
  const s0: unknown = sigs[0];
  if (
    !isObject(s0) ||
    typeof s0.keyid !== "string" ||
    typeof s0.sig !== "string"
  )
    return {
      ok: false,
      why: 'its signature must have string "keyid" and "sig"',
    };
  const sig = base64Decode(s0.sig);
  if (!sig) return { ok: false, why: "sig is not standard base64" };
  let statement: unknown;
  try {
    statement = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(payload),
    );
  } catch {
    return { ok: false, why: "the payload is not UTF-8 JSON" };
  }
  if (!isObject(statement) || statement._type !== STATEMENT_TYPE)
    return {
      ok: false,
      why: `the payload is not an in-toto Statement v1 (_type ${STATEMENT_TYPE})`,
    };
  if (statement.predicateType !== PREDICATE_TYPE)
    return {
      ok: false,
      why: `predicateType is ${JSON.stringify(statement.predicateType)}, not ${PREDICATE_TYPE}`,
    };
  const subj = statement.subject;
  const pred = statement.predicate;
  if (
    !Array.isArray(subj) ||
    subj.length !== 1 ||
    !isObject(subj[0]) ||
    typeof subj[0].name !== "string" ||
    !isObject(subj[0].digest) ||
    typeof subj[0].digest.sha256 !== "string" ||
    !isObject(pred) ||
    typeof pred.actor !== "string" ||
    typeof pred.seal_hash !== "string"
  )
    return {
      ok: false,
      why: "the Statement must have one subject with a name and a sha256 digest, and a predicate naming actor and seal_hash",
    };
  return {
    ok: true,
    payload,
    statement: statement as unknown as SealStatement,
    keyid: s0.keyid,
    sig,
  };
}

/**
 * The verdict on `envelopeText` as the signature of the sealed document `doc` (already verified:
 * its hash holds). `keys` are the listed keys (trusted keys file, governance); with `requireListed`
 * a signature whose key is not listed for the seal's actor is untrusted rather than unlisted.
 * The envelope carries no key: the signer's public key is looked up by key id in `keys` or given
 * as `signerSpki` (a PEM the auditor received with the seal).
 */
export async function verifySealSignature(
  envelopeText: string,
  doc: SealedRun,
  opts: {
    keys: readonly ListedKey[];
    requireListed: boolean;
    signerSpki?: Uint8Array;
    fileName?: string;
  },
): Promise<SignatureVerdict> {
  const env = readEnvelope(envelopeText);
  if (!env.ok)
    return { status: "malformed", message: `malformed envelope: ${env.why}` };
  const { statement, keyid } = env;
  const subject = statement.subject[0];
  const sealHex = doc.hash.replace(/^sha256:/, "");
  if (
    subject.digest.sha256 !== sealHex ||
    statement.predicate.seal_hash !== doc.hash
  )
    return {
      status: "invalid",
      message: `the envelope signs another seal: its subject digest is sha256:${subject.digest.sha256}, this seal's hash is ${doc.hash}`,
    };
  if (opts.fileName !== undefined && subject.name !== opts.fileName)
    return {
      status: "invalid",
      message: `the envelope names the file ${JSON.stringify(subject.name)}, not ${JSON.stringify(opts.fileName)}`,
    };
  const actor = doc.authority_envelope.actor;
  const expected = sealStatement(doc, subject.name);
  if (canonicalize(statement.predicate) !== canonicalize(expected.predicate))
    return {
      status: "invalid",
      actor,
      message: `the envelope's predicate does not match the seal (it names actor ${JSON.stringify(statement.predicate.actor)}, run ${JSON.stringify(statement.predicate.run_id)})`,
    };
  const candidates: Uint8Array[] = [];
  if (opts.signerSpki) candidates.push(opts.signerSpki);
  for (const k of opts.keys) if (k.keyId === keyid) candidates.push(k.spki);
  let spki: Uint8Array | undefined;
  for (const c of candidates) if ((await keyIdOf(c)) === keyid) spki = c;
  if (!spki) {
    const message = `signed with key ${keyid}, which no key list given holds: the signature cannot be checked`;
    return opts.requireListed
      ? { status: "untrusted", actor, keyId: keyid, message }
      : { status: "unchecked", actor, keyId: keyid, message };
  }
  const p1363 = derToP1363(env.sig);
  if (!p1363)
    return {
      status: "malformed",
      keyId: keyid,
      message: "malformed envelope: sig is not a DER ECDSA signature",
    };
  const ok = await crypto.subtle.verify(
    SIGN_ALGORITHM,
    await importPublicKey(spki),
    p1363 as BufferSource,
    pae(PAYLOAD_TYPE, env.payload) as BufferSource,
  );
  if (!ok)
    return {
      status: "invalid",
      actor,
      keyId: keyid,
      message: `the signature does not verify with key ${keyid}: the envelope was altered or signed with another key`,
    };
  const forActor = opts.keys.filter(
    (k) => k.keyId === keyid && k.actor === actor.trim(),
  );
  if (forActor.length)
    return {
      status: "trusted",
      actor,
      keyId: keyid,
      listedIn: [...new Set(forActor.map((k) => k.source))],
      message: `signed by ${actor} (${keyid}), a key listed for ${actor} in ${[...new Set(forActor.map((k) => k.source))].join(" and ")}`,
    };
  const others = [
    ...new Set(opts.keys.filter((k) => k.keyId === keyid).map((k) => k.actor)),
  ];
  if (others.length)
    return {
      status: "untrusted",
      actor,
      keyId: keyid,
      message: `signed with key ${keyid}, which is listed for ${others.join(", ")}, not for ${actor}`,
    };
  const message = `signed by ${actor} (${keyid}), but that key is not listed for ${actor}${opts.requireListed ? " among the trusted keys" : ""}`;
  return opts.requireListed
    ? { status: "untrusted", actor, keyId: keyid, message }
    : { status: "unlisted", actor, keyId: keyid, message };
}
