// The synchronous SHA-512 and Excel's spun password hash, checked against Node's crypto.
import { createHash } from "node:crypto";
import { computeHash, sha512 } from "@sealed-run/workbook-model";

test.each([0, 1, 55, 111, 112, 127, 128, 129, 1000])(
  "sha512 of %i bytes matches node:crypto",
  (n) => {
    const data = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 0xff);
    expect(Buffer.from(sha512(data)).toString("hex")).toBe(
      createHash("sha512").update(data).digest("hex"),
    );
  },
);

test("the spun password hash follows ECMA-376 (salt ‖ UTF-16LE password, then iterator)", () => {
  const salt = Buffer.from("0123456789abcdef").toString("base64");
  let h = createHash("sha512")
    .update(
      Buffer.concat([
        Buffer.from(salt, "base64"),
        Buffer.from("pässword", "utf16le"),
      ]),
    )
    .digest();
  for (let i = 0; i < 100; i++) {
    const it = Buffer.alloc(4);
    it.writeUInt32LE(i, 0);
    h = createHash("sha512")
      .update(Buffer.concat([h, it]))
      .digest();
  }
  expect(computeHash("pässword", salt, 100)).toBe(h.toString("base64"));
});
