// `sealed-run keygen --out KEY.pem [--actor NAME]`: a new ECDSA P-256 key pair for signing seals.
// The private key goes to KEY.pem (PKCS#8 PEM, created exclusively with mode 0600), the public key
// to KEY.pub.pem; the key id and a key-list entry for the governance owner are printed.
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import {
  base64Encode,
  exportPkcs8,
  exportSpki,
  generateKeyPair,
  keyIdOf,
  pkcs8ToPem,
  spkiToPem,
} from "../../core/sign";
import { parse, required } from "../args";
import { EXIT, makeOut } from "../output";

function createPrivate(file: string, text: string, mode: number): void {
  const fd = openSync(file, "wx", mode); // never replaces a key
  try {
    writeSync(fd, text);
  } catch (e) {
    closeSync(fd);
    unlinkSync(file);
    throw e;
  }
  closeSync(fd);
  chmodSync(file, mode); // the umask may have cleared bits; never widened
}

export async function keygenCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    out: { type: "string" },
    actor: { type: "string" },
  });
  const out = makeOut(!!values.json);
  const file = required(values, "out");
  const pubFile = file.replace(/(\.pem)?$/i, ".pub.pem");
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const pair = await generateKeyPair(true);
  const spki = await exportSpki(pair.publicKey);
  const keyId = await keyIdOf(spki);
  const publicPem = spkiToPem(spki);
  try {
    createPrivate(file, pkcs8ToPem(await exportPkcs8(pair.privateKey)), 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    out.error(`refused: ${file} already exists; a key is never overwritten`);
    out.result({ created: false, reason: "output exists", file });
    return EXIT.exists;
  }
  try {
    createPrivate(pubFile, publicPem, 0o644);
  } catch (e) {
    unlinkSync(file); // no private key without its public half beside it
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    out.error(`refused: ${pubFile} already exists (nothing was written)`);
    out.result({ created: false, reason: "output exists", file: pubFile });
    return EXIT.exists;
  }
  const entry = {
    actor: values.actor ?? "<your name as you seal>",
    public_key: publicPem,
  };
  out.line(`private key → ${file} (mode 600: keep it to yourself)`);
  out.line(`public key  → ${pubFile}`);
  out.line(`key id      ${keyId}`);
  out.line(`for the governance owner's key list (docs/SIGNING.md):`);
  out.line(JSON.stringify(entry, null, 2));
  // The same registration as a row of a workbook's ActorKeysTable (the owner sets Status).
  const row = [entry.actor, keyId, base64Encode(spki), "pending"];
  out.line(
    `or a row of the workbook's ActorKeysTable (Actor, KeyId, PublicKey, Status):`,
  );
  out.line(row.join("\t"));
  out.result({
    created: true,
    private_key: file,
    public_key: pubFile,
    key_id: keyId,
    key_list_entry: entry,
    actor_keys_row: {
      Actor: entry.actor,
      KeyId: keyId,
      PublicKey: row[2],
      Status: "pending",
    },
  });
  return EXIT.ok;
}
