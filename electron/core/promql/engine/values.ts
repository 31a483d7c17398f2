// The values the evaluator passes between nodes: every node is evaluated over a whole step grid at once, so a
// vector is a set of dense per-step columns (Float64Array + presence bytes), never an object per sample.
import type { FloatHistogram } from '../../series/histogram';
import type { Labels } from '../../series/types';

/** One output series over the step grid: `present[i]` says whether step i has a sample, `values[i]` holds it. */
export interface StepSeries {
  labels: Labels;
  /** Prometheus 3 delayed name removal: drop `__name__` when the query finishes (unless a later step keeps it). */
  dropName: boolean;
  values: Float64Array;
  present: Uint8Array;
  /**
   * Native histogram samples per step (length = steps), undefined while the series holds only floats. Where
   * `histograms[i]` is set, `present[i]` is 1 and `values[i]` is not a sample.
   */
  histograms?: (FloatHistogram | null)[];
}

/** An instant vector evaluated at every step of a grid. Series order is meaningful for instant queries. */
export interface VectorSteps {
  type: 'vector';
  series: StepSeries[];
}

/** A scalar evaluated at every step of a grid (always defined at every step). */
export interface ScalarSteps {
  type: 'scalar';
  values: Float64Array;
}

export interface StringValue {
  type: 'string';
  value: string;
}

/** One series of raw points, as a range selector or subquery yields it (compact, time-ordered). */
export interface RangeSeries {
  labels: Labels;
  dropName: boolean;
  timestamps: Float64Array;
  values: Float64Array;
  /** Native histogram points aligned with `timestamps`, as RawSeries.histograms (undefined for float-only). */
  histograms?: (FloatHistogram | null)[];
}

/** A range vector; only ever the final value of an instant query (`foo[5m]`, `rate(x[1m])[5m:1m]`). */
export interface MatrixValue {
  type: 'matrix';
  series: RangeSeries[];
}

export type EvalValue = VectorSteps | ScalarSteps | StringValue | MatrixValue;

export function newStepSeries(labels: Labels, steps: number, dropName = false): StepSeries {
  return { labels, dropName, values: new Float64Array(steps), present: new Uint8Array(steps) };
}

/** Number of samples a vector holds over all steps (for the max-samples limit). */
export function countPresent(v: VectorSteps): number {
  let n = 0;
  for (const s of v.series) for (let i = 0; i < s.present.length; i++) n += s.present[i];
  return n;
}

/**
 * Put a histogram sample at step i (allocating the column on first use); `values[i]` is then not a sample — except
 * under --compat prometheus2, where it holds 2.42's Point.V of the sample (see prometheus2-histograms.ts).
 */
export function setHistogram(s: StepSeries, i: number, h: FloatHistogram, v = NaN): void {
  if (!s.histograms) s.histograms = new Array<FloatHistogram | null>(s.present.length).fill(null);
  s.present[i] = 1;
  s.values[i] = v;
  s.histograms[i] = h;
}

/** The histogram at step i, or null where the step holds a float (or nothing). */
export function histogramAt(s: StepSeries, i: number): FloatHistogram | null {
  return s.histograms ? (s.histograms[i] ?? null) : null;
}
