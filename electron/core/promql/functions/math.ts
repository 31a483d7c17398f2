// Element-wise float functions of instant vectors (abs, ceil, ln, sin, sgn, …), one table by name. Each entry is
// a plain number→number function so the evaluator can run it over a whole Float64Array column.
import { goAcos, goAcosh, goAsin, goAsinh, goAtan, goAtanh, goCos, goCosh, goLog, goLog10, goLog2, goPow as goPowAlgorithm, goSin, goSinh, goTan, goTanh } from './go-math';
import { goExp } from './go-exp';

export type FloatFn = (v: number) => number;

export const elementwise: ReadonlyMap<string, FloatFn> = new Map<string, FloatFn>([
  ['abs', Math.abs],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['exp', goExp],
  ['sqrt', Math.sqrt],
  ['ln', goLog],
  ['log2', goLog2],
  ['log10', goLog10],
  ['sin', goSin],
  ['cos', goCos],
  ['tan', goTan],
  ['asin', goAsin],
  ['acos', goAcos],
  ['atan', goAtan],
  ['sinh', goSinh],
  ['cosh', goCosh],
  ['tanh', goTanh],
  ['asinh', goAsinh],
  ['acosh', goAcosh],
  ['atanh', goAtanh],
  ['rad', (v) => (v * Math.PI) / 180],
  ['deg', (v) => (v * 180) / Math.PI],
  ['sgn', (v) => (v < 0 ? -1 : v > 0 ? 1 : v)],
]);

/** Go's math.Floor(f*inv+0.5)/inv rounding used by round(). */
export function roundTo(v: number, toNearest: number): number {
  const inv = 1 / toNearest;
  return Math.floor(v * inv + 0.5) / inv;
}

/** Go's math.Mod: result has the sign of the dividend (same as JS %). */
export function goMod(a: number, b: number): number {
  return a % b;
}

/** Go's math.Pow: its special cases and its repeated squaring, so `^` agrees with Prometheus in every bit. */
export function goPow(x: number, y: number): number {
  return goPowAlgorithm(x, y);
}
