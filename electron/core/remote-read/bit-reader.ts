// A bounds-checked MSB-first bit reader over a byte array, the layout of Prometheus's bstream. Reads at most 32 bits
// at a time as an unsigned number; never allocates per read. Running past the end throws DecodeError.
import { DecodeError } from './errors';

export class BitReader {
  private bit = 0;
  private readonly totalBits: number;

  constructor(
    private readonly data: Uint8Array,
    startByte = 0,
  ) {
    this.bit = startByte * 8;
    this.totalBits = data.length * 8;
  }

  readBit(): number {
    const i = this.bit;
    if (i >= this.totalBits) throw new DecodeError('decode', 'XOR chunk ended early');
    this.bit = i + 1;
    return (this.data[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  /** Read n bits (0..32) as an unsigned integer. */
  readBits(n: number): number {
    const i = this.bit;
    if (i + n > this.totalBits) throw new DecodeError('decode', 'XOR chunk ended early');
    this.bit = i + n;
    if (n === 0) return 0;
    // Load the 32-bit window starting at the current byte (bytes past the end read as 0; the bounds check above
    // guarantees none of them is actually used), then take n bits at the bit offset.
    const d = this.data;
    const b = i >>> 3;
    const off = i & 7;
    const w = ((d[b] << 24) | (d[b + 1] << 16) | (d[b + 2] << 8) | d[b + 3]) >>> 0;
    const need = off + n;
    const top = ((w << off) >>> 0) >>> (32 - n);
    if (need <= 32) return top;
    // The last need-32 bits come from the fifth byte.
    return (top | (d[b + 4] >>> (40 - need))) >>> 0;
  }

  readByte(): number {
    return this.readBits(8);
  }

  /** Unsigned LEB128 varint read bit-aligned from the stream (as Go's binary.ReadUvarint over the bstream does). */
  readUvarint(): number {
    let result = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      const b = this.readByte();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new DecodeError('decode', 'varint overflows 64 bits in XOR chunk');
  }

  /** Zig-zag signed varint (Go's binary.ReadVarint). */
  readVarint(): number {
    const u = this.readUvarint();
    // u / 2 with the sign in the low bit; float math stays exact below 2^53.
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  bitsLeft(): number {
    return this.totalBits - this.bit;
  }
}
