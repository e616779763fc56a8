// `sealed-run keygen --out KEY.pem [--actor NAME] [--register BOOK.xlsx]`: a new ECDSA P-256 key
// pair for signing seals. The private key goes to KEY.pem (PKCS#8 PEM, created exclusively with
// mode 0600), the public key to KEY.pub.pem; the key id and a key-list entry for the governance
// owner are printed. With --register, the key is also written as a pending row of the workbook's
// ActorKeysTable (registerKey.ts); `--register BOOK.xlsx --public-key KEY.pub.pem` registers a key
// one has already, in a second workbook say, without making a new one.
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
import { parse, required, UsageError } from "../args";
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
    register: { type: "string" },
    "public-key": { type: "string" },
  });
  const out = makeOut(!!values.json);
  const book = values.register;
  // The workbook layer loads only to register.
  const registering = book !== undefined ? await import("./registerKey") : null;
  if (book !== undefined && registering) {
    registering.checkRegistration(book, values.actor);
    if (values["public-key"] !== undefined) {
      if (values.out !== undefined)
        throw new UsageError(
          "--public-key registers a key you have; --out makes a new one: give one of them",
        );
      const spki = await registering.readPublicKey(values["public-key"]);
      return registering.registerKey(out, book, values.actor!, spki, {});
    }
    if (values.out === undefined)
      throw new UsageError(
        "--register needs --out KEY.pem (a new key) or --public-key KEY.pub.pem (a key you have)",
      );
  } else if (values["public-key"] !== undefined)
    throw new UsageError(
      "--public-key goes with --register BOOK.xlsx (the workbook to list the key in)",
    );
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
  out.line(`private key → ${file} (mode 600: keep it to yourself)`);
  out.line(`public key  → ${pubFile}`);
  const created = { private_key: file, public_key: pubFile, key_id: keyId };
  if (book !== undefined && registering) {
    // A key the workbook would not take is removed again: never used, and the same command can
    // be run once the workbook is fixed.
    const removeKey = () => {
      unlinkSync(file);
      unlinkSync(pubFile);
    };
    let code: number;
    try {
      code = await registering.registerKey(out, book, values.actor!, spki, {
        created,
        onRefused: removeKey,
      });
    } catch (e) {
      removeKey();
      throw e;
    }
    return code;
  }
  const listed = entries(values.actor, keyId, spki, publicPem);
  out.line(`key id      ${keyId}`);
  out.line(`for the governance owner's key list (docs/SIGNING.md):`);
  out.line(JSON.stringify(listed.key_list_entry, null, 2));
  // The same registration as a row of a workbook's ActorKeysTable (the owner sets Status).
  out.line(
    `or a row of the workbook's ActorKeysTable (Actor, KeyId, PublicKey, Status; or: keygen --register BOOK.xlsx --public-key ${pubFile} --actor NAME):`,
  );
  out.line(Object.values(listed.actor_keys_row).join("\t"));
  out.result({ created: true, ...created, ...listed });
  return EXIT.ok;
}

function entries(
  actor: string | undefined,
  keyId: string,
  spki: Uint8Array,
  publicPem: string,
) {
  const name = actor ?? "<your name as you seal>";
  return {
    key_list_entry: { actor: name, public_key: publicPem },
    actor_keys_row: {
      Actor: name,
      KeyId: keyId,
      PublicKey: base64Encode(spki),
      Status: "pending",
    },
  };
}
