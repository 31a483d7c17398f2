// Bucket boundaries of native histograms (Prometheus's model/histogram getBound): exponential schemas -4..8, where
// bucket i of schema s covers (base^(i-1), base^i] with base = 2^(2^-s), and custom buckets (schema -53), where
// bucket i covers (customValues[i-1], customValues[i]] with -Inf / +Inf at the ends.
import { CUSTOM_BUCKETS_SCHEMA } from '../../series/histogram';

export const isCustomSchema = (schema: number): boolean => schema === CUSTOM_BUCKETS_SCHEMA;

/** frac in [0.5, 1) for each sub-bucket of a positive schema: 2^(j/2^s) / 2 (the mantissa of each bound). */
const FRACTIONS: Float64Array[] = [];
for (let s = 0; s <= 8; s++) {
  const n = 1 << s;
  const f = new Float64Array(n);
  for (let j = 0; j < n; j++) f[j] = 2 ** (j / n) / 2;
  FRACTIONS.push(f);
}

/** Math.ldexp: frac × 2^exp without overflowing in the intermediate power. */
function ldexp(frac: number, exp: number): number {
  if (exp > 1023) return frac * 2 ** 1023 * 2 ** (exp - 1023);
  if (exp < -1022) return frac * 2 ** -1022 * 2 ** (exp + 1022);
  return frac * 2 ** exp;
}

/** Upper bound of exponential bucket `idx`; the last finite bucket ends at MAX_VALUE, as upstream. */
export function exponentialBound(idx: number, schema: number): number {
  if (schema < 0) {
    const exp = idx * 2 ** -schema;
    if (exp === 1024) return Number.MAX_VALUE;
    return ldexp(1, exp);
  }
  const n = 1 << schema;
  const fracIdx = ((idx % n) + n) % n;
  const frac = FRACTIONS[schema][fracIdx];
  const exp = Math.floor(idx / n) + 1;
  if (frac === 0.5 && exp === 1025) return Number.MAX_VALUE;
  return ldexp(frac, exp);
}

/** Upper bound of bucket `idx` (positive side); idx -1 of a custom schema is -Inf, idx = length is +Inf. */
export function bucketBound(idx: number, schema: number, customValues: Float64Array | undefined): number {
  if (isCustomSchema(schema)) {
    const cv = customValues ?? new Float64Array(0);
    if (idx === cv.length) return Infinity;
    if (idx === -1) return -Infinity;
    return cv[idx];
  }
  return exponentialBound(idx, schema);
}

/** Index mapping when lowering resolution from `from` to `to` (to ≤ from): Prometheus's targetIdx. */
export function targetIndex(idx: number, from: number, to: number): number {
  return Math.floor((idx - 1) / 2 ** (from - to)) + 1;
}
