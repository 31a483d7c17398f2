// The <aggregation>_over_time functions and their kin (changes, resets, ts_of_*) over one window of floats,
// following Prometheus's functions.go; Kahan-compensated where upstream compensates.
import type { RangeWindow } from './window';
import { KahanSum, kahanInc } from './kahan';
import { quantileOf } from './quantile';

const pair = new Float64Array(2);

export function avgOverTime(w: RangeWindow): number {
  const { vs, lo, hi } = w;
  let sum = vs[lo];
  let c = 0;
  let mean = 0;
  let count = 1;
  let incremental = false;
  for (let i = lo + 1; i < hi; i++) {
    const f = vs[i];
    count = i - lo + 1;
    if (!incremental) {
      kahanInc(f, sum, c, pair);
      if (Number.isFinite(pair[0]) || Number.isNaN(pair[0])) {
        sum = pair[0];
        c = pair[1];
        continue;
      }
      // The direct sum would overflow: continue with an incremental mean from here on.
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    kahanInc(f / count, q * mean, q * c, pair);
    mean = pair[0];
    c = pair[1];
  }
  if (incremental) return mean + c;
  return sum / count + c / count;
}

export function sumOverTime(w: RangeWindow): number {
  const k = new KahanSum();
  for (let i = w.lo; i < w.hi; i++) k.add(w.vs[i]);
  return k.value();
}

export function countOverTime(w: RangeWindow): number {
  return w.hi - w.lo;
}

/** max_over_time / min_over_time / ts_of_max / ts_of_min share one scan; NaN is replaced by any number. */
export function compareOverTime(w: RangeWindow, max: boolean, orEqual: boolean, returnTs: boolean): number {
  const { ts, vs, lo, hi } = w;
  let best = vs[lo];
  let bestT = ts[lo];
  for (let i = lo; i < hi; i++) {
    const f = vs[i];
    const better = max ? (orEqual ? f >= best : f > best) : orEqual ? f <= best : f < best;
    if (better || Number.isNaN(best)) {
      best = f;
      bestT = ts[i];
    }
  }
  return returnTs ? bestT / 1000 : best;
}

export function varianceOverTime(w: RangeWindow): number {
  const { vs, lo, hi } = w;
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = lo; i < hi; i++) {
    const f = vs[i];
    count++;
    const delta = f - (mean + cMean);
    kahanInc(delta / count, mean, cMean, pair);
    mean = pair[0];
    cMean = pair[1];
    kahanInc(delta * (f - (mean + cMean)), aux, cAux, pair);
    aux = pair[0];
    cAux = pair[1];
  }
  return (aux + cAux) / count;
}

export function quantileOverTime(w: RangeWindow, q: number): number {
  return quantileOf(q, w.vs.slice(w.lo, w.hi));
}

export function madOverTime(w: RangeWindow): number {
  const values = w.vs.slice(w.lo, w.hi);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return NaN;
  const median = quantileOf(0.5, values);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i] - median);
  return quantileOf(0.5, values);
}

/** First index of the samples changes/resets consider: with `anchored`, the last sample at or before the start. */
export function changes(w: RangeWindow, first: number): number {
  const { vs, hi } = w;
  let n = 0;
  for (let i = first + 1; i < hi; i++) {
    const prev = vs[i - 1];
    const cur = vs[i];
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
  }
  return n;
}

export function resets(w: RangeWindow, first: number): number {
  const { vs, hi } = w;
  let n = 0;
  for (let i = first + 1; i < hi; i++) if (vs[i] < vs[i - 1]) n++;
  return n;
}
