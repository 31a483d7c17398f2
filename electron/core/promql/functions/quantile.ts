// The φ-quantile of a set of floats (quantile aggregation, quantile_over_time, mad_over_time), interpolated
// between closest ranks as Prometheus's quantile() does; NaNs sort first.
/** Sorts `values` in place (NaN first) and returns the quantile. */
export function quantileOf(q: number, values: Float64Array): number {
  const n = values.length;
  if (n === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortNaNFirst(values);
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex] * (1 - weight) + values[upperIndex] * weight;
}

/** Ascending with NaNs first, like Go's sort over vectorByValueHeap. */
export function sortNaNFirst(values: Float64Array): void {
  values.sort((a, b) => {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
    if (Number.isNaN(b)) return 1;
    return a - b;
  });
}
