// The workbook's actor keys (ActorKeysTable) and signatures kept beside seals, against the
// simulator: the template makes the table, the taskpane's registration appends a pending row, the
// governance owner approves it by its Status cell, and a kept signature is then said to be by a
// key listed for its actor; every bad row or part is a verdict naming its cell, never a crash.
import type { SealedRun } from "../../src/core";
import {
  base64Encode,
  exportSpki,
  keyIdOf,
  generateKeyPair,
  signSeal,
  type Signer,
} from "../../src/core/sign";
import { SIGNATURE_PART_NS } from "../../src/office/signatureStore";
import { SimWorkbook } from "@sealed-run/excel-simulator/testing";
import { WorkbookError } from "../../src/workflows";
import {
  ACTOR,
  CLOCK,
  loadSample,
  makeBook,
  open,
  type Bench,
} from "./helpers";

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(false);
  return {
    privateKey: pair.privateKey,
    spki: await exportSpki(pair.publicKey),
  };
}

async function sealedSample(): Promise<{
  b: Bench;
  doc: SealedRun;
  fileName: string;
}> {
  const b = await loadSample();
  const out = await b.api.sealRun("RUN-001", { actor: ACTOR, now: CLOCK });
  if (out.kind !== "sealed") throw new Error(out.reason);
  return { b, doc: out.document, fileName: out.fileName };
}

test("the sample workbook has an empty ActorKeysTable: no keys, no problem", async () => {
  const b = await loadSample();
  expect(await b.api.readActorKeys()).toEqual({
    exists: true,
    keys: [],
    rows: [],
    problems: [],
  });
});

test("the template adds ACTOR_KEYS with its columns, and leaves someone else's ACTOR_KEYS sheet alone", async () => {
  const b = open(makeBook(2));
  expect((await b.api.readActorKeys()).exists).toBe(false);
  await b.api.createGovernanceTemplate();
  expect(b.book.sheet("ACTOR_KEYS").values("A1:G1")).toEqual([
    [
      "Actor",
      "KeyId",
      "PublicKey",
      "Status",
      "RequestedAt",
      "ApprovedBy",
      "ApprovedAt",
    ],
  ]);
  expect(await b.api.readActorKeys()).toMatchObject({
    exists: true,
    keys: [],
    problems: [],
  });

  const other = new SimWorkbook({
    sheets: ["LLM_OUTPUT", "ACTOR_KEYS"],
    name: "Other.xlsx",
  });
  other.sheet("ACTOR_KEYS").setCells("A1", [["my own notes"]]);
  const o = open(other);
  await o.api.createGovernanceTemplate();
  expect(other.sheet("ACTOR_KEYS").values("A1:B1")).toEqual([
    ["my own notes", ""],
  ]);
  expect((await o.api.readActorKeys()).exists).toBe(false);
});

test("sign, keep, register, approve, revoke: what the workbook says of the signer at each step", async () => {
  const { b, doc, fileName } = await sealedSample();
  const signer = await newSigner();
  const envelope = await signSeal(doc, fileName, signer);
  expect((await b.api.checkKeptSignature(doc)).line).toBe(
    "not signed: this workbook keeps no signature for this seal",
  );

  const kept = await b.api.keepSignature(doc, fileName, envelope);
  expect(kept.kind).toBe("kept");
  expect(await b.api.keepSignature(doc, fileName, envelope)).toEqual({
    ...kept,
    kind: "already-kept",
  });
  expect(
    b.book.customXmlParts.filter(
      (p) => !p.deleted && p.xml.includes(SIGNATURE_PART_NS),
    ),
  ).toHaveLength(1);
  const keyId = kept.keyId;

  let check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("unchecked");
  expect(check.line).toBe(
    `signed with key ${keyId}, which no key list given holds: the signature cannot be checked`,
  );
  expect(check.envelopeName).toBe(`${fileName}.intoto.json`);

  expect(await b.api.registerActorKey(ACTOR.name, signer.spki)).toEqual({
    kind: "added",
    cell: "ACTOR_KEYS!A2",
  });
  const keys = b.book.sheet("ACTOR_KEYS");
  expect(keys.values("A2:E2")[0].slice(0, 4)).toEqual([
    ACTOR.name,
    keyId,
    base64Encode(signer.spki),
    "pending",
  ]);
  expect(keys.cell("E2")).toMatchObject({
    valueType: "String",
    numberFormat: "@",
  }); // a timestamp stays text
  expect(await b.api.registerActorKey(ACTOR.name, signer.spki)).toEqual({
    kind: "exists",
    cell: "ACTOR_KEYS!A2",
    status: "pending",
    actor: ACTOR.name,
  });
  // A key belongs to one person: listed for J. Rivera, it is not listed again for someone else.
  expect(await b.api.registerActorKey("M. Chen", signer.spki)).toEqual({
    kind: "exists",
    cell: "ACTOR_KEYS!A2",
    status: "pending",
    actor: ACTOR.name,
  });
  expect(keys.values("A3:A3")).toEqual([[""]]);

  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("unlisted");
  expect(check.line).toBe(
    `signed by ${ACTOR.name} (${keyId}), but that key is not listed for ${ACTOR.name}`,
  );
  expect(check.notes).toEqual([
    expect.stringMatching(
      /ActorKeysTable has this key for J\. Rivera as pending \(ACTOR_KEYS!A2\): the governance owner approves it/,
    ),
  ]);

  keys.setCells("D2:G2", [["approved", "", "M. Okafor", "2026-02-17"]]);
  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("trusted");
  expect(check.line).toBe(
    `signed by ${ACTOR.name} (${keyId}), a key listed for ${ACTOR.name} in the workbook's ActorKeysTable`,
  );
  expect(check.notes).toEqual([]);

  keys.setCells("D2", [["revoked"]]);
  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("unlisted");
  expect(check.notes).toEqual([
    expect.stringMatching(/as revoked \(ACTOR_KEYS!A2\): it no longer counts/),
  ]);

  // The same key approved for someone else: a listed key of another actor is never accepted.
  keys.setCells("A2:D2", [
    ["M. Okafor", keyId, base64Encode(signer.spki), "approved"],
  ]);
  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("untrusted");
  expect(check.line).toBe(
    `signed with key ${keyId}, which is listed for M. Okafor, not for ${ACTOR.name}`,
  );
});

test("malformed rows are named by their cell and list nothing; the good rows still count", async () => {
  const { b, doc, fileName } = await sealedSample();
  const signer = await newSigner();
  await b.api.keepSignature(
    doc,
    fileName,
    await signSeal(doc, fileName, signer),
  );
  await b.api.registerActorKey(ACTOR.name, signer.spki);
  const keys = b.book.sheet("ACTOR_KEYS");
  keys.setCells("D2", [["approved"]]);
  const other = await newSigner();
  const otherId = await keyIdOf(other.spki);
  // Four more rows through the registration, then spoiled by hand as an editor might.
  for (let i = 0; i < 4; i++)
    await b.api.registerActorKey(`Filler ${i}`, (await newSigner()).spki);
  keys.setCells("A3:D6", [
    ["A. Bad", otherId, "not base64!", "approved"],
    ["B. Bad", "0".repeat(64), base64Encode(other.spki), "approved"],
    ["C. Bad", otherId, base64Encode(other.spki), "maybe"],
    ["", otherId, base64Encode(other.spki), "approved"],
  ]);
  const read = await b.api.readActorKeys();
  expect(read.problems).toEqual([
    expect.stringMatching(
      /^ACTOR_KEYS!C3: the public key is not standard base64/,
    ),
    expect.stringMatching(
      /^ACTOR_KEYS!B4: the key id "0{64}" is not the public key's/,
    ),
    expect.stringMatching(
      /^ACTOR_KEYS!D5: the status "maybe" is none of pending, approved, revoked/,
    ),
    expect.stringMatching(/^ACTOR_KEYS!A6: the actor is empty/),
  ]);
  expect(read.keys.map((k) => k.actor)).toEqual([ACTOR.name]);
  const check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("trusted");
  expect(check.notes).toHaveLength(4);
});

test("a table without the columns it needs lists nothing and says which are missing", async () => {
  const { b, doc, fileName } = await sealedSample();
  const signer = await newSigner();
  await b.api.keepSignature(
    doc,
    fileName,
    await signSeal(doc, fileName, signer),
  );
  b.book.sheet("ACTOR_KEYS").setCells("B1", [["Key"]]);
  const read = await b.api.readActorKeys();
  expect(read.problems).toEqual([
    "ActorKeysTable on ACTOR_KEYS has no column KeyId (it needs Actor, KeyId, PublicKey, Status): no key in it is listed",
  ]);
  expect((await b.api.checkKeptSignature(doc)).notes).toEqual(read.problems);
});

test("an envelope of another seal, or not an envelope, is not kept", async () => {
  const { b, doc, fileName } = await sealedSample();
  const signer = await newSigner();
  const out = await b.api.sealRun("RUN-002", { actor: ACTOR, now: CLOCK });
  if (out.kind !== "sealed") throw new Error(out.reason);
  const otherEnvelope = await signSeal(out.document, out.fileName, signer);
  await expect(
    b.api.keepSignature(doc, fileName, otherEnvelope),
  ).rejects.toThrow(WorkbookError);
  await expect(
    b.api.keepSignature(doc, fileName, otherEnvelope),
  ).rejects.toThrow(
    /not kept in the workbook: the envelope signs another seal/,
  );
  await expect(b.api.keepSignature(doc, fileName, "{")).rejects.toThrow(
    /not kept in the workbook: malformed envelope: not JSON/,
  );
  expect((await b.api.checkKeptSignature(doc)).verdict).toBeNull();
});

test("a kept part that was edited into something else is a malformed verdict, and a swapped one says whose seal it signs", async () => {
  const { b, doc } = await sealedSample();
  const add = (xml: string) =>
    open(b.book).host.run(async (ctx) => {
      ctx.workbook.customXmlParts.add(xml);
      await ctx.sync();
    });
  await add(
    `<sealedRunSignature xmlns="${SIGNATURE_PART_NS}" fileName="x.json" sealHash="${doc.hash}" keyId="ab">%%%</sealedRunSignature>`,
  );
  let check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("malformed");
  expect(check.line).toMatch(
    /^malformed envelope: the kept part .* is not base64 of UTF-8 text$/,
  );

  await add(
    `<sealedRunSignature xmlns="${SIGNATURE_PART_NS}" fileName="x.json" sealHash="${doc.hash}" keyId="cd">${base64Encode(new TextEncoder().encode('{"payloadType":"text/plain"}'))}</sealedRunSignature>`,
  );
  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("malformed");

  // Another seal's envelope under this seal's hash: the best verdict is still "signs another seal".
  const out = await b.api.sealRun("RUN-002", { actor: ACTOR, now: CLOCK });
  if (out.kind !== "sealed") throw new Error(out.reason);
  const swapped = await signSeal(out.document, out.fileName, await newSigner());
  await add(
    `<sealedRunSignature xmlns="${SIGNATURE_PART_NS}" fileName="x.json" sealHash="${doc.hash}" keyId="ef">${base64Encode(new TextEncoder().encode(swapped))}</sealedRunSignature>`,
  );
  check = await b.api.checkKeptSignature(doc);
  expect(check.verdict?.status).toBe("invalid");
  expect(check.line).toMatch(
    /^the envelope signs another seal: its subject digest is sha256:[0-9a-f]{64}, this seal's hash is sha256:/,
  );
});

test("registering needs a name, and an ActorKeysTable; a protected ACTOR_KEYS sheet is said, not forced", async () => {
  const signer = await newSigner();
  const b = open(makeBook(1));
  expect(await b.api.registerActorKey(ACTOR.name, signer.spki)).toEqual({
    kind: "no-table",
  });
  await expect(b.api.registerActorKey("  ", signer.spki)).rejects.toThrow(
    /Enter your name/,
  );
  await b.api.createGovernanceTemplate();
  b.book.sheet("ACTOR_KEYS").protect();
  await expect(b.api.registerActorKey(ACTOR.name, signer.spki)).rejects.toThrow(
    /Adding your key to ActorKeysTable: the sheet is protected/,
  );
  b.book.sheet("ACTOR_KEYS").unprotect();
  expect(await b.api.registerActorKey(ACTOR.name, signer.spki)).toEqual({
    kind: "added",
    cell: "ACTOR_KEYS!A2",
  });
  const second = await newSigner();
  expect(await b.api.registerActorKey(ACTOR.name, second.spki)).toEqual({
    kind: "added",
    cell: "ACTOR_KEYS!A3",
  });
  const read = await b.api.readActorKeys();
  expect(read.rows.map((r) => [r.cell, r.status])).toEqual([
    ["ACTOR_KEYS!A2", "pending"],
    ["ACTOR_KEYS!A3", "pending"],
  ]);
  // A renamed column: a row would land in the wrong cells, so nothing is appended.
  b.book.sheet("ACTOR_KEYS").setCells("B1", [["Key"]]);
  expect(
    await b.api.registerActorKey(ACTOR.name, (await newSigner()).spki),
  ).toEqual({
    kind: "bad-table",
    problem:
      "ActorKeysTable on ACTOR_KEYS has no column KeyId (it needs Actor, KeyId, PublicKey, Status): no key in it is listed",
  });
  expect(b.book.sheet("ACTOR_KEYS").values("A4:A4")).toEqual([[""]]);
});
