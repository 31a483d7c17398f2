// A tiny protobuf wire writer for the in-repo server's responses. Doubles are written from raw words so NaN
// payloads (stale markers) go out bit-exact; field numbers come from the shared schema.
import { WORD_HI, WORD_LO } from '@core/remote-read/series-builder';

const TWO_32 = 4294967296;

export class ProtoWriter {
  private buf = new Uint8Array(256);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  uvarint(v: number): this {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
    return this;
  }

  /** int64 as a two's-complement varint (10 bytes when negative). */
  int64(v: number): this {
    if (v >= 0) return this.uvarint(v);
    let lo = (v % TWO_32) >>> 0;
    let hi = Math.floor(v / TWO_32) >>> 0;
    this.ensure(10);
    for (let k = 0; k < 10; k++) {
      const b = lo & 0x7f;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
      const more = k < 9 && (lo !== 0 || hi !== 0);
      this.buf[this.length++] = more ? b | 0x80 : b;
      if (!more) break;
    }
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.uvarint(field * 8 + wireType);
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).uvarint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  /** A double from the raw words of slot i, given a Uint32Array view over the Float64Array. */
  doubleWordsAt(field: number, words: Uint32Array, i: number): this {
    const lo = words[2 * i + WORD_LO];
    const hi = words[2 * i + WORD_HI];
    this.tag(field, 1);
    this.ensure(8);
    const b = this.buf;
    let o = this.length;
    b[o++] = lo & 0xff;
    b[o++] = (lo >>> 8) & 0xff;
    b[o++] = (lo >>> 16) & 0xff;
    b[o++] = lo >>> 24;
    b[o++] = hi & 0xff;
    b[o++] = (hi >>> 8) & 0xff;
    b[o++] = (hi >>> 16) & 0xff;
    b[o++] = hi >>> 24;
    this.length = o;
    return this;
  }

  /** A double field from a number (not for stale markers: use doubleWordsAt, which keeps NaN payloads). */
  double(field: number, v: number): this {
    this.tag(field, 1);
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.length, v, true);
    this.length += 8;
    return this;
  }

  /** A zig-zag (sint32/sint64) varint, exact for |v| < 2^52. */
  sint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
