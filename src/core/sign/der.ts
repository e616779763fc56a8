// ECDSA signatures: Web Crypto signs and verifies the IEEE P1363 form (r ‖ s, 32 bytes each for
// P-256); DSSE tools, OpenSSL and securesystemslib use the ASN.1 DER form
// (SEQUENCE { INTEGER r, INTEGER s }). The envelope carries DER; these convert, strictly.

function derInteger(x: Uint8Array): Uint8Array {
  let i = 0;
  while (i < x.length - 1 && x[i] === 0) i++; // minimal: no leading zero bytes
  const body = x[i] & 0x80 ? [0, ...x.subarray(i)] : [...x.subarray(i)]; // positive: a 0 before a high bit
  return Uint8Array.from([0x02, body.length, ...body]);
}

export function p1363ToDer(sig: Uint8Array): Uint8Array {
  const half = sig.length / 2;
  const r = derInteger(sig.subarray(0, half));
  const s = derInteger(sig.subarray(half));
  return Uint8Array.from([0x30, r.length + s.length, ...r, ...s]);
}

/** r ‖ s of `size` bytes each, or null when the DER is not exactly one minimal SEQUENCE of two INTEGERs. */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array | null {
  if (
    der.length < 8 ||
    der[0] !== 0x30 ||
    der[1] !== der.length - 2 ||
    der[1] > 0x7f
  )
    return null;
  const out = new Uint8Array(size * 2);
  let p = 2;
  for (let k = 0; k < 2; k++) {
    if (der[p] !== 0x02) return null;
    const len = der[p + 1];
    if (len === 0 || len > size + 1 || p + 2 + len > der.length) return null;
    let v = der.subarray(p + 2, p + 2 + len);
    if (v[0] & 0x80) return null; // negative
    // A leading zero byte only before a high bit (minimal form); a lone zero is no valid r or s.
    if (v[0] === 0 && (len === 1 || !(v[1] & 0x80))) return null;
    if (v[0] === 0) v = v.subarray(1);
    if (v.length > size) return null;
    out.set(v, k * size + (size - v.length));
    p += 2 + len;
  }
  return p === der.length ? out : null;
}
