// deriv and predict_linear: least-squares regression over a window with Kahan-compensated sums, as Prometheus's
// linearRegression computes it (x in seconds relative to an intercept time).
import type { RangeWindow } from './window';
import { KahanSum } from './kahan';

/** [slope, intercept] written into out. */
export function linearRegression(w: RangeWindow, interceptTime: number, out: Float64Array): void {
  const { ts, vs, lo, hi } = w;
  let n = 0;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  const initY = vs[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    const y = vs[i];
    if (constY && i > lo && y !== initY) constY = false;
    n += 1;
    const x = (ts[i] - interceptTime) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) {
      out[0] = NaN;
      out[1] = NaN;
    } else {
      out[0] = 0;
      out[1] = initY;
    }
    return;
  }
  const sx = sumX.sum + sumX.c;
  const sy = sumY.sum + sumY.c;
  const sxy = sumXY.sum + sumXY.c;
  const sx2 = sumX2.sum + sumX2.c;
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  out[0] = slope;
  out[1] = sy / n - (slope * sx) / n;
}

const scratch = new Float64Array(2);

export function deriv(w: RangeWindow): number | undefined {
  if (w.hi - w.lo < 2) return undefined;
  linearRegression(w, w.ts[w.lo], scratch);
  return scratch[0];
}

export function predictLinear(w: RangeWindow, durationSeconds: number): number | undefined {
  if (w.hi - w.lo < 2) return undefined;
  linearRegression(w, w.evalTs, scratch);
  return scratch[0] * durationSeconds + scratch[1];
}
