// Bounds-checked decompressor for snappy's block format (what remote_read SAMPLES bodies use). Our own because the
// response is untrusted: the declared length is checked against the limit and against what the input can possibly
// inflate to before anything is allocated, every literal and copy is checked against it, and the work can be done
// a slice at a time (SnappyBlockDecoder.run) so a large body never holds the event loop.
import { DecodeError } from './errors';

/** Most bytes one input byte can become: a 3-byte copy yields at most 64 bytes (and 1-byte headers shave a little). */
const MAX_EXPANSION = 22;

/** Decompressed length from the block header, or -1 when the header is malformed or incomplete. */
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

/** Most compressed bytes a block of `uncompressed` bytes can need (snappy's MaxEncodedLen: 32 + n + n/6). */
export function snappyMaxEncodedLength(uncompressed: number): number {
  return 32 + uncompressed + Math.ceil(uncompressed / 6);
}

function headerLength(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length && buf[i] >= 0x80) i++;
  return i + 1;
}

/** Throws unless a block declaring `outLen` bytes may be inflated under `maxBytes` (the limit named `limitName`). */
export function checkDeclaredLength(outLen: number, compressedBytes: number, maxBytes: number, limitName: string): void {
  if (outLen < 0 || outLen > 0xffffffff) throw new DecodeError('decode', 'invalid snappy block header');
  if (outLen > maxBytes) {
    throw new DecodeError('limit', `decompressed response of ${outLen} bytes exceeds the ${limitName} limit of ${maxBytes} bytes`);
  }
  if (outLen > compressedBytes * MAX_EXPANSION + 64) {
    throw new DecodeError('decode', `corrupt snappy data (declares ${outLen} bytes, more than ${compressedBytes} bytes can hold)`);
  }
}

/** Decompresses one block in slices: run(n) produces at least n more output bytes (or finishes) per call. */
export class SnappyBlockDecoder {
  readonly output: Uint8Array;
  private pos: number;
  private o = 0;

  constructor(
    private readonly buf: Uint8Array,
    maxBytes: number,
    limitName = 'decompressed-bytes',
  ) {
    const outLen = snappyUncompressedLength(buf);
    checkDeclaredLength(outLen, buf.length, maxBytes, limitName);
    this.output = new Uint8Array(outLen);
    this.pos = headerLength(buf);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Decode until `outBytes` more bytes were produced or the input ends; returns true when the block is complete. */
  run(outBytes: number): boolean {
    const buf = this.buf;
    const out = this.output;
    const outLen = out.length;
    const n = buf.length;
    let pos = this.pos;
    let o = this.o;
    const stopAt = Math.min(outLen, o + outBytes);
    const corrupt = (what: string) => new DecodeError('decode', `corrupt snappy data (${what})`);
    while (pos < n && o < stopAt) {
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
    this.pos = pos;
    this.o = o;
    if (pos < n) {
      if (o >= outLen) throw corrupt('longer than declared');
      return false;
    }
    if (o !== outLen) throw corrupt('shorter than declared');
    return true;
  }
}

/** Decompress a whole block at once (small inputs: requests, tests). */
export function snappyUncompress(buf: Uint8Array, maxBytes: number): Uint8Array {
  const d = new SnappyBlockDecoder(buf, maxBytes);
  d.run(Infinity);
  return d.output;
}
