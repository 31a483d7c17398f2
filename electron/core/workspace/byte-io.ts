// Growable little-endian byte writer and its reader for the snapshot codec: unsigned/zig-zag varints that stay exact
// up to 2^53 (timestamps and their deltas), UTF-8 strings, and raw 8-byte float64 blocks copied bit for bit.
import { WorkspaceError } from './errors';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of a Float64Array in little-endian order, without passing values through JS numbers (keeps NaN payloads). */
function float64Bytes(a: Float64Array): Uint8Array {
  const view = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN) return view;
  const out = new Uint8Array(view.length);
  for (let i = 0; i < view.length; i += 8) for (let j = 0; j < 8; j++) out[i + j] = view[i + 7 - j];
  return out;
}

export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private pos = 0;
  private readonly encoder = new TextEncoder();

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned varint (LEB128). */
  uvarint(v: number): void {
    // Up to 2^54: the zig-zag form of any safe integer.
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 54) throw new RangeError(`not a non-negative integer below 2^54: ${v}`);
    this.ensure(8);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  /** Zig-zag varint of a safe integer (small magnitudes, either sign, take few bytes). */
  svarint(v: number): void {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${v}`);
    this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  string(s: string): void {
    const bytes = this.encoder.encode(s);
    this.uvarint(bytes.length);
    this.bytes(bytes);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  float64s(a: Float64Array): void {
    this.bytes(float64Bytes(a));
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

export class ByteReader {
  private pos = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly buf: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new WorkspaceError('corrupt', 'The data snapshot ends early: the file is damaged.');
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  uvarint(): number {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
    throw new WorkspaceError('corrupt', 'The data snapshot holds an invalid number: the file is damaged.');
  }

  svarint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  string(): string {
    const n = this.uvarint();
    this.need(n);
    const s = this.decoder.decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  /** n float64 values, copied byte for byte into a fresh (aligned) array. */
  float64s(n: number): Float64Array {
    this.need(n * 8);
    const out = new Float64Array(n);
    const dst = new Uint8Array(out.buffer);
    const src = this.buf.subarray(this.pos, this.pos + n * 8);
    if (LITTLE_ENDIAN) dst.set(src);
    else for (let i = 0; i < src.length; i += 8) for (let j = 0; j < 8; j++) dst[i + j] = src[i + 7 - j];
    this.pos += n * 8;
    return out;
  }
}
