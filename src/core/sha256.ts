// Synchronous SHA-256 (FIPS 180-4) over bytes. Web Crypto's digest is asynchronous: checking a
// 100,000-entry log through it costs one promise per entry, which dominated the time (issue 13).
// This compression loop hashes in place without a promise, in the taskpane and in Node alike.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
  0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));

function compress(b: Uint8Array, off: number): void {
  for (let t = 0; t < 16; t++, off += 4)
    W[t] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
  for (let t = 16; t < 64; t++) {
    const x = W[t - 15];
    const y = W[t - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
  }
  let a = H[0],
    b0 = H[1],
    c = H[2],
    d = H[3],
    e = H[4],
    f = H[5],
    g = H[6],
    h = H[7];
  for (let t = 0; t < 64; t++) {
    const S1 =
      ((e >>> 6) | (e << 26)) ^
      ((e >>> 11) | (e << 21)) ^
      ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
    const S0 =
      ((a >>> 2) | (a << 30)) ^
      ((a >>> 13) | (a << 19)) ^
      ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b0) ^ (a & c) ^ (b0 & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b0;
    b0 = a;
    a = (t1 + t2) | 0;
  }
  H[0] += a;
  H[1] += b0;
  H[2] += c;
  H[3] += d;
  H[4] += e;
  H[5] += f;
  H[6] += g;
  H[7] += h;
}

const tail = new Uint8Array(128);

/** Lowercase hex SHA-256 of `bytes[0..length)`. */
export function sha256HexSync(
  bytes: Uint8Array,
  length = bytes.length,
): string {
  return sha256HexOfRange(bytes, 0, length);
}

/** Lowercase hex SHA-256 of `bytes[start..end)`, read in place. */
export function sha256HexOfRange(
  bytes: Uint8Array,
  start: number,
  end: number,
): string {
  H.set([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
    0x1f83d9ab, 0x5be0cd19,
  ]);
  const length = end - start;
  const full = start + length - (length % 64);
  for (let off = start; off < full; off += 64) compress(bytes, off);
  const rest = end - full;
  tail.fill(0);
  tail.set(bytes.subarray(full, end));
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  const last = blocks * 64;
  const bits = length * 8; // exact below 2^53
  const hi = Math.floor(bits / 0x100000000);
  tail[last - 8] = hi >>> 24;
  tail[last - 7] = hi >>> 16;
  tail[last - 6] = hi >>> 8;
  tail[last - 5] = hi;
  tail[last - 4] = bits >>> 24;
  tail[last - 3] = bits >>> 16;
  tail[last - 2] = bits >>> 8;
  tail[last - 1] = bits;
  compress(tail, 0);
  if (blocks === 2) compress(tail, 64);
  let hex = "";
  for (let i = 0; i < 8; i++) {
    const v = H[i];
    hex +=
      HEX[(v >>> 24) & 255] +
      HEX[(v >>> 16) & 255] +
      HEX[(v >>> 8) & 255] +
      HEX[v & 255];
  }
  return hex;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 16);

/** SHA-256 hex of a string's UTF-8 bytes, encoded into a reused buffer (no allocation per call). */
export function sha256HexOfText(text: string): string {
  if (scratch.length < text.length * 3)
    scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return sha256HexSync(scratch, written);
}

/**
 * SHA-256 hex of many texts given end to end (`joined`; text k ends at UTF-16 offset `ends[k]`),
 * encoded once. Null when the texts are not all ASCII: then byte offsets are not UTF-16 offsets,
 * and the caller hashes each text on its own.
 */
export function sha256HexOfTexts(
  joined: string,
  ends: Int32Array,
  count: number,
): string[] | null {
  if (scratch.length < joined.length * 3)
    scratch = new Uint8Array(joined.length * 3);
  const { written } = encoder.encodeInto(joined, scratch);
  if (written !== joined.length) return null;
  const out = new Array<string>(count);
  for (let k = 0, start = 0; k < count; start = ends[k++])
    out[k] = sha256HexOfRange(scratch, start, ends[k]);
  return out;
}
