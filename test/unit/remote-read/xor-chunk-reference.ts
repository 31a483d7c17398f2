// Reference XOR chunk decoder for tests: the straightforward bit-at-a-time reader the fast decoder replaced, with a
// bounds check on every read. The fast decoder must agree with it on every input, valid or not: same samples, same
// error message, same samples kept before the error.
import { DecodeError } from '@core/remote-read/errors';

class CheckedBits {
  bit: number;
  readonly totalBits: number;
  constructor(
    private readonly data: Uint8Array,
    startByte: number,
  ) {
    this.bit = startByte * 8;
    this.totalBits = data.length * 8;
  }
  readBit(): number {
    if (this.bit >= this.totalBits) throw new DecodeError('decode', 'XOR chunk ended early');
    const i = this.bit++;
    return (this.data[i >>> 3] >>> (7 - (i & 7))) & 1;
  }
  readBits(n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 2 + this.readBit();
    return v;
  }
  readUvarint(): number {
    let result = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      const b = this.readBits(8);
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new DecodeError('decode', 'varint overflows 64 bits in XOR chunk');
  }
}

export interface ReferenceDecode {
  timestamps: number[];
  /** Value bits as 'hi:lo' hex. */
  values: string[];
  error?: string;
}

/** Decode a chunk sample by sample (no window trim); an error ends the decode and is reported with what was kept. */
export function referenceDecodeXor(data: Uint8Array): ReferenceDecode {
  const out: ReferenceDecode = { timestamps: [], values: [] };
  const push = (t: number, hi: number, lo: number) => {
    out.timestamps.push(t);
    out.values.push((hi >>> 0).toString(16) + ':' + (lo >>> 0).toString(16));
  };
  try {
    if (data.length < 2) throw new DecodeError('decode', 'XOR chunk shorter than its header');
    const total = (data[0] << 8) | data[1];
    if (total === 0) return out;
    const r = new CheckedBits(data, 2);
    const u = r.readUvarint();
    let t = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    let vHi = r.readBits(32);
    let vLo = r.readBits(32);
    push(t, vHi, vLo);
    if (total === 1) return out;
    let delta = r.readUvarint();
    if (delta >= 2 ** 63) delta -= 2 ** 64;
    t += delta;
    let leading = 0;
    let trailing = 0;
    for (let i = 1; i < total; i++) {
      if (i > 1) {
        let ones = 0;
        while (ones < 4 && r.readBit() === 1) ones++;
        if (ones === 4) {
          const hi = r.readBits(32);
          const lo = r.readBits(32);
          delta += (hi | 0) * 4294967296 + lo;
        } else if (ones > 0) {
          const sz = [0, 14, 17, 20][ones];
          let dod = r.readBits(sz);
          if (dod > 2 ** (sz - 1)) dod -= 2 ** sz;
          delta += dod;
        }
        t += delta;
      }
      if (r.readBit() === 1) {
        if (r.readBit() === 1) {
          leading = r.readBits(5);
          let sig = r.readBits(6);
          if (sig === 0) sig = 64;
          if (leading + sig > 64) throw new DecodeError('decode', 'XOR chunk value window exceeds 64 bits');
          trailing = 64 - leading - sig;
        }
        // The XOR delta bit by bit, most significant first.
        const sig = 64 - leading - trailing;
        for (let k = 0; k < sig; k++) {
          const pos = leading + k;
          if (r.readBit()) {
            if (pos < 32) vHi ^= 1 << (31 - pos);
            else vLo ^= 1 << (63 - pos);
          }
        }
      }
      push(t, vHi, vLo);
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    out.error = e.message;
  }
  return out;
}
