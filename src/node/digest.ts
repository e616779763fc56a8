// node:crypto's SHA-256 for the core's hot loops (the PATCH_LOG chain): a native one-shot hash
// per entry instead of the core's portable pure-JS one.
import crypto from "node:crypto";
import type { TextDigest } from "../core";

const oneShot = (crypto as { hash?: (alg: string, data: string) => string })
  .hash;

export const nodeSha256Hex: TextDigest = oneShot
  ? (text) => oneShot("sha256", text)
  : (text) => crypto.createHash("sha256").update(text).digest("hex");
