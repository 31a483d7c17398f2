// A minimal protobuf wire-format walker for the hot-path decoders (samples and chunk frames): varints, int64 as
// exact numbers, length-delimited slices. Bounds-checked; malformed input throws DecodeError, never reads past end.
import { DecodeError } from './errors';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

export class WireReader {
  pos: number;

  constructor(
    public buf: Uint8Array,
    start = 0,
    public end = buf.length,
  ) {
    this.pos = start;
  }

  /** Point the reader at another range (reused per sample so decoding allocates nothing per sample). */
  reset(buf: Uint8Array, start: number, end: number): this {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    return this;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Unsigned varint up to 2^53 exactly (larger values lose precision, as numbers must). */
  uvarint(): number {
    let result = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new DecodeError('decode', 'protobuf varint runs past the end of the message');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new DecodeError('decode', 'protobuf varint longer than 10 bytes');
  }

  /** int64 varint (two's complement), exact for |v| < 2^53. */
  int64(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new DecodeError('decode', 'protobuf varint runs past the end of the message');
      const b = this.buf[this.pos++];
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) {
        lo >>>= 0;
        if (hi & 0x80000000) return -((~hi >>> 0) * TWO_32 + ((~lo >>> 0) + 1));
        return (hi >>> 0) * TWO_32 + lo;
      }
      shift += 7;
    }
    throw new DecodeError('decode', 'protobuf varint longer than 10 bytes');
  }

  /** End offset of the payload read by the last lengthDelimited() (a field, not a tuple: no allocation). */
  fieldEnd = 0;

  /** Start offset of a length-delimited field's payload (end in fieldEnd); advances past it. */
  lengthDelimited(): number {
    const len = this.uvarint();
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw new DecodeError('decode', 'protobuf field length runs past the end of the message');
    this.pos = end;
    this.fieldEnd = end;
    return start;
  }

  /** Offset of a fixed64 payload; advances past it. */
  fixed64(): number {
    const at = this.pos;
    if (at + 8 > this.end) throw new DecodeError('decode', 'protobuf fixed64 runs past the end of the message');
    this.pos = at + 8;
    return at;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.uvarint();
        return;
      case WIRE_FIXED64:
        this.fixed64();
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        if (this.pos + 4 > this.end) throw new DecodeError('decode', 'protobuf fixed32 runs past the end of the message');
        this.pos += 4;
        return;
      default:
        throw new DecodeError('decode', `unsupported protobuf wire type ${wireType}`);
    }
  }
}

const utf8 = new TextDecoder('utf-8');

export function utf8At(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, end));
}
