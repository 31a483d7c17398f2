// The view a range-vector function gets of one series at one step: points [lo, hi) of typed arrays plus the
// window bounds. Kernels read it and return a number or undefined (no output); they never keep it.
export interface RangeWindow {
  readonly ts: Float64Array;
  readonly vs: Float64Array;
  lo: number;
  hi: number;
  /** Evaluation time of the step, ms. */
  evalTs: number;
  /** Window bounds as Prometheus's functions compute them: evalTs - offset - range, evalTs - offset. */
  rangeStartMs: number;
  rangeEndMs: number;
  rangeMs: number;
}

/** Scalar arguments (other than the range vector) at this step, in call order. */
export type RangeKernel = (w: RangeWindow, params: readonly number[]) => number | undefined;
