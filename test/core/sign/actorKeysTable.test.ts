// ActorKeysTable's rows judged without a workbook: which rows list a key, and each bad cell named.
import {
  ACTOR_KEY_COLUMNS,
  base64Encode,
  exportSpki,
  generateKeyPair,
  keyIdOf,
  readActorKeyRows,
} from "../../../src/core/sign";

const cellName = (r: number, c: number) => `ACTOR_KEYS!${"ABCDEFG"[c]}${r + 2}`;
async function key() {
  const spki = await exportSpki((await generateKeyPair(false)).publicKey);
  return { spki, b64: base64Encode(spki), id: await keyIdOf(spki) };
}

test("approved rows list keys; pending and revoked rows are read but list nothing; blank rows are skipped", async () => {
  const [a, b, c] = [await key(), await key(), await key()];
  const read = await readActorKeyRows(
    [...ACTOR_KEY_COLUMNS],
    [
      ["J. Rivera", a.id, a.b64, "Approved", "", "M. Okafor", "2026-02-15"],
      ["", "", "", "", "", "", ""],
      [
        "J. Rivera",
        b.id.toUpperCase(),
        b.b64,
        "pending",
        "2026-02-16T00:00:00Z",
        "",
        "",
      ],
      ["M. Okafor", c.id, c.b64, "revoked", "", "", ""],
    ],
    cellName,
  );
  expect(read.problems).toEqual([]);
  expect(read.keys.map((k) => [k.actor, k.keyId, k.source])).toEqual([
    ["J. Rivera", a.id, "the workbook's ActorKeysTable"],
  ]);
  expect(read.rows.map((r) => [r.cell, r.status])).toEqual([
    ["ACTOR_KEYS!A2", "approved"],
    ["ACTOR_KEYS!A4", "pending"],
    ["ACTOR_KEYS!A5", "revoked"],
  ]);
});

test("columns are found by header in any order and case; a key approved for two people is named", async () => {
  const a = await key();
  const read = await readActorKeyRows(
    ["status", "PUBLICKEY", "actor", "keyid"],
    [
      ["approved", a.b64, "J. Rivera", a.id],
      ["approved", a.b64, "M. Okafor", a.id],
    ],
    cellName,
  );
  expect(read.keys).toHaveLength(2);
  expect(read.problems).toEqual([
    `ActorKeysTable on ACTOR_KEYS: key ${a.id} is approved for J. Rivera and M. Okafor; a key belongs to one person`,
  ]);
});

test("a public key that is base64 but not a P-256 key is named by its cell", async () => {
  const read = await readActorKeyRows(
    [...ACTOR_KEY_COLUMNS],
    [
      [
        "J. Rivera",
        "0".repeat(64),
        base64Encode(new Uint8Array([1, 2, 3])),
        "approved",
      ],
    ],
    cellName,
  );
  expect(read.keys).toEqual([]);
  expect(read.problems).toEqual([
    expect.stringMatching(
      /^ACTOR_KEYS!C2: not an ECDSA P-256 public key .*; that row lists no key$/,
    ),
  ]);
});
