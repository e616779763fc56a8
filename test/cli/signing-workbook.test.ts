// Signatures and the workbook (docs/SIGNING.md): `export --sign-key` from a workbook keeps the
// envelope beside the kept seal, and `replay`/`verify --governance BOOK.xlsx` say who signed and
// whether the workbook's ActorKeysTable lists that key for that actor, while `--trusted-keys` stays
// the only check a workbook editor cannot defeat. The approved row is written into the workbook's
// sheet XML the way another program saves a cell (inline strings), not through our own writer.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import {
  EPOCH,
  makeWorkspace,
  parseJsonOutput,
  removeWorkspaces,
  run,
} from "./helpers";

const RIVERA = ["--actor", "J. Rivera", "--role", "triage-lead"];
const SAMPLE = path.resolve(__dirname, "../../assets/SealedRun-Sample.xlsx");
const SIG_NS = "urn:sealed-run:signature:v1";

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const spkiBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");

/** ActorKeysTable's body rows set to `rows` (A2 on), its ref grown to fit. */
async function withKeyRows(bytes: Buffer, rows: string[][]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  let table = "";
  let tableFile = "";
  for (const n of Object.keys(zip.files).filter((n) =>
    /^xl\/tables\/table\d+\.xml$/.test(n),
  )) {
    const x = await zip.file(n)!.async("string");
    if (x.includes('name="ActorKeysTable"')) [table, tableFile] = [x, n];
  }
  const last = rows.length + 1;
  zip.file(tableFile, table.replace(/ref="A1:G\d+"/g, `ref="A1:G${last}"`));
  // The sheet that holds the table: the one named ACTOR_KEYS in the sample (sheet4).
  const sheetFile = "xl/worksheets/sheet4.xml";
  const sheet = await zip.file(sheetFile)!.async("string");
  const cells = rows
    .map(
      (r, i) =>
        `<row r="${i + 2}">${r.map((v, j) => `<c r="${"ABCDEFG"[j]}${i + 2}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`).join("")}</row>`,
    )
    .join("");
  zip.file(
    sheetFile,
    sheet
      .replace(/<row r="2"[^>]*\/>/, cells)
      .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:G${last}"/>`),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function keptEnvelopes(book: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(book));
  const out: string[] = [];
  for (const n of Object.keys(zip.files).filter((n) =>
    /^customXml\/item\d+\.xml$/.test(n),
  )) {
    const x = await zip.file(n)!.async("string");
    const m = new RegExp(
      `<sealedRunSignature xmlns="${SIG_NS}"[^>]*>([^<]*)<`,
    ).exec(x);
    if (m) out.push(Buffer.from(m[1], "base64").toString("utf8"));
  }
  return out;
}

let ws: string;
let keyId: string;
beforeAll(async () => {
  ws = makeWorkspace();
  for (const [who, file] of [
    ["J. Rivera", "keys/rivera.pem"],
    ["M. Okafor", "keys/okafor.pem"],
  ]) {
    const r = await run(ws, ["keygen", "--out", file, "--actor", who]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const pub = (f: string) => fs.readFileSync(path.join(ws, f), "utf8");
  keyId = createHash("sha256")
    .update(Buffer.from(spkiBase64(pub("keys/rivera.pub.pem")), "base64"))
    .digest("hex");
  // The governance owner approved Rivera's registration; a second row was spoiled by hand.
  const book = await withKeyRows(fs.readFileSync(SAMPLE), [
    [
      "J. Rivera",
      keyId,
      spkiBase64(pub("keys/rivera.pub.pem")),
      "approved",
      "2026-02-15T09:00:00Z",
      "M. Okafor",
      "2026-02-15",
    ],
    ["A. Nobody", "0".repeat(64), "bm90IGEga2V5", "approved", "", "", ""],
  ]);
  fs.writeFileSync(path.join(ws, "Triage.xlsx"), book);
  fs.writeFileSync(
    path.join(ws, "okafor-only.json"),
    JSON.stringify([
      { actor: "M. Okafor", public_key: pub("keys/okafor.pub.pem") },
    ]),
  );
  fs.writeFileSync(
    path.join(ws, "trusted.json"),
    JSON.stringify([
      { actor: "J. Rivera", public_key: pub("keys/rivera.pub.pem") },
    ]),
  );
  const r = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-002",
      "--source",
      "Triage.xlsx",
      ...RIVERA,
      "--out",
      "out/RUN-002.json",
      "--sign-key",
      "keys/rivera.pem",
    ],
    { epoch: EPOCH },
  );
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(removeWorkspaces);

test("export --sign-key from a workbook keeps the very envelope it writes beside the file", async () => {
  const beside = fs.readFileSync(
    path.join(ws, "out/RUN-002.json.intoto.json"),
    "utf8",
  );
  expect(await keptEnvelopes(path.join(ws, "Triage.xlsx"))).toEqual([beside]);
  expect(JSON.parse(beside)).toMatchObject({ signatures: [{ keyid: keyId }] });
});

test("replay --governance BOOK.xlsx: signed by the actor, a key the workbook lists for them, and what that is worth", async () => {
  const r = await run(ws, [
    "replay",
    "--sealed",
    "out/RUN-002.json",
    "--governance",
    "Triage.xlsx",
  ]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    `PASS  signature: signed by J. Rivera (${keyId}), a key listed for J. Rivera in governance Triage.xlsx (ActorKeysTable)\n`,
  );
  expect(r.stdout).toContain(
    "NOTE  a governance listing is written by whoever edits the governance (the workbook): only --trusted-keys, keys you hold outside it, cannot be defeated by an editor\n",
  );
  expect(r.stdout).toMatch(
    /NOTE {2}governance: Triage\.xlsx: ACTOR_KEYS!C3: the public key is not standard base64|NOTE {2}governance: Triage\.xlsx: ACTOR_KEYS!C3: not an ECDSA P-256 public key/,
  );
  expect(r.stdout.trimEnd().split("\n").pop()).toBe(
    "admissible: out/RUN-002.json",
  );
});

test("without the envelope beside the file, the one kept in the workbook is found", async () => {
  const copy = path.join(ws, "alone");
  fs.mkdirSync(copy, { recursive: true });
  fs.copyFileSync(
    path.join(ws, "out/RUN-002.json"),
    path.join(copy, "RUN-002.json"),
  );
  const r = await run(ws, [
    "replay",
    "--sealed",
    "alone/RUN-002.json",
    "--governance",
    "Triage.xlsx",
    "--json",
  ]);
  const j = parseJsonOutput(r);
  expect(r.code).toBe(0);
  expect(j.signature).toMatchObject({
    envelope: "RUN-002.json.intoto.json kept in Triage.xlsx",
    status: "trusted",
    key_id: keyId,
  });
  // The Statement names the file: a renamed copy is not the file that was signed.
  fs.copyFileSync(
    path.join(ws, "out/RUN-002.json"),
    path.join(copy, "RUN-002-copy.json"),
  );
  const renamed = await run(ws, [
    "replay",
    "--sealed",
    "alone/RUN-002-copy.json",
    "--governance",
    "Triage.xlsx",
  ]);
  expect(renamed.code).toBe(1);
  expect(renamed.stdout).toContain(
    'FAIL  signature: the envelope names the file "RUN-002.json", not "RUN-002-copy.json"',
  );
});

test("verify --trusted-keys: a governance listing alone does not pass; the auditor's own list does", async () => {
  let r = await run(ws, [
    "verify",
    "out/RUN-002.json",
    "--trusted-keys",
    "okafor-only.json",
    "--governance",
    "Triage.xlsx",
  ]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`FAIL  out/RUN-002.json: hash valid (`);
  expect(r.stdout).toContain(
    `signed by J. Rivera (${keyId}), a key listed for J. Rivera in governance Triage.xlsx (ActorKeysTable), but not in trusted keys okafor-only.json`,
  );
  r = await run(ws, [
    "verify",
    "out/RUN-002.json",
    "--trusted-keys",
    "trusted.json",
    "--governance",
    "Triage.xlsx",
  ]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    "a key listed for J. Rivera in trusted keys trusted.json and governance Triage.xlsx (ActorKeysTable)",
  );
  expect(r.stderr).toMatch(/warning: governance: Triage\.xlsx: ACTOR_KEYS!C3/);
});

test("a governance workbook without ActorKeysTable lists no keys and says so; --governance alone on verify is bad usage", async () => {
  const fixtures = path.resolve(__dirname, "../fixtures/workbooks");
  const old = fs.readdirSync(fixtures).find((n) => n.endsWith(".xlsx"))!;
  fs.copyFileSync(path.join(fixtures, old), path.join(ws, "Old.xlsx"));
  let r = await run(ws, [
    "replay",
    "--sealed",
    "out/RUN-002.json",
    "--governance",
    "Old.xlsx",
  ]);
  expect(r.stdout).toContain(
    `NOTE  signature: signed with key ${keyId}, which no key list given holds: the signature cannot be checked`,
  );
  expect(r.stdout).toContain(
    "NOTE  governance: Old.xlsx has no ActorKeysTable: it lists no keys",
  );
  r = await run(ws, [
    "verify",
    "out/RUN-002.json",
    "--governance",
    "Triage.xlsx",
  ]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--governance goes with --trusted-keys");
  r = await run(ws, [
    "replay",
    "--sealed",
    "out/RUN-002.json",
    "--governance",
    "missing.xlsx",
  ]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/missing\.xlsx/);
});

test("keygen prints the ActorKeysTable row to paste (tab-separated: Actor, KeyId, PublicKey, Status)", async () => {
  const r = await run(ws, [
    "keygen",
    "--out",
    "keys/new.pem",
    "--actor",
    "A. New",
  ]);
  expect(r.code).toBe(0);
  const line = r.stdout.trimEnd().split("\n").pop()!;
  const pem = fs.readFileSync(path.join(ws, "keys/new.pub.pem"), "utf8");
  const id = createHash("sha256")
    .update(Buffer.from(spkiBase64(pem), "base64"))
    .digest("hex");
  expect(line.split("\t")).toEqual(["A. New", id, spkiBase64(pem), "pending"]);
  const j = parseJsonOutput(
    await run(ws, [
      "keygen",
      "--out",
      "keys/new2.pem",
      "--actor",
      "A. New",
      "--json",
    ]),
  );
  expect(j).toMatchObject({
    actor_keys_row: { Actor: "A. New", KeyId: j.key_id, Status: "pending" },
  });
});

test("export --sign-key from a workbook warns when its ActorKeysTable does not approve that key for the actor", async () => {
  const fresh = path.join(ws, "Fresh.xlsx");
  fs.copyFileSync(SAMPLE, fresh);
  let r = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-003",
      "--source",
      "Fresh.xlsx",
      ...RIVERA,
      "--out",
      "fresh/RUN-003.json",
      "--sign-key",
      "keys/rivera.pem",
    ],
    { epoch: EPOCH },
  );
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    `warning: the signing key ${keyId} is not in Fresh.xlsx's ActorKeysTable: register it (sealed-run keygen --register Fresh.xlsx --public-key KEY.pub.pem --actor NAME) for the governance owner to approve`,
  );
  // Rivera's key is approved for Rivera in Triage.xlsx: sealing as someone else with it is said.
  // On a copy, so that the envelopes the other tests find in Triage.xlsx stay theirs (any order).
  fs.copyFileSync(path.join(ws, "Triage.xlsx"), path.join(ws, "Okafor.xlsx"));
  r = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-005",
      "--source",
      "Okafor.xlsx",
      "--actor",
      "M. Okafor",
      "--out",
      "okafor/RUN-005.json",
      "--sign-key",
      "keys/rivera.pem",
    ],
    { epoch: EPOCH },
  );
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    `warning: the signing key ${keyId} is approved for J. Rivera in Okafor.xlsx's ActorKeysTable (ACTOR_KEYS!A2), not listed for M. Okafor`,
  );
  const replay = await run(ws, [
    "replay",
    "--sealed",
    "okafor/RUN-005.json",
    "--governance",
    "Okafor.xlsx",
  ]);
  expect(replay.code).toBe(1);
  expect(replay.stdout).toContain(
    `FAIL  signature: signed with key ${keyId}, which is listed for J. Rivera, not for M. Okafor`,
  );
});
