// node:crypto's SHA-256 for the core's hot loops (the PATCH_LOG chain): a native one-shot hash
// per entry instead of the core's portable pure-JS one.
import crypto from "node:crypto";
import type { Sha256Provider, TextDigest } from "../core";

const oneShot = (
  crypto as {
    hash?: (alg: string, data: string | Uint8Array) => string;
  }
).hash;

/** crypto.hash (Node 20.12+, one call) where it exists, createHash before. */
export const nodeSha256: Sha256Provider = oneShot
  ? (data) => oneShot("sha256", data)
  : (data) => crypto.createHash("sha256").update(data).digest("hex");

export const nodeSha256Hex: TextDigest = nodeSha256;
