// The core hashes through globalThis.crypto.subtle, as in a browser. Node 20 has it; some jest
// environments (jsdom) hide it, so give them Node's implementation of the same Web Crypto API.
import { webcrypto } from "node:crypto";
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as Record<string, unknown>;
if (!(g.crypto as Crypto | undefined)?.subtle) {
  Object.defineProperty(globalThis, "crypto", {
    value: webcrypto,
    configurable: true,
  });
}
if (!g.TextEncoder) g.TextEncoder = TextEncoder;
if (!g.TextDecoder) g.TextDecoder = TextDecoder;
