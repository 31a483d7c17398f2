// The experimental `anchored` and `smoothed` range modifiers (promql-extended-range-selectors): windows that
// borrow the sample before the start (and, smoothed, after the end) and pick or interpolate values at the edges.
import { interpolate } from '../functions/rate';

/** First index in [lo, hi) with pred true, or hi. */
function search(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function pickLeft(ts: Float64Array, vs: Float64Array, first: number, rangeStart: number, smoothed: boolean, counter: boolean): number {
  if (smoothed && ts[first] < rangeStart) return interpolate(ts[first], vs[first], ts[first + 1], vs[first + 1], rangeStart, counter);
  return vs[first];
}

function pickRight(ts: Float64Array, vs: Float64Array, lo: number, last: number, rangeEnd: number, smoothed: boolean, counter: boolean): number {
  if (smoothed && last > lo && ts[last] > rangeEnd) return interpolate(ts[last - 1], vs[last - 1], ts[last], vs[last], rangeEnd, counter);
  return vs[last];
}

/** rate/increase/delta (anchored or smoothed) and anchored changes/resets over points [lo, hi). */
export function extendedKernel(
  name: string,
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  rangeStart: number,
  rangeEnd: number,
  rangeMs: number,
  smoothed: boolean,
): number | undefined {
  if (name === 'changes' || name === 'resets') {
    // Start from the last sample at or before the range start, if any; nothing when no sample is after it.
    const lastLE = search(lo, hi, (i) => ts[i] > rangeStart) - 1;
    if (lastLE + 1 >= hi) return undefined;
    const first = lastLE < lo ? lo : lastLE;
    let n = 0;
    for (let i = first + 1; i < hi; i++) {
      if (name === 'changes') {
        if (vs[i] !== vs[i - 1] && !(Number.isNaN(vs[i]) && Number.isNaN(vs[i - 1]))) n++;
      } else if (vs[i] < vs[i - 1]) n++;
    }
    return n;
  }
  const isCounter = name !== 'delta';
  const isRate = name === 'rate';
  let last = hi - 1;
  let first = Math.max(lo, search(lo, last, (i) => ts[i] > rangeStart) - 1);
  if (smoothed) last = search(lo, last, (i) => ts[i] >= rangeEnd);
  if (ts[last] <= rangeStart) return undefined;
  if (smoothed && ts[first] > rangeEnd) return undefined;
  const left = pickLeft(ts, vs, first, rangeStart, smoothed, isCounter);
  const right = pickRight(ts, vs, lo, last, rangeEnd, smoothed, isCounter);
  let result = right - left;
  if (isCounter) {
    if (ts[first] <= rangeStart) first++;
    if (ts[last] >= rangeEnd) last--;
    let correction = 0;
    let prev = left;
    for (let i = first; i <= last; i++) {
      if (vs[i] < prev) correction += prev;
      prev = vs[i];
    }
    if (right < prev) correction += prev;
    result += correction;
  }
  if (isRate) result /= rangeMs / 1000;
  return result;
}

/** The points an anchored/smoothed range selector yields: edge values at mint and maxt plus the inner samples. */
export function extendFloats(
  ts: Float64Array,
  vs: Float64Array,
  mint: number,
  maxt: number,
  smoothed: boolean,
): { timestamps: Float64Array; values: Float64Array } {
  const empty = { timestamps: new Float64Array(0), values: new Float64Array(0) };
  const n = ts.length;
  if (n === 0) return empty;
  let last = n - 1;
  let first = Math.max(0, search(0, last, (i) => ts[i] > mint) - 1);
  if (smoothed) last = search(0, last, (i) => ts[i] >= maxt);
  if (ts[last] <= mint) return empty;
  const left = pickLeft(ts, vs, first, mint, smoothed, false);
  const right = pickRight(ts, vs, 0, last, maxt, smoothed, false);
  if (ts[first] <= mint) first++;
  if (ts[last] >= maxt) last--;
  const count = Math.max(last - first + 1, 0);
  const timestamps = new Float64Array(count + 2);
  const values = new Float64Array(count + 2);
  timestamps[0] = mint;
  values[0] = left;
  for (let i = 0; i < count; i++) {
    timestamps[i + 1] = ts[first + i];
    values[i + 1] = vs[first + i];
  }
  timestamps[count + 1] = maxt;
  values[count + 1] = right;
  return { timestamps, values };
}
