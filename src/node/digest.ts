// node:crypto's SHA-256, installed into the core by the Node shells (core installSha256): native
// and synchronous, where Web Crypto hands each digest to a thread and the core's portable pure-JS
// digest is a few times slower.
import crypto from "node:crypto";
import type { Sha256Provider } from "../core";

const oneShot = (
  crypto as {
    hash?: (alg: string, data: string | Uint8Array) => string;
  }
).hash;

/** crypto.hash (Node 20.12+, one call) where it exists, createHash before. */
export const nodeSha256: Sha256Provider = oneShot
  ? (data) => oneShot("sha256", data)
  : (data) => crypto.createHash("sha256").update(data).digest("hex");
