// The add-in's signing key: made on first use by Web Crypto as a non-extractable ECDSA P-256 key,
// kept in IndexedDB (indexedDbKeyDb), and found again on every later use.
import {
  exportSpki,
  generateKeyPair,
  keyIdOf,
  spkiToPem,
} from "../../core/sign";
import type { KeyDb, StoredKey } from "./indexedDbKeyDb";

export async function loadOrCreateSigningKey(
  db: KeyDb,
  now: () => Date = () => new Date(),
): Promise<StoredKey> {
  const kept = await db.get();
  if (kept && kept.privateKey && kept.spki && kept.keyId) return kept;
  const pair = await generateKeyPair(false); // the private key can sign, never be read out
  const spki = await exportSpki(pair.publicKey);
  const key: StoredKey = {
    privateKey: pair.privateKey,
    spki,
    keyId: await keyIdOf(spki),
    created: now().toISOString(),
  };
  await db.put(key);
  return key;
}

/** "I am <actor> and this is my key": the entry a governance owner adds to a key list. */
export function keyListEntry(actor: string, key: StoredKey): string {
  return JSON.stringify(
    { actor: actor.trim(), public_key: spkiToPem(key.spki) },
    null,
    2,
  );
}
