// The committed PNGs in assets/ must be exactly what scripts/make-icons.mjs draws, so an edited
// glyph is never shipped without its images (and vice versa). --check compares decoded pixels.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync, deflateSync } from "node:zlib";

const repoRoot = path.resolve(__dirname, "../..");
const script = path.join(repoRoot, "scripts/make-icons.mjs");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
  });

const EXPECTED = [
  ["icon-16.png", 16],
  ["icon-32.png", 32],
  ["icon-64.png", 64],
  ["icon-80.png", 80],
  ["seal-16.png", 16],
  ["seal-32.png", 32],
  ["seal-80.png", 80],
  ["verify-16.png", 16],
  ["verify-32.png", 32],
  ["verify-80.png", 80],
  ["log-16.png", 16],
  ["log-32.png", 32],
  ["log-80.png", 80],
] as const;

/** CRC-32 written independently of the script's table version (zlib.crc32 needs Node 22). */
function crc(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
}

/** Chunks of a PNG, checking the signature and each chunk's CRC-32. */
function chunks(bytes: Buffer): { type: string; data: Buffer }[] {
  expect([...bytes.subarray(0, 8)]).toEqual([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
  ]);
  const out = [];
  for (let off = 8; off < bytes.length;) {
    const len = bytes.readUInt32BE(off);
    const type = bytes.toString("ascii", off + 4, off + 8);
    const data = bytes.subarray(off + 8, off + 8 + len);
    expect({ type, crc: bytes.readUInt32BE(off + 8 + len) }).toEqual({
      type,
      crc: crc(bytes.subarray(off + 4, off + 8 + len)),
    });
    out.push({ type, data });
    off += 12 + len;
  }
  return out;
}

describe("assets/ icons", () => {
  it.each(EXPECTED)(
    "%s is a well-formed %i px RGBA PNG with visible and transparent pixels",
    (file, size) => {
      const cs = chunks(readFileSync(path.join(repoRoot, "assets", file)));
      expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
      const ihdr = cs[0].data;
      expect([
        ihdr.readUInt32BE(0),
        ihdr.readUInt32BE(4),
        ihdr[8],
        ihdr[9],
        ihdr[12],
      ]).toEqual([size, size, 8, 6, 0]);
      const raw = inflateSync(cs[1].data);
      expect(raw.length).toBe(size * (1 + size * 4));
      const alphas = [];
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          alphas.push(raw[y * (1 + size * 4) + 1 + x * 4 + 3]);
      // A glyph, not a blank or a filled square: some opaque pixels, and transparent corners.
      expect(alphas.filter((a) => a >= 200).length).toBeGreaterThan(
        size * size * 0.15,
      );
      expect([alphas[0], alphas[size - 1], alphas[size * size - size]]).toEqual(
        [0, 0, 0],
      );
    },
  );

  it("match what scripts/make-icons.mjs draws (--check)", () => {
    const r = run("--check");
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("assets: 13 icons up to date");
    expect(r.status).toBe(0);
  });

  it("--check names an icon whose pixels differ and one that is missing, and exits 1", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "icons-"));
    try {
      expect(run("--out", dir).status).toBe(0);
      // Same size, one pixel changed, re-encoded as a valid PNG: only the pixel comparison can catch it.
      const file = path.join(dir, "verify-32.png");
      const cs = chunks(readFileSync(file));
      const raw = inflateSync(cs[1].data);
      raw[1 + 4 * 16 + 3] ^= 0xff;
      const signature = readFileSync(file).subarray(0, 8);
      writeFileSync(
        file,
        Buffer.concat([
          signature,
          chunk("IHDR", cs[0].data),
          chunk("IDAT", deflateSync(raw)),
          chunk("IEND", Buffer.alloc(0)),
        ]),
      );
      expect(chunks(readFileSync(file)).map((c) => c.type)).toEqual([
        "IHDR",
        "IDAT",
        "IEND",
      ]);
      rmSync(path.join(dir, "log-16.png"));

      const r = run("--check", "--out", dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        `${dir}/verify-32.png: differs from what scripts/make-icons.mjs draws`,
      );
      expect(r.stderr).toContain(`${dir}/log-16.png: missing`);
      expect(r.stderr).not.toContain("icon-16.png");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
