// The signing code's encodings: base64 strictly (one text per byte string), ECDSA signatures
// between Web Crypto's r‖s and DER, and the DSSE pre-authentication encoding.
import fc from "fast-check";
import {
  base64Decode,
  base64Encode,
  derToP1363,
  p1363ToDer,
  pae,
} from "../../../src/core/sign";

describe("base64", () => {
  it("round-trips any bytes as Node's base64 writes them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        expect(base64Encode(b)).toBe(Buffer.from(b).toString("base64"));
        expect(base64Decode(base64Encode(b))).toEqual(b);
      }),
    );
  });
  it.each(["abc", "ab=c", "a===", "YQ", "YR==", "Y Q==", "éé==", "YQ==YQ=="])(
    "refuses %j",
    (t) => expect(base64Decode(t)).toBeNull(),
  );
});

describe("DER ECDSA signatures", () => {
  it("round-trip r‖s of any value, leading zeros and high bits included", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (sig) => {
        fc.pre(
          sig.subarray(0, 32).some((x) => x) && sig.subarray(32).some((x) => x),
        );
        expect(derToP1363(p1363ToDer(sig))).toEqual(sig);
      }),
    );
  });
  it.each([
    ["empty", []],
    ["not a SEQUENCE", [0x31, 6, 2, 1, 1, 2, 1, 1]],
    ["a length that lies", [0x30, 7, 2, 1, 1, 2, 1, 1]],
    ["a negative r", [0x30, 6, 2, 1, 0x81, 2, 1, 1]],
    ["a non-minimal r", [0x30, 7, 2, 2, 0, 1, 2, 1, 1]],
    ["r = 0", [0x30, 6, 2, 1, 0, 2, 1, 1]],
    ["trailing bytes", [0x30, 7, 2, 1, 1, 2, 1, 1, 0]],
    [
      "an r too long",
      [0x30, 40, 2, 34, ...new Array<number>(34).fill(1), 2, 1, 1],
    ],
  ])("refuses %s", (_what, bytes) =>
    expect(derToP1363(Uint8Array.from(bytes))).toBeNull(),
  );
});

it("PAE is DSSEv1 SP len(type) SP type SP len(body) SP body, lengths in bytes", () => {
  const body = new TextEncoder().encode("héllo");
  expect(Buffer.from(pae("t/x", body)).toString("utf8")).toBe(
    "DSSEv1 3 t/x 6 héllo",
  );
});
