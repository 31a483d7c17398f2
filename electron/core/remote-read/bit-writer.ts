// MSB-first bit writer into a growable byte array, the layout of Prometheus's bstream. Used by our XOR chunk
// encoder (in-repo server, tests, fuzzing); not on the client's read path.

export class BitWriter {
  private buf: Uint8Array;
  private bit = 0;

  constructor(initialBytes = 128) {
    this.buf = new Uint8Array(initialBytes);
  }

  private grow(bitsNeeded: number): void {
    const need = (this.bit + bitsNeeded + 7) >>> 3;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
  }

  writeBit(b: number): void {
    this.grow(1);
    if (b) this.buf[this.bit >>> 3] |= 0x80 >>> (this.bit & 7);
    this.bit++;
  }

  /** Write the low n bits (0..32) of v, most significant first. */
  writeBits(v: number, n: number): void {
    this.grow(n);
    for (let k = n - 1; k >= 0; k--) {
      if ((v >>> k) & 1) this.buf[this.bit >>> 3] |= 0x80 >>> (this.bit & 7);
      this.bit++;
    }
  }

  writeByte(b: number): void {
    this.writeBits(b & 0xff, 8);
  }

  writeUvarint(v: number): void {
    // v is a non-negative integer below 2^64 held in a float (exact below 2^53).
    while (v >= 0x80) {
      this.writeByte((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.writeByte(v);
  }

  writeVarint(v: number): void {
    this.writeUvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, (this.bit + 7) >>> 3);
  }
}
