#!/usr/bin/env node
// Draws Inflow's icons (app icon sizes for the installers, tray icons) as PNG with no dependencies:
// a rounded square in the accent colour with three stacked bars, the worklist. Run it again after
// changing the drawing: `node scripts/make-icons.mjs`. The PNGs are committed; builds never run this.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ACCENT = [91, 99, 211];
const BARS = [
  { y: 0.3, width: 0.36 },
  { y: 0.47, width: 0.5 },
  { y: 0.64, width: 0.3 },
];

/** Signed distance to a rounded rectangle centred at (cx, cy). */
function roundedRect(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

const inBars = (u, v) => BARS.some((bar) => roundedRect(u, v, 0.24 + bar.width / 2, bar.y, bar.width / 2, 0.055, 0.055) <= 0);

/** RGBA of one point of the unit square: the app icon (colour) or the tray template (black on clear). */
function sample(u, v, kind) {
  if (kind === 'tray') return inBars(u, v) ? [0, 0, 0, 255] : [0, 0, 0, 0];
  if (roundedRect(u, v, 0.5, 0.5, 0.42, 0.42, 0.1) > 0) return [0, 0, 0, 0];
  return inBars(u, v) ? [255, 255, 255, 255] : [...ACCENT, 255];
}

function draw(size, kind) {
  const pixels = Buffer.alloc(size * size * 4);
  const grid = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const [r, g, b, a] = sample((x + (sx + 0.5) / grid) / size, (y + (sy + 0.5) / grid) / size, kind);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const offset = (y * size + x) * 4;
      const alpha = sum[3] / (grid * grid);
      pixels[offset] = sum[3] ? Math.round(sum[0] / sum[3]) : 0;
      pixels[offset + 1] = sum[3] ? Math.round(sum[1] / sum[3]) : 0;
      pixels[offset + 2] = sum[3] ? Math.round(sum[2] / sum[3]) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return png(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(path, data) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), data);
}

write('resources/build/icon.png', draw(1024, 'app'));
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`resources/build/icons/${size}x${size}.png`, draw(size, 'app'));
// macOS draws a template image (black + alpha) in the menu-bar colour; other systems get the colour icon.
write('resources/tray/trayTemplate.png', draw(16, 'tray'));
write('resources/tray/trayTemplate@2x.png', draw(32, 'tray'));
write('resources/tray/tray.png', draw(32, 'app'));
console.log('icons written');
