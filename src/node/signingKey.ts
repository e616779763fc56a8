// The CLI's signing key: a PKCS#8 PEM file of an ECDSA P-256 private key (`sealed-run keygen`
// writes one, mode 0600). Loaded before anything is sealed, so a bad key writes nothing.
import { statSync } from "node:fs";
import {
  importPrivateKey,
  keysMatch,
  pkcs8FromPem,
  spkiFromPem,
  type Signer,
} from "../core/sign";
import { readTextFile } from "./files";
import { createPrivateKey, createPublicKey } from "node:crypto";

export class SigningKeyError extends Error {}

/**
 * The signer in `file`. Web Crypto cannot derive a public key from a private one, so the public
 * key (for the key id) comes from node:crypto's view of the same PKCS#8 bytes, and a probe
 * signature checks that the two agree.
 */
export async function loadSigner(
  file: string,
): Promise<Signer & { keyId?: string }> {
  const text = readTextFile(file, "the signing key");
  const der = pkcs8FromPem(text);
  if (!der)
    throw new SigningKeyError(
      `${file} holds no PEM "PRIVATE KEY" block (PKCS#8); make one with sealed-run keygen`,
    );
  let privateKey: CryptoKey;
  try {
    privateKey = await importPrivateKey(der);
  } catch (e) {
    throw new SigningKeyError(`${file}: ${(e as Error).message}`);
  }
  const spkiPem = createPublicKey(
    createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" }),
  ).export({ type: "spki", format: "pem" }) as string;
  const spki = spkiFromPem(spkiPem)!;
  if (!(await keysMatch(privateKey, spki)))
    throw new SigningKeyError(`${file}: its public key does not match it`);
  const mode = statSync(file).mode & 0o077;
  if (mode && process.platform !== "win32")
    process.stderr.write(
      `warning: ${file} can be read by other users (mode ${(statSync(file).mode & 0o777).toString(8)}); chmod 600 it\n`,
    );
  return { privateKey, spki };
}
