// Derives the installers' icon set from resources/icon.png (drawn by scripts/make-icon.mjs): Linux PNG sizes in
// resources/icons/, a Windows .ico and a macOS .icns (both holding PNGs), so electron-builder converts nothing.
// Run: node resources/make-icon-set.mjs (after make-icon.mjs). Deterministic: same input, same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { encodePng } from './png-codec.mjs';

const here = (p) => new URL(p, import.meta.url);

/** RGBA 8-bit, non-interlaced PNG → { size, px } (what make-icon.mjs writes; other PNGs are refused). */
function decodePng(buf) {
  const idat = [];
  let w = 0;
  let h = 0;
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('icon.png must be 8-bit RGBA, non-interlaced');
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * 4;
  const px = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? px[y * stride + x - 4] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? px[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][f];
      px[y * stride + x] = (row[x] + pred) & 255;
    }
  }
  if (w !== h) throw new Error('icon.png must be square');
  return { size: w, px };
}

/** Area-average downscale with premultiplied alpha, so transparent edges do not darken. */
function downscale(src, n) {
  const out = new Uint8Array(n * n * 4);
  const k = src.size / n;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      let r = 0, g = 0, b = 0, a = 0, cnt = 0;
      for (let sy = Math.floor(y * k); sy < Math.floor((y + 1) * k); sy++)
        for (let sx = Math.floor(x * k); sx < Math.floor((x + 1) * k); sx++) {
          const i = (sy * src.size + sx) * 4;
          const al = src.px[i + 3];
          r += src.px[i] * al;
          g += src.px[i + 1] * al;
          b += src.px[i + 2] * al;
          a += al;
          cnt++;
        }
      const o = (y * n + x) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
      }
      out[o + 3] = Math.round(a / cnt);
    }
  return out;
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, png], i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, png]) => png)]);
}

function icns(entries) {
  const parts = entries.map(([type, png]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([h, body]);
}

const src = decodePng(readFileSync(here('./icon.png')));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512].filter((s) => s <= src.size);
const png = new Map(SIZES.map((s) => [s, s === src.size ? readFileSync(here('./icon.png')) : encodePng(s, downscale(src, s))]));
mkdirSync(here('./icons/'), { recursive: true });
for (const [s, data] of png) writeFileSync(here(`./icons/${s}x${s}.png`), data);
writeFileSync(here('./icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png.get(s)])));
// icp4/icp5/icp6 = 16/32/64, ic07/ic08/ic09 = 128/256/512 (PNG payloads, macOS 10.7+).
writeFileSync(here('./icon.icns'), icns([['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512]].map(([t, s]) => [t, png.get(s)])));
console.log(`resources: icons/ (${SIZES.join(', ')}), icon.ico, icon.icns`);
