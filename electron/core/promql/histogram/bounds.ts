// Bucket boundaries of native histograms (Prometheus's model/histogram getBound): exponential schemas -4..8, where
// bucket i of schema s covers (base^(i-1), base^i] with base = 2^(2^-s), and custom buckets (schema -53), where
// bucket i covers (customValues[i-1], customValues[i]] with -Inf / +Inf at the ends.
import { bucketBound as sharedBucketBound } from '@shared/histogram/bounds';
import { CUSTOM_BUCKETS_SCHEMA } from '../../series/histogram';

export const isCustomSchema = (schema: number): boolean => schema === CUSTOM_BUCKETS_SCHEMA;

/**
 * Upper bound of bucket `idx` (positive side); idx -1 of a custom schema is -Inf, idx = length is +Inf. The one
 * table of Prometheus's bound mantissas (shared/histogram/bounds.ts), so quantiles interpolate between the same
 * digits Prometheus uses.
 */
export function bucketBound(idx: number, schema: number, customValues: Float64Array | undefined): number {
  if (isCustomSchema(schema) && !customValues) return idx === 0 ? Infinity : -Infinity;
  return sharedBucketBound(idx, schema, customValues);
}

/** Index mapping when lowering resolution from `from` to `to` (to ≤ from): Prometheus's targetIdx. */
export function targetIndex(idx: number, from: number, to: number): number {
  return Math.floor((idx - 1) / 2 ** (from - to)) + 1;
}
