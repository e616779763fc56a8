// SHA-256 through Web Crypto: the same call in the taskpane, the ribbon command and Node 20.

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new Error(
      "Web Crypto (crypto.subtle) is not available: open the add-in over https or localhost",
    );
  return s;
}

function toHex(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let hex = "";
  for (let i = 0; i < bytes.length; i++)
    hex += bytes[i].toString(16).padStart(2, "0");
  return hex;
}

/** A synchronous SHA-256 (hex) a shell may install: the CLI installs node:crypto's. */
export type Sha256Provider = (data: Uint8Array | string) => string;
let provider: Sha256Provider | null = null;

/**
 * Web Crypto's digest runs each call on a worker thread and resolves a promise: for one seal it
 * does not matter, for 10,000 files the hand-offs cost more than the hashing (issue 13). Node
 * shells install a synchronous native digest here; browsers keep Web Crypto.
 */
export function installSha256(p: Sha256Provider | null): void {
  provider = p;
}

/** The installed synchronous digest, if any (see installSha256). */
export function installedSha256(): Sha256Provider | null {
  return provider;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  if (provider) return provider(data);
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(await subtle().digest("SHA-256", bytes as BufferSource));
}

/** `sha256:` + 64 lowercase hex digits: the form every hash in a sealed file and the log takes. */
export async function sha256Tagged(data: Uint8Array | string): Promise<string> {
  return "sha256:" + (await sha256Hex(data));
}

export const TAGGED_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
