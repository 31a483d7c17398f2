// Bounds-checked decompressor for snappy's block format (what remote_read SAMPLES bodies use). Our own because the
// response is untrusted: every literal and copy is checked against the declared length, so bad input fails fast.
import { DecodeError } from './errors';

/** Decompressed length from the block header, or -1 when the header is malformed. */
export function snappyUncompressedLength(buf: Uint8Array): number {
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 5 && i < buf.length; i++) {
    const b = buf[i];
    result += (b & 0x7f) * mul;
    if (b < 0x80) return result;
    mul *= 128;
  }
  return -1;
}

function headerLength(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length && buf[i] >= 0x80) i++;
  return i + 1;
}

export function snappyUncompress(buf: Uint8Array, maxBytes: number): Uint8Array {
  const outLen = snappyUncompressedLength(buf);
  if (outLen < 0 || outLen > 0xffffffff) throw new DecodeError('decode', 'invalid snappy block header');
  if (outLen > maxBytes) {
    throw new DecodeError('limit', `decompressed response of ${outLen} bytes exceeds the limit of ${maxBytes} bytes`);
  }
  const out = new Uint8Array(outLen);
  let pos = headerLength(buf);
  let o = 0;
  const n = buf.length;
  const corrupt = (what: string) => new DecodeError('decode', `corrupt snappy data (${what})`);
  while (pos < n) {
    const tag = buf[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (pos + extra > n) throw corrupt('literal length');
        len = 0;
        for (let k = extra - 1; k >= 0; k--) len = len * 256 + buf[pos + k];
        len += 1;
        pos += extra;
      }
      if (pos + len > n) throw corrupt('literal past input end');
      if (o + len > outLen) throw corrupt('literal past declared length');
      out.set(buf.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos + 1 > n) throw corrupt('copy past input end');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | buf[pos];
      pos += 1;
    } else if (kind === 2) {
      if (pos + 2 > n) throw corrupt('copy past input end');
      len = (tag >>> 2) + 1;
      offset = buf[pos] | (buf[pos + 1] << 8);
      pos += 2;
    } else {
      if (pos + 4 > n) throw corrupt('copy past input end');
      len = (tag >>> 2) + 1;
      offset = (buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (buf[pos + 3] << 24)) >>> 0;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw corrupt('copy offset');
    if (o + len > outLen) throw corrupt('copy past declared length');
    // Overlapping copies (offset < len) repeat the pattern, so copy byte by byte in that case.
    if (offset >= len) out.copyWithin(o, o - offset, o - offset + len);
    else for (let k = 0; k < len; k++) out[o + k] = out[o - offset + k];
    o += len;
  }
  if (o !== outLen) throw corrupt('shorter than declared');
  return out;
}
