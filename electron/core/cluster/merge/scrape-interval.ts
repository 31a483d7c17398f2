// Scrape-interval estimates from sample spacing (median of consecutive differences) and the gap threshold built on
// them. Shared by the fill strategies, the stale-marker rule of `union` and the findings. Never allocates per sample.

/**
 * Default gap threshold, in multiples of the median scrape interval. The brief says "~2×"; we take 1.5× on purpose:
 * one missed scrape makes a spacing of ≈2× the interval, and with 2× as the cut its detection would depend on the
 * sign of the scrape jitter. Ordinary jitter (well below 25 %) never reaches 1.5×.
 */
export const GAP_FACTOR = 1.5;

/** Median spacing of ts[lo..hi) (NaN with fewer than two samples). Even counts average the two middle spacings. */
export function medianSpacing(ts: Float64Array, lo = 0, hi = ts.length): number {
  const n = hi - lo - 1;
  if (n < 1) return NaN;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = ts[lo + i + 1] - ts[lo + i];
  return medianInPlace(d);
}

/** Median of the spacings of several timestamp arrays taken together (NaN when none has two samples). */
export function pooledMedianSpacing(all: readonly Float64Array[]): number {
  let n = 0;
  for (const ts of all) if (ts.length > 1) n += ts.length - 1;
  if (n === 0) return NaN;
  const d = new Float64Array(n);
  let k = 0;
  for (const ts of all) for (let i = 1; i < ts.length; i++) d[k++] = ts[i] - ts[i - 1];
  return medianInPlace(d);
}

/** Sorts `xs` and returns its median (NaN for an empty array). */
export function medianInPlace(xs: Float64Array): number {
  if (xs.length === 0) return NaN;
  xs.sort();
  const mid = xs.length >>> 1;
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}
