// Nearest-sample lookup by binary search, for pairing one node's samples with another's. No allocation.
import { lowerBound } from '@core/series/memory-store';

/** Index of the timestamp nearest to t (the earlier one on a tie), −1 for an empty array. */
export function nearestIndex(ts: Float64Array, t: number): number {
  if (ts.length === 0) return -1;
  const i = lowerBound(ts, t);
  if (i === 0) return 0;
  if (i === ts.length) return i - 1;
  return t - ts[i - 1] <= ts[i] - t ? i - 1 : i;
}
