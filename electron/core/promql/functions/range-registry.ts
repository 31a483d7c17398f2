// Every function over a range vector, by name, mapped to its kernel. The evaluator slides windows and calls the
// kernel; scalar arguments arrive as `params` in call order (the range vector itself excluded).
import type { RangeKernel } from './window';
import { extrapolatedRate, instantValue } from './rate';
import { deriv, predictLinear } from './regression';
import {
  avgOverTime,
  changes,
  compareOverTime,
  countOverTime,
  madOverTime,
  quantileOverTime,
  resets,
  sumOverTime,
  varianceOverTime,
} from './over-time';
import { doubleExponentialSmoothing } from './smoothing';
import { avgOverTime2, sumOverTime2, varianceOverTime2 } from './prometheus2-over-time';

const smoothing: RangeKernel = (w, p) => doubleExponentialSmoothing(w, p[0], p[1]);

export const rangeKernels: ReadonlyMap<string, RangeKernel> = new Map<string, RangeKernel>([
  ['rate', (w) => extrapolatedRate(w, true, true)],
  ['increase', (w) => extrapolatedRate(w, true, false)],
  ['delta', (w) => extrapolatedRate(w, false, false)],
  ['irate', (w) => instantValue(w, true)],
  ['idelta', (w) => instantValue(w, false)],
  ['deriv', deriv],
  ['predict_linear', (w, p) => predictLinear(w, p[0])],
  ['avg_over_time', avgOverTime],
  ['sum_over_time', sumOverTime],
  ['count_over_time', countOverTime],
  ['min_over_time', (w) => compareOverTime(w, false, false, false)],
  ['max_over_time', (w) => compareOverTime(w, true, false, false)],
  ['ts_of_min_over_time', (w) => compareOverTime(w, false, true, true)],
  ['ts_of_max_over_time', (w) => compareOverTime(w, true, true, true)],
  ['stddev_over_time', (w) => Math.sqrt(varianceOverTime(w))],
  ['stdvar_over_time', varianceOverTime],
  ['quantile_over_time', (w, p) => quantileOverTime(w, p[0])],
  ['mad_over_time', madOverTime],
  ['last_over_time', (w) => w.vs[w.hi - 1]],
  ['first_over_time', (w) => w.vs[w.lo]],
  ['ts_of_last_over_time', (w) => w.ts[w.hi - 1] / 1000],
  ['ts_of_first_over_time', (w) => w.ts[w.lo] / 1000],
  ['present_over_time', () => 1],
  ['absent_over_time', () => 1],
  ['changes', (w) => changes(w, w.lo)],
  ['resets', (w) => resets(w, w.lo)],
  ['double_exponential_smoothing', smoothing],
  // Prometheus 2.x name of the same function (compat: 'prometheus2').
  ['holt_winters', smoothing],
]);

/** Where Prometheus 2.x computed differently (compat: 'prometheus2'): these replace the entries above. */
export const prometheus2RangeKernels: ReadonlyMap<string, RangeKernel> = new Map<string, RangeKernel>([
  ['rate', (w) => extrapolatedRate(w, true, true, true)],
  ['increase', (w) => extrapolatedRate(w, true, false, true)],
  ['avg_over_time', avgOverTime2],
  ['sum_over_time', sumOverTime2],
  ['stddev_over_time', (w) => Math.sqrt(varianceOverTime2(w))],
  ['stdvar_over_time', varianceOverTime2],
]);

/** Range functions whose output keeps the metric name (they act like an offset). */
export const KEEPS_METRIC_NAME: ReadonlySet<string> = new Set(['last_over_time', 'first_over_time']);

/** Functions allowed with the experimental `anchored` / `smoothed` range modifiers. */
export const ANCHORED_SAFE: readonly string[] = ['changes', 'delta', 'increase', 'rate', 'resets'];
export const SMOOTHED_SAFE: readonly string[] = ['delta', 'increase', 'rate'];
