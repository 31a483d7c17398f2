// Bit access for the XOR chunk decoder, in Prometheus's bstream layout (MSB first). A chunk is copied into a scratch
// buffer with zero padding so that a 32-bit window can be loaded at any bit position without a bounds check: V8
// deoptimises typed-array reads past the end, and a branch per read is what made the old reader slow. Callers
// compare their bit position with the real length themselves (once per sample) and must never trust padding bits.

/** Zero bytes after the copied chunk: one sample reads at most 4 + 64 + 13 + 64 bits plus a 5-byte window. */
export const PAD_BYTES = 32;

let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);

/**
 * A big-endian view of a copy of `data` followed by PAD_BYTES zero bytes. Valid until the next call (one shared
 * buffer, no allocation). A DataView because V8 compiles getInt32 to one unaligned load and a byte swap.
 */
export function paddedCopy(data: Uint8Array): DataView {
  const need = data.length + PAD_BYTES;
  if (scratch.length < need) {
    let cap = scratch.length * 2;
    while (cap < need) cap *= 2;
    scratch = new Uint8Array(cap);
    scratchView = new DataView(scratch.buffer);
  }
  scratch.set(data);
  scratch.fill(0, data.length, need);
  return scratchView;
}

/**
 * The 32 bits starting at bit `pos` of `v`, as an int32 (the first bit is the sign bit). `v` must hold at least
 * 5 bytes from byte pos >>> 3 (a paddedCopy does, for any position up to the padding).
 */
export function peek32(v: DataView, pos: number): number {
  const b = pos >>> 3;
  const off = pos & 7;
  // No branch for off = 0: the byte shifted right by 8 is 0.
  return (v.getInt32(b) << off) | (v.getUint8(b + 4) >>> (8 - off));
}

/** Mask of bits a..b-1 of a 32-bit word, bit 0 being the most significant (empty when a >= b). */
export function msbRangeMask(a: number, b: number): number {
  if (a >= b) return 0;
  const from = 0xffffffff >>> a;
  return b >= 32 ? from | 0 : (from & ~(0xffffffff >>> b)) | 0;
}
