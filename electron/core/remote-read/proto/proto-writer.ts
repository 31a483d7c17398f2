// A minimal protobuf writer for the few messages the client sends (ReadRequest): varints (int64 as two's
// complement, like Go and protobufjs), length-delimited strings and nested messages. Grows one buffer.
// proto3 scalars have implicit presence: a zero, false or empty string is not written (as Go and protobufjs do).

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** An unsigned varint below 2^53, or any int64 (negatives take ten bytes). */
  private varint(v: number): void {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer: ${v}`);
    if (v < 0) {
      let x = BigInt.asUintN(64, BigInt(v));
      while (x >= 0x80n) {
        this.byte(Number(x & 0x7fn) | 0x80);
        x >>= 7n;
      }
      return this.byte(Number(x));
    }
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** int64 / int32 / enum / bool field; 0 is the default and not written. */
  int64(field: number, v: number): void {
    if (v === 0) return;
    this.tag(field, WIRE_VARINT);
    this.varint(v);
  }

  /** A string field; '' is the default and not written. */
  string(field: number, s: string): void {
    if (s === '') return;
    const bytes = utf8.encode(s);
    this.tag(field, WIRE_LEN);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A nested message written by `body`; its length is known once written, then the bytes move to make room. */
  message(field: number, body: () => void): void {
    this.tag(field, WIRE_LEN);
    const start = this.len;
    body();
    this.spliceLength(start);
  }

  packedVarints(field: number, values: readonly number[]): void {
    this.tag(field, WIRE_LEN);
    const start = this.len;
    for (const v of values) this.varint(v);
    this.spliceLength(start);
  }

  /** Insert the varint length of buf[start..len) at start. */
  private spliceLength(start: number): void {
    const bodyLen = this.len - start;
    const body = this.buf.slice(start, this.len);
    this.len = start;
    this.varint(bodyLen);
    this.ensure(bodyLen);
    this.buf.set(body, this.len);
    this.len += bodyLen;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
