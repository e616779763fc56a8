// `sealed-run keygen --register BOOK.xlsx` (issue 13): "I am <actor> and this is my key" as a
// pending row of the workbook's ActorKeysTable, written from the CLI into a workbook LibreOffice
// saved (charts, a picture, comments, names beside the table), read back by the CLI's own reader
// and by LibreOffice; every part with no business changing keeps its bytes; every refusal leaves
// the file byte-identical; and replay --governance says the key is pending, then, approved, trusted.
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
import { libreOfficeSheets } from "../xlsx/libreOffice";
import { openWorkbookFile, saveWorkbookFile } from "../../src/node/xlsxSource";
import { registerKeyInWorkbookFile } from "../../src/node/registerKeyFile";
import { installSaxesXmlRootParser } from "../../src/node/xmlRootSaxes";

jest.setTimeout(240_000);
afterAll(removeWorkspaces);

const REPO = path.resolve(__dirname, "../..");
const FIXTURES = path.join(REPO, "test/fixtures/workbooks");
/** Written by LibreOffice from the sample (scripts/make-lo-fixtures.py actor-keys). */
const LO_KEYS = path.join(FIXTURES, "libreoffice-actor-keys.xlsx");
/** Written by LibreOffice before workbooks had ActorKeysTable. */
const LO_NO_KEYS = path.join(FIXTURES, "libreoffice-features.xlsx");
const REQUESTED = "2026-02-16T00:00:00Z"; // EPOCH

const spkiBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");
const keyIdOfPem = (pem: string) =>
  createHash("sha256")
    .update(Buffer.from(spkiBase64(pem), "base64"))
    .digest("hex");

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir)
      out.set(name, await zip.files[name].async("nodebuffer"));
  return out;
}

/** A workspace holding `name`, a copy of `from`. */
function workspace(from: string, name = "Book.xlsx"): string {
  const ws = makeWorkspace();
  fs.copyFileSync(from, path.join(ws, name));
  return ws;
}

async function keyFile(ws: string, name: string): Promise<string> {
  const r = await run(ws, ["keygen", "--out", `keys/${name}.pem`]);
  if (r.code !== 0) throw new Error(r.stderr);
  return fs.readFileSync(path.join(ws, `keys/${name}.pub.pem`), "utf8");
}

async function readKeys(file: string) {
  return (await openWorkbookFile(file, { runId: null })).api.readActorKeys();
}

describe("keygen --register into a workbook LibreOffice saved", () => {
  let ws: string;
  let book: string;
  /** The workbook as the registrations left it (the replay test goes on to seal and approve). */
  let registered: string;
  let before: Map<string, Buffer>;
  let rivera: string;
  let chen: string;
  beforeAll(async () => {
    ws = workspace(LO_KEYS);
    book = path.join(ws, "Book.xlsx");
    before = await parts(book);
    const r = await run(
      ws,
      [
        "keygen",
        "--out",
        "keys/rivera.pem",
        "--actor",
        "J. Rivera",
        "--register",
        "Book.xlsx",
        "--json",
      ],
      { epoch: EPOCH },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    rivera = fs.readFileSync(path.join(ws, "keys/rivera.pub.pem"), "utf8");
    expect(parseJsonOutput(r)).toEqual({
      created: true,
      private_key: "keys/rivera.pem",
      public_key: "keys/rivera.pub.pem",
      key_id: keyIdOfPem(rivera),
      registered: true,
      workbook: "Book.xlsx",
      cell: "ACTOR_KEYS!A2",
      actor: "J. Rivera",
      status: "pending",
      requested_at: REQUESTED,
    });
    // A key one has already, registered without making a new one: the next row.
    chen = await keyFile(ws, "chen");
    const second = await run(
      ws,
      [
        "keygen",
        "--register",
        "Book.xlsx",
        "--public-key",
        "keys/chen.pub.pem",
        "--actor",
        "  M. Chen ",
      ],
      { epoch: EPOCH + 61 },
    );
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      `key id      ${keyIdOfPem(chen)}\n` +
        `ACTOR_KEYS!A3 of Book.xlsx: key ${keyIdOfPem(chen)} for M. Chen, pending (requested 2026-02-16T00:01:01Z)\n` +
        "the governance owner approves it by setting its Status to approved (docs/SIGNING.md)\n",
    );
    registered = path.join(ws, "Registered.xlsx");
    fs.copyFileSync(book, registered);
  });

  test("the CLI's own reader finds both rows, pending", async () => {
    const read = await readKeys(registered);
    expect(read.problems).toEqual([]);
    expect(read.keys).toEqual([]); // pending rows list nothing yet
    expect(
      read.rows.map((r) => [r.cell, r.actor, r.keyId, r.status, r.approvedBy]),
    ).toEqual([
      ["ACTOR_KEYS!A2", "J. Rivera", keyIdOfPem(rivera), "pending", ""],
      ["ACTOR_KEYS!A3", "M. Chen", keyIdOfPem(chen), "pending", ""],
    ]);
  });

  test("LibreOffice reads the rows as text, cell for cell", () => {
    const sheets = libreOfficeSheets(registered);
    expect(sheets.get("ACTOR_KEYS")).toEqual([
      [
        "Actor",
        "KeyId",
        "PublicKey",
        "Status",
        "RequestedAt",
        "ApprovedBy",
        "ApprovedAt",
      ],
      [
        "J. Rivera",
        keyIdOfPem(rivera),
        spkiBase64(rivera),
        "pending",
        REQUESTED,
        "",
        "",
      ],
      [
        "M. Chen",
        keyIdOfPem(chen),
        spkiBase64(chen),
        "pending",
        "2026-02-16T00:01:01Z",
        "",
        "",
      ],
    ]);
    // The other sheets as LibreOffice read them from its own file.
    const original = libreOfficeSheets(LO_KEYS);
    for (const [name, rows] of original)
      if (name !== "ACTOR_KEYS") expect(sheets.get(name)).toEqual(rows);
  });

  test("only the ACTOR_KEYS sheet, its table and the cell formats changed; every other part keeps its bytes", async () => {
    const after = await parts(registered);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after.keys()].filter(
      (n) => !after.get(n)!.equals(before.get(n)!),
    );
    const wb = (await openWorkbookFile(registered, { runId: null })).loaded;
    const keysTable = [...wb.tables.values()].find(
      (t) => t.name === "ActorKeysTable",
    )!;
    const keysSheet = [...wb.sheets].find(([s]) => s.name === "ACTOR_KEYS")!;
    expect(changed.sort()).toEqual(
      [keysSheet[1].path, keysTable.path, "xl/styles.xml"].sort(),
    );
    const table = after.get(keysTable.path)!.toString("utf8");
    expect(table).toContain('ref="A1:G3"');
    expect(table).toMatch(/<autoFilter ref="A1:G3"/);
    // Charts, the picture, comments and drawings are LibreOffice's bytes still.
    expect(changed.some((n) => /chart|media|drawing|comments/.test(n))).toBe(
      false,
    );
  });

  test("replay --governance: pending while pending, then trusted once the owner approves it", async () => {
    const sealed = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Book.xlsx",
        "--actor",
        "J. Rivera",
        "--role",
        "triage-lead",
        "--out",
        "out/RUN-002.json",
        "--sign-key",
        "keys/rivera.pem",
      ],
      { epoch: EPOCH },
    );
    expect(sealed.code).toBe(0);
    expect(sealed.stderr).toContain(
      `warning: the signing key ${keyIdOfPem(rivera)} is pending for J. Rivera in Book.xlsx's ActorKeysTable (ACTOR_KEYS!A2): the governance owner approves it by setting its Status to approved`,
    );
    const replay = () =>
      run(ws, [
        "replay",
        "--sealed",
        "out/RUN-002.json",
        "--governance",
        "Book.xlsx",
        "--json",
      ]);
    let j = parseJsonOutput(await replay());
    expect(j.admissible).toBe(true);
    expect(j.signature).toMatchObject({
      status: "unlisted",
      key_id: keyIdOfPem(rivera),
      message: `signed by J. Rivera (${keyIdOfPem(rivera)}), but that key is not listed for J. Rivera; Book.xlsx's ActorKeysTable lists this key for J. Rivera as pending (ACTOR_KEYS!A2), not approved yet: the governance owner approves it by setting its Status to approved`,
    });
    // The governance owner sets Status to approved (here in the model, saved as the CLI saves).
    installSaxesXmlRootParser();
    const wb = await openWorkbookFile(book, { runId: null });
    const sheet = wb.book.sheet("ACTOR_KEYS");
    expect(sheet.values("D2")).toEqual([["pending"]]);
    sheet.enter("D2:F2", [["approved", "M. Okafor", "2026-02-17"]]);
    await saveWorkbookFile(wb);
    j = parseJsonOutput(await replay());
    expect(j.signature).toMatchObject({
      status: "trusted",
      message: `signed by J. Rivera (${keyIdOfPem(rivera)}), a key listed for J. Rivera in governance Book.xlsx (ActorKeysTable)`,
    });
  });
});

describe("every refusal leaves the workbook byte-identical", () => {
  /** Runs keygen with `args` against a copy of `from`; the file must keep every byte. */
  async function refused(
    from: string,
    args: string[],
    prepare?: (ws: string) => void | Promise<void>,
  ) {
    const ws = workspace(from);
    await keyFile(ws, "mine");
    if (prepare) await prepare(ws);
    const book = path.join(ws, "Book.xlsx");
    const bytes = fs.readFileSync(book);
    const r = await run(ws, ["keygen", ...args], {
      epoch: EPOCH,
      env: { SEALED_RUN_LOCK_WAIT_S: "0" },
    });
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${book}.lock`)).toBe(false);
    return { ws, r };
  }
  const MINE = ["--register", "Book.xlsx", "--public-key", "keys/mine.pub.pem"];

  test("the key listed already, for this actor or another: whose, where and its status", async () => {
    const { ws, r } = await refused(
      LO_KEYS,
      [...MINE, "--actor", "M. Chen", "--json"],
      async (w) => {
        const first = await run(w, [
          ...["keygen"],
          ...MINE,
          "--actor",
          "J. Rivera",
        ]);
        expect(first.code).toBe(0);
      },
    );
    expect(r.code).toBe(1);
    const pem = fs.readFileSync(path.join(ws, "keys/mine.pub.pem"), "utf8");
    expect(parseJsonOutput(r)).toEqual({
      registered: false,
      reason: "key listed",
      workbook: "Book.xlsx",
      key_id: keyIdOfPem(pem),
      listed: { cell: "ACTOR_KEYS!A2", actor: "J. Rivera", status: "pending" },
    });
    const again = await run(ws, ["keygen", ...MINE, "--actor", "J. Rivera"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `refused: Book.xlsx's ActorKeysTable lists key ${keyIdOfPem(pem)} already (ACTOR_KEYS!A2, pending) for J. Rivera; nothing was written\n`,
    );
  });

  test("a workbook without ActorKeysTable: how to add one; a new key made for it is removed again", async () => {
    const { ws, r } = await refused(LO_NO_KEYS, [
      "--out",
      "keys/new.pem",
      "--actor",
      "J. Rivera",
      "--register",
      "Book.xlsx",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "sealed-run: Book.xlsx has no ActorKeysTable (sheet ACTOR_KEYS) to register the key in: add it with the add-in (Governance > Create governance template",
    );
    expect(fs.existsSync(path.join(ws, "keys/new.pem"))).toBe(false);
    expect(fs.existsSync(path.join(ws, "keys/new.pub.pem"))).toBe(false);
  });

  test("an empty actor, a private key given as the public one, no key at all: usage", async () => {
    let { r } = await refused(LO_KEYS, [...MINE, "--actor", "  "]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--register needs --actor NAME");
    ({ r } = await refused(LO_KEYS, [
      "--register",
      "Book.xlsx",
      "--public-key",
      "keys/mine.pem",
      "--actor",
      "J. Rivera",
    ]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "keys/mine.pem is a private key: give its public half",
    );
    ({ r } = await refused(LO_KEYS, [
      "--register",
      "Book.xlsx",
      "--actor",
      "J. Rivera",
    ]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--register needs --out KEY.pem (a new key) or --public-key KEY.pub.pem (a key you have)",
    );
  });

  test("a file that is no workbook", async () => {
    const notBook = path.join(makeWorkspace(), "text.xlsx");
    fs.writeFileSync(notBook, "Actor,KeyId\n");
    const { r } = await refused(notBook, [...MINE, "--actor", "J. Rivera"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^sealed-run: Book\.xlsx cannot be read as a workbook: /,
    );
  });

  test("a workbook open in Excel, or locked by another sealed-run", async () => {
    let { r } = await refused(LO_KEYS, [...MINE, "--actor", "J. Rivera"], (w) =>
      fs.writeFileSync(path.join(w, "~$Book.xlsx"), "owner"),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Book.xlsx is open in Excel (its owner file ~$Book.xlsx is beside it)",
    );
    const owner = {
      token: "t",
      pid: 4242,
      host: "audit-share-7",
      user: "jrivera",
      since: "2026-02-16T08:00:00.000Z",
      command: "export --run-id RUN-009",
    };
    const ws = workspace(LO_KEYS);
    await keyFile(ws, "mine");
    const lock = path.join(ws, "Book.xlsx.lock");
    fs.writeFileSync(lock, JSON.stringify(owner));
    const bytes = fs.readFileSync(path.join(ws, "Book.xlsx"));
    r = await run(ws, ["keygen", ...MINE, "--actor", "J. Rivera"], {
      env: { SEALED_RUN_LOCK_WAIT_S: "0" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Book.xlsx.lock is held by process 4242 on host audit-share-7",
    );
    expect(fs.readFileSync(path.join(ws, "Book.xlsx")).equals(bytes)).toBe(
      true,
    );
    expect(fs.readFileSync(lock, "utf8")).toBe(JSON.stringify(owner));
  });

  test("a protected ACTOR_KEYS sheet is said by name, not forced", async () => {
    const { r } = await refused(
      LO_KEYS,
      [...MINE, "--actor", "J. Rivera"],
      async (w) => {
        installSaxesXmlRootParser();
        const wb = await openWorkbookFile(path.join(w, "Book.xlsx"), {
          runId: null,
        });
        wb.book.sheet("ACTOR_KEYS").protect({});
        await saveWorkbookFile(wb);
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "sealed-run: Book.xlsx: the sheet ACTOR_KEYS is protected, so ActorKeysTable cannot take a row: unprotect it (Review > Unprotect Sheet), then try again. Nothing was written.\n",
    );
  });

  test("a workbook changed by another program while the key was being registered is not saved over", async () => {
    const ws = workspace(LO_KEYS);
    const book = path.join(ws, "Book.xlsx");
    const spki = Buffer.from(spkiBase64(await keyFile(ws, "mine")), "base64");
    let theirs: Buffer | undefined;
    await expect(
      registerKeyInWorkbookFile(book, {
        actor: "J. Rivera",
        spki: new Uint8Array(spki),
        // Called once the workbook is read: Excel saves it meanwhile.
        now: () => {
          fs.appendFileSync(book, "\n");
          theirs = fs.readFileSync(book);
          return new Date(EPOCH * 1000);
        },
      }),
    ).rejects.toThrow(
      `${book} was changed by another program while the key was being registered; it was not saved over, so that change is kept. Run the command again.`,
    );
    expect(fs.readFileSync(book).equals(theirs!)).toBe(true);
    expect(fs.existsSync(`${book}.lock`)).toBe(false);
  });
});
