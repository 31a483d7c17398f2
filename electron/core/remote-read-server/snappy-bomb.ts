// A snappy block built to inflate as much as snappy allows: one 64-byte literal, then 3-byte copies of 64 bytes
// (offset 64), ~21:1. The 64-byte unit is one unknown protobuf field (field 15, 62 bytes), so the inflated bytes are
// a well-formed ReadResponse holding nothing — only limits, deadlines and cancellation can stop the reader.
const UNIT = 64;

let last: { bytes: number; body: Buffer } | undefined;

/** The bomb for `inflatedBytes` (the latest one is kept, so repeated requests cost no CPU in the server). */
export function snappyBomb(inflatedBytes: number): Buffer {
  if (last?.bytes !== inflatedBytes) last = { bytes: inflatedBytes, body: buildBomb(inflatedBytes) };
  return last.body;
}

function buildBomb(inflatedBytes: number): Buffer {
  const units = Math.max(1, Math.floor(inflatedBytes / UNIT));
  const total = units * UNIT;
  const header: number[] = [];
  for (let v = total; ; v = Math.floor(v / 128)) {
    if (v < 0x80) {
      header.push(v);
      break;
    }
    header.push((v & 0x7f) | 0x80);
  }
  const out = Buffer.alloc(header.length + 2 + UNIT + (units - 1) * 3);
  let o = 0;
  for (const b of header) out[o++] = b;
  out[o++] = 60 << 2; // literal whose length-1 follows in one byte
  out[o++] = UNIT - 1;
  out[o++] = (15 << 3) | 2; // field 15, length-delimited
  out[o++] = UNIT - 2;
  o += UNIT - 2; // payload: zeros
  // copy: tag (length 64, 2-byte offset), offset 64 little-endian — repeated by fill().
  out.fill(Buffer.from([((UNIT - 1) << 2) | 2, UNIT, 0]), o);
  return out;
}
