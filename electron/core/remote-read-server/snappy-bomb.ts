// A snappy block built to inflate as much as snappy allows: one 64-byte literal, then 3-byte copies of 64 bytes
// (offset 64), ~21:1. The 64-byte unit is one unknown protobuf field (field 15, 62 bytes), so the inflated bytes are
// a well-formed ReadResponse holding nothing — only limits, deadlines and cancellation can stop the reader.
const UNIT = 64;

export function snappyBomb(inflatedBytes: number): Buffer {
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
  const out = Buffer.alloc(header.length + 1 + UNIT + (units - 1) * 3);
  let o = 0;
  for (const b of header) out[o++] = b;
  out[o++] = (UNIT - 1) << 2; // literal of 64 bytes
  out[o++] = (15 << 3) | 2; // field 15, length-delimited
  out[o++] = UNIT - 2;
  o += UNIT - 2; // payload: zeros
  for (let i = 1; i < units; i++) {
    out[o++] = ((UNIT - 1) << 2) | 2; // copy, 2-byte offset, length 64
    out[o++] = UNIT;
    out[o++] = 0;
  }
  return out;
}
