// verify's fast path (the byte scan, then the text scan) must give the full check's verdict, hash
// and reason on real sealed files, changed, re-indented, reordered or escaped.
import fc from "fast-check";
import { verifyHashOnly } from "../../../src/core/seal/verifyFast";
import { verifyBytes } from "../../../src/core/seal/verify";
import type { SealedRun } from "../../../src/core/types";
import { clone, encode, excelSealRequest, sealOk } from "../fixtures";

async function expectSameVerdict(bytes: Uint8Array): Promise<boolean> {
  const fast = await verifyHashOnly(bytes);
  const full = await verifyBytes(bytes);
  expect(fast).toEqual(
    full.valid
      ? { valid: true, hash: full.hash }
      : { valid: false, reason: full.reason },
  );
  return fast.valid;
}

/** Object members in another order, deterministically from a seed. */
function shuffled(v: unknown, seed: number): unknown {
  let s = seed >>> 0;
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!x || typeof x !== "object") return x;
    const keys = Object.keys(x);
    for (let i = keys.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) >>> 0;
      const j = s % (i + 1);
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    return Object.fromEntries(
      keys.map((k) => [k, walk((x as Record<string, unknown>)[k])]),
    );
  };
  return walk(v);
}

describe("verifyHashOnly", () => {
  let docs: SealedRun[];
  beforeAll(async () => {
    docs = [
      (await sealOk()).document,
      (await sealOk(excelSealRequest())).document,
    ];
  });

  it("a sealed file as written, re-indented, reordered and with non-ASCII escaped: valid, same hash", async () => {
    for (const d of docs) {
      const text = JSON.stringify(d, null, 2);
      expect(await expectSameVerdict(encode(text))).toBe(true);
      expect(
        await expectSameVerdict(encode(JSON.stringify(shuffled(d, 7)))),
      ).toBe(true);
      const escaped = text.replace(
        /[^\x20-\x7e\n]/g,
        (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
      );
      expect(await expectSameVerdict(encode(escaped))).toBe(true);
    }
  });

  it("property: any one byte changed gives the full check's verdict and reason", async () => {
    const bytes = docs.map((d) => encode(JSON.stringify(d, null, 2)));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        async (which, at, b) => {
          const changed = new Uint8Array(bytes[which]);
          changed[at % changed.length] = b;
          await expectSameVerdict(changed);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a value changed, a BOM, a repeated member: the full check's reasons", async () => {
    const d = clone(docs[0]) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    d.meta.operator = "Someone else";
    expect(await expectSameVerdict(encode(JSON.stringify(d, null, 2)))).toBe(
      false,
    );
    const text = JSON.stringify(docs[0], null, 2);
    expect(
      await expectSameVerdict(
        new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]),
      ),
    ).toBe(false);
    expect(
      await expectSameVerdict(
        encode(text.replace('"meta": {', '"meta": {\n    "model": "x",')),
      ),
    ).toBe(false);
  });
});
