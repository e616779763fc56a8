// Base64 for the workbook's own fields (the protection salt and hash, ECMA-376 Part 1
// §18.3.1.85): the one copy the packages share. The product's code has its own strict
// base64 in src/core/sign/bytes.ts, since nothing under src/ that ships may import this package.

/** Standard base64 with padding. Chunked: String.fromCharCode takes one argument a byte. */
export function base64Encode(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Decodes as Excel reads the attribute (atob's forgiving rules); throws on what is not base64. */
export function base64Decode(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
