#!/usr/bin/env node
// Draws the add-in's icons and writes them as PNGs into assets/.
//
//   node scripts/make-icons.mjs           write assets/*.png
//   node scripts/make-icons.mjs --check   exit 1 if a committed PNG's pixels differ from what this draws
//   --out DIR                             use DIR instead of assets/ (for tests)
//
// No image library: shapes are coverage tests in a unit square, anti-aliased by averaging an 8x8 grid
// of samples per pixel, and the PNG is encoded by hand (signature, IHDR, IDAT via node:zlib, IEND,
// each chunk with its CRC-32). `--check` compares decoded pixels, not file bytes, because zlib builds
// may compress the same pixels differently.

import { deflateSync, inflateSync } from "node:zlib";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
);

// Calm slate-teal for governance, a darker shade for the seal's ribbon tails, white for marks.
const TEAL = [29, 92, 116];
const TEAL_DARK = [19, 64, 82];
const WHITE = [255, 255, 255];

const SUPERSAMPLE = 8;

// ---- geometry (unit square, y grows downwards) ----------------------------------------------------

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)),
  );
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Round-capped polyline of the given width. */
function stroke(points, width) {
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1];
      const [bx, by] = points[i];
      if (distToSegment(x, y, ax, ay, bx, by) <= width / 2) return true;
    }
    return false;
  };
}

function disc(cx, cy, r) {
  return (x, y) => Math.hypot(x - cx, y - cy) <= r;
}

function ring(cx, cy, rOuter, rInner) {
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= rOuter && d >= rInner;
  };
}

/** Wax-seal outline: a circle whose radius ripples `bumps` times around the edge. */
function scallopedDisc(cx, cy, r, bumps, depth) {
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    const theta = Math.atan2(y - cy, x - cx);
    return d <= r + depth * Math.cos(bumps * theta);
  };
}

function polygon(points) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi)
        inside = !inside;
    }
    return inside;
  };
}

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return Math.hypot(x - cx, y - cy) <= r;
  };
}

// Strokes never get thinner than about 1.5 device pixels, or the 16 px icons smear into grey.
const minWidth = (unit, size, pixels) => Math.max(unit, pixels / size);

// ---- glyphs: each returns layers painted in order, [shape, rgb, alpha] -------------------------------

/** Add-in icon and ribbon group icon: a wax seal with a check mark. */
function sealWithCheck(size) {
  const layers = [
    [scallopedDisc(0.5, 0.5, 0.43, 14, size >= 32 ? 0.03 : 0.02), TEAL, 1],
  ];
  if (size >= 32)
    layers.push([
      ring(0.5, 0.5, 0.355, 0.355 - minWidth(0.022, size, 1)),
      WHITE,
      0.45,
    ]);
  const w = minWidth(0.085, size, 1.7);
  layers.push([
    stroke(
      [
        [0.33, 0.51],
        [0.45, 0.63],
        [0.68, 0.38],
      ],
      w,
    ),
    WHITE,
    1,
  ]);
  return layers;
}

/** "Seal Run" button: a rosette seal with ribbon tails, check mark inside. */
function sealRosette(size) {
  const left = [
    [0.33, 0.58],
    [0.47, 0.66],
    [0.37, 0.96],
    [0.3, 0.88],
    [0.2, 0.92],
  ];
  const right = left.map(([x, y]) => [1 - x, y]);
  const w = minWidth(0.075, size, 1.6);
  const layers = [
    [polygon(left), TEAL_DARK, 1],
    [polygon(right), TEAL_DARK, 1],
    [scallopedDisc(0.5, 0.4, 0.36, 12, size >= 32 ? 0.028 : 0.018), TEAL, 1],
  ];
  if (size >= 32)
    layers.push([
      ring(0.5, 0.4, 0.29, 0.29 - minWidth(0.02, size, 1)),
      WHITE,
      0.45,
    ]);
  layers.push([
    stroke(
      [
        [0.36, 0.41],
        [0.46, 0.51],
        [0.65, 0.3],
      ],
      w,
    ),
    WHITE,
    1,
  ]);
  return layers;
}

/** "Verify" button: a magnifying glass over a check mark. The white lens keeps it legible on a dark ribbon. */
function magnifierWithCheck(size) {
  const ringWidth = minWidth(0.09, size, 1.6);
  return [
    [disc(0.41, 0.41, 0.3), WHITE, 0.92],
    [ring(0.41, 0.41, 0.3, 0.3 - ringWidth), TEAL, 1],
    [
      stroke(
        [
          [0.63, 0.63],
          [0.88, 0.88],
        ],
        minWidth(0.13, size, 2.2),
      ),
      TEAL,
      1,
    ],
    [
      stroke(
        [
          [0.29, 0.42],
          [0.38, 0.51],
          [0.54, 0.33],
        ],
        minWidth(0.07, size, 1.4),
      ),
      TEAL,
      1,
    ],
  ];
}

/** "Seal Log" button: a page of log lines carrying a small seal. */
function sealedLog(size) {
  const line = minWidth(0.055, size, 1.2);
  const layers = [
    [roundedRect(0.17, 0.06, 0.83, 0.94, 0.07), TEAL, 1],
    [
      stroke(
        [
          [0.3, 0.22],
          [0.7, 0.22],
        ],
        line,
      ),
      WHITE,
      1,
    ],
    [
      stroke(
        [
          [0.3, 0.37],
          [0.7, 0.37],
        ],
        line,
      ),
      WHITE,
      1,
    ],
    [
      stroke(
        [
          [0.3, 0.52],
          [0.52, 0.52],
        ],
        line,
      ),
      WHITE,
      1,
    ],
    [
      scallopedDisc(
        0.64,
        0.74,
        size >= 32 ? 0.12 : 0.14,
        10,
        size >= 32 ? 0.015 : 0,
      ),
      WHITE,
      1,
    ],
  ];
  if (size >= 32)
    layers.push([
      stroke(
        [
          [0.585, 0.745],
          [0.625, 0.785],
          [0.695, 0.7],
        ],
        minWidth(0.035, size, 1.2),
      ),
      TEAL,
      1,
    ]);
  return layers;
}

export const ICONS = [
  ...[16, 32, 64, 80].map((size) => ({
    file: `icon-${size}.png`,
    size,
    glyph: sealWithCheck,
  })),
  ...[16, 32, 80].map((size) => ({
    file: `seal-${size}.png`,
    size,
    glyph: sealRosette,
  })),
  ...[16, 32, 80].map((size) => ({
    file: `verify-${size}.png`,
    size,
    glyph: magnifierWithCheck,
  })),
  ...[16, 32, 80].map((size) => ({
    file: `log-${size}.png`,
    size,
    glyph: sealedLog,
  })),
];

// ---- rasteriser ---------------------------------------------------------------------------------

/** Returns non-premultiplied RGBA, row by row, transparent background. */
export function rasterize(size, layers) {
  const out = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Sum premultiplied colour over the sub-samples, compositing layers "over" each other.
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          let cr = 0,
            cg = 0,
            cb = 0,
            ca = 0;
          for (const [inside, rgb, alpha] of layers) {
            if (!inside(x, y)) continue;
            cr = rgb[0] * alpha + cr * (1 - alpha);
            cg = rgb[1] * alpha + cg * (1 - alpha);
            cb = rgb[2] * alpha + cb * (1 - alpha);
            ca = alpha + ca * (1 - alpha);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

// ---- PNG encoding -------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Scanlines as PNG stores them before compression: filter byte 0 (None), then the row's RGBA. */
function scanlines(width, height, rgba) {
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (1 + width * 4) + 1,
    );
  }
  return raw;
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(scanlines(width, height, rgba), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Reads back what encodePng wrote: size and the uncompressed scanlines (for --check). */
function decodeOwnPng(bytes) {
  let width = 0,
    height = 0;
  const idat = [];
  for (let off = 8; off + 8 <= bytes.length;) {
    const len = bytes.readUInt32BE(off);
    const type = bytes.toString("ascii", off + 4, off + 8);
    if (type === "IHDR") {
      width = bytes.readUInt32BE(off + 8);
      height = bytes.readUInt32BE(off + 12);
    } else if (type === "IDAT") {
      idat.push(bytes.subarray(off + 8, off + 8 + len));
    }
    off += 12 + len;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

function main(argv) {
  const check = argv.includes("--check");
  const outAt = argv.indexOf("--out");
  if (outAt >= 0 && !argv[outAt + 1]) {
    console.error("--out needs a folder");
    process.exit(2);
  }
  const assetsDir =
    outAt >= 0 ? path.resolve(argv[outAt + 1]) : path.join(repoRoot, "assets");
  const shownDir = outAt >= 0 ? assetsDir : "assets";
  if (!check) mkdirSync(assetsDir, { recursive: true });
  const stale = [];
  for (const { file, size, glyph } of ICONS) {
    const rgba = rasterize(size, glyph(size));
    const target = path.join(assetsDir, file);
    if (check) {
      const expected = scanlines(size, size, rgba);
      if (!existsSync(target)) {
        stale.push(`${file}: missing`);
        continue;
      }
      const got = decodeOwnPng(readFileSync(target));
      if (
        got.width !== size ||
        got.height !== size ||
        !got.raw.equals(expected)
      ) {
        stale.push(`${file}: differs from what scripts/make-icons.mjs draws`);
      }
    } else {
      writeFileSync(target, encodePng(size, size, rgba));
      console.log(`${shownDir}/${file} (${size}x${size})`);
    }
  }
  if (check) {
    for (const line of stale) console.error(`${shownDir}/${line}`);
    if (stale.length > 0) {
      console.error("Run `node scripts/make-icons.mjs` to regenerate.");
      process.exit(1);
    }
    console.log(`${shownDir}: ${ICONS.length} icons up to date`);
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
)
  main(process.argv.slice(2));
