// Element-wise float functions of instant vectors (abs, ceil, ln, sin, sgn, …), one table by name. Each entry is
// a plain number→number function so the evaluator can run it over a whole Float64Array column.
export type FloatFn = (v: number) => number;

export const elementwise: ReadonlyMap<string, FloatFn> = new Map<string, FloatFn>([
  ['abs', Math.abs],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['exp', Math.exp],
  ['sqrt', Math.sqrt],
  ['ln', Math.log],
  ['log2', Math.log2],
  ['log10', Math.log10],
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['asinh', Math.asinh],
  ['acosh', Math.acosh],
  ['atanh', Math.atanh],
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

/** Go's math.Pow special cases differ from JS's ** in a few spots (1**NaN, (-1)**±Inf). */
export function goPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if ((x === -1) && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}
