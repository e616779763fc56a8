// The add-in's signing key (docs/SIGNING.md): made once, non-extractable, found again, replaced
// only when the store lost it; its signatures verify against the key-list entry it hands out.
import {
  loadOrCreateSigningKey,
  keyListEntry,
} from "../../src/taskpane/signing/keyStore";
import type {
  KeyDb,
  StoredKey,
} from "../../src/taskpane/signing/indexedDbKeyDb";
import {
  parseKeyList,
  signSeal,
  verifySealSignature,
} from "../../src/core/sign";
import { sealOk } from "../core/fixtures";

function memoryDb(): KeyDb & { slot?: StoredKey } {
  const db: KeyDb & { slot?: StoredKey } = {
    get: () => Promise.resolve(db.slot),
    put: (k) => {
      db.slot = k;
      return Promise.resolve();
    },
  };
  return db;
}

it("makes a non-extractable P-256 key on first use and finds the same one after", async () => {
  const db = memoryDb();
  const a = await loadOrCreateSigningKey(db);
  expect(a.privateKey.extractable).toBe(false);
  expect(a.privateKey.algorithm).toMatchObject({
    name: "ECDSA",
    namedCurve: "P-256",
  });
  await expect(
    crypto.subtle.exportKey("pkcs8", a.privateKey),
  ).rejects.toThrow();
  expect(a.keyId).toMatch(/^[0-9a-f]{64}$/);
  const b = await loadOrCreateSigningKey(db);
  expect(b.keyId).toBe(a.keyId);
});

it("a cleared store gives a new key (the old one is gone for good)", async () => {
  const db = memoryDb();
  const a = await loadOrCreateSigningKey(db);
  db.slot = undefined;
  const b = await loadOrCreateSigningKey(db);
  expect(b.keyId).not.toBe(a.keyId);
});

it("signs seals that verify with the key-list entry it hands to the governance owner", async () => {
  const key = await loadOrCreateSigningKey(memoryDb());
  const { document } = await sealOk();
  const envelope = await signSeal(
    document,
    "RUN-001_20260215T183000Z.json",
    key,
  );
  const keys = await parseKeyList(
    `[${keyListEntry(document.authority_envelope.actor, key)}]`,
    "governance",
  );
  const v = await verifySealSignature(envelope, document, {
    keys,
    requireListed: true,
    fileName: "RUN-001_20260215T183000Z.json",
  });
  expect(v).toMatchObject({ status: "trusted", keyId: key.keyId });
  expect(v.message).toBe(
    `signed by ${document.authority_envelope.actor} (${key.keyId}), a key listed for ${document.authority_envelope.actor} in governance`,
  );
});
