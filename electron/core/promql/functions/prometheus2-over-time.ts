// *_over_time kernels exactly as Prometheus 2.42 computes them (compat: 'prometheus2'), so values agree in every
// bit: its Kahan step has no overflow guard, avg_over_time is a compensated incremental mean from the first sample,
// and an infinite sum or mean is returned without its compensation.
import type { RangeWindow } from './window';

/** 2.42's kahanSumInc (Neumaier): [t, c] into out. */
function kahanSumInc2(inc: number, sum: number, c: number, out: Float64Array): void {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  out[0] = t;
  out[1] = c;
}

const pair = new Float64Array(2);
const isInf = (v: number) => v === Infinity || v === -Infinity;

export function sumOverTime2(w: RangeWindow): number {
  let sum = 0;
  let c = 0;
  for (let i = w.lo; i < w.hi; i++) {
    kahanSumInc2(w.vs[i], sum, c, pair);
    sum = pair[0];
    c = pair[1];
  }
  return isInf(sum) ? sum : sum + c;
}

export function avgOverTime2(w: RangeWindow): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (let i = w.lo; i < w.hi; i++) {
    const v = w.vs[i];
    count++;
    if (isInf(mean)) {
      // Inf of the same sign stays; a finite value cannot move an infinite mean (Inf − Inf would give NaN).
      if (isInf(v) && mean > 0 === v > 0) continue;
      if (!isInf(v) && v === v) continue;
    }
    kahanSumInc2(v / count - mean / count, mean, c, pair);
    mean = pair[0];
    c = pair[1];
  }
  return isInf(mean) ? mean : mean + c;
}

export function varianceOverTime2(w: RangeWindow): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = w.lo; i < w.hi; i++) {
    const v = w.vs[i];
    count++;
    const delta = v - (mean + cMean);
    kahanSumInc2(delta / count, mean, cMean, pair);
    mean = pair[0];
    cMean = pair[1];
    kahanSumInc2(delta * (v - (mean + cMean)), aux, cAux, pair);
    aux = pair[0];
    cAux = pair[1];
  }
  return (aux + cAux) / count;
}
