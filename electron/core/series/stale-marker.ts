// Prometheus marks a series as gone with one specific NaN bit pattern (value.StaleNaN = 0x7ff0000000000002).
// It must survive decoding, merging and storage bit-exactly so the engine can tell it from an ordinary NaN.

const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

scratchWords[HI] = STALE_HI;
scratchWords[LO] = STALE_LO;
/**
 * The stale marker as a JS number. Assign it straight into a Float64Array slot: V8 quiets NaN payloads when a
 * number passes through a plain JS array (`new Float64Array([STALE_NAN])` loses it), and arithmetic may too.
 */
export const STALE_NAN: number = scratch[0];

/** True when the number carries Prometheus's stale-marker bit pattern. */
export function isStaleNaN(v: number): boolean {
  if (v === v) return false; // fast path: not NaN at all
  scratch[0] = v;
  return scratchWords[HI] === STALE_HI && scratchWords[LO] === STALE_LO;
}

/** True when slot i of a Float64Array holds the stale marker (reads the stored bits, not a copied number). */
export function isStaleAt(values: Float64Array, i: number): boolean {
  const v = values[i];
  if (v === v) return false;
  const words = new Uint32Array(values.buffer, values.byteOffset + i * 8, 2);
  return words[HI] === STALE_HI && words[LO] === STALE_LO;
}
