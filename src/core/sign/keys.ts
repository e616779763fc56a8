// ECDSA P-256 keys through Web Crypto. A public key is named by its key id: the lowercase hex
// SHA-256 of its DER SubjectPublicKeyInfo, the bytes of a PEM "PUBLIC KEY" block.
import { sha256Hex } from "../hash";
import { pemDecode, pemEncode } from "./bytes";

export const EC_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
export const SIGN_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error("Web Crypto (crypto.subtle) is not available");
  return s;
}

export async function keyIdOf(spki: Uint8Array): Promise<string> {
  return sha256Hex(spki);
}

export class KeyFormatError extends Error {}

/** A P-256 public key from its SPKI DER; KeyFormatError when it is not one. */
export async function importPublicKey(spki: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle().importKey(
      "spki",
      spki as BufferSource,
      EC_ALGORITHM,
      true,
      ["verify"],
    );
  } catch (e) {
    throw new KeyFormatError(
      `not an ECDSA P-256 public key (${(e as Error).message})`,
    );
  }
}

/** A P-256 private key from PKCS#8 DER. Not extractable: once imported it only signs. */
export async function importPrivateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle().importKey(
      "pkcs8",
      pkcs8 as BufferSource,
      EC_ALGORITHM,
      false,
      ["sign"],
    );
  } catch (e) {
    throw new KeyFormatError(
      `not an ECDSA P-256 private key in PKCS#8 (${(e as Error).message})`,
    );
  }
}

/** A new key pair; `extractable` only for the CLI's keygen, which writes the private key to a file. */
export async function generateKeyPair(
  extractable: boolean,
): Promise<CryptoKeyPair> {
  return subtle().generateKey(EC_ALGORITHM, extractable, ["sign", "verify"]);
}

export async function exportSpki(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey("spki", key));
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey("pkcs8", key));
}

export const spkiToPem = (spki: Uint8Array) => pemEncode("PUBLIC KEY", spki);
export const pkcs8ToPem = (der: Uint8Array) => pemEncode("PRIVATE KEY", der);
export const spkiFromPem = (pem: string) => pemDecode("PUBLIC KEY", pem);
export const pkcs8FromPem = (pem: string) => pemDecode("PRIVATE KEY", pem);

/** A public key an auditor or the governance lists for one actor. */
export interface ListedKey {
  actor: string;
  spki: Uint8Array;
  keyId: string;
  /** Where it is listed, for messages: `trusted keys keys.json`, `governance`. */
  source: string;
}

/**
 * A key list: JSON `[{"actor": "J. Rivera", "public_key": "-----BEGIN PUBLIC KEY-----…"}]`.
 * Throws KeyFormatError naming the entry that is wrong.
 */
export async function parseKeyList(
  text: string,
  source: string,
): Promise<ListedKey[]> {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (e) {
    throw new KeyFormatError(`${source} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(list))
    throw new KeyFormatError(
      `${source} must be a JSON array of {"actor", "public_key"}`,
    );
  const out: ListedKey[] = [];
  for (const [i, item] of list.entries()) {
    const where = `${source} entry ${i + 1}`;
    const actor = (item as { actor?: unknown })?.actor;
    const pem = (item as { public_key?: unknown })?.public_key;
    if (typeof actor !== "string" || actor.trim() === "")
      throw new KeyFormatError(`${where}: "actor" must be a non-empty string`);
    if (typeof pem !== "string")
      throw new KeyFormatError(`${where}: "public_key" must be a PEM string`);
    const spki = spkiFromPem(pem);
    if (!spki)
      throw new KeyFormatError(
        `${where}: "public_key" holds no PEM PUBLIC KEY block`,
      );
    try {
      await importPublicKey(spki);
    } catch (e) {
      throw new KeyFormatError(`${where}: ${(e as Error).message}`);
    }
    out.push({ actor: actor.trim(), spki, keyId: await keyIdOf(spki), source });
  }
  return out;
}
