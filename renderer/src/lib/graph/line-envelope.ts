// A chart of many lines drawn by the line worker gives uPlot two series instead of hundreds: the lowest and the
// highest value of the shown lines at each x. That is all uPlot needs from them — its y auto-range (also when
// zoomed) comes out the same — and its set-up, scaling and redraws stop growing with the number of lines.
// Pure: unit-tested in Node.
import type uPlot from 'uplot';
import type { YColumn } from './align';
import { runSteps, runStepsAsync, type StepOptions } from './steps';

/** [xs, min at each x, max at each x]: null where no shown line has a value. */
export function envelopeData(xs: ArrayLike<number>, columns: readonly YColumn[], show: readonly boolean[]): uPlot.AlignedData {
  return runSteps(envelopeSteps(xs, columns, show));
}

/**
 * The same, yielding to the event loop whenever a chunk has run for `budgetMs` (a million values is tens of
 * milliseconds before the code is compiled). `signal` abandons it.
 */
export function envelopeDataAsync(xs: ArrayLike<number>, columns: readonly YColumn[], show: readonly boolean[], opts: StepOptions = {}): Promise<uPlot.AlignedData> {
  return runStepsAsync(envelopeSteps(xs, columns, show), { ...opts, budgetMs: opts.budgetMs ?? 8 });
}

/** One step per column folded in. */
function* envelopeSteps(xs: ArrayLike<number>, columns: readonly YColumn[], show: readonly boolean[]): Generator<void, uPlot.AlignedData> {
  const n = xs.length;
  const lo = new Float64Array(n).fill(Infinity);
  const hi = new Float64Array(n).fill(-Infinity);
  for (let c = 0; c < columns.length; c++) {
    if (show[c] === false) continue;
    const col = columns[c];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      // A gap: null would compare as 0; NaN never passes the comparisons below.
      if (v === null) continue;
      if (v < lo[i]) lo[i] = v;
      if (v > hi[i]) hi[i] = v;
    }
    yield;
  }
  const min: (number | null)[] = new Array(n);
  const max: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const has = lo[i] !== Infinity;
    min[i] = has ? lo[i] : null;
    max[i] = has ? hi[i] : null;
  }
  return [xs as number[], min, max];
}

/** The same options with the two envelope series in place of the lines (drawn by nobody: the worker draws lines). */
export function envelopeOptions(opts: uPlot.Options): uPlot.Options {
  const edge = (label: string): uPlot.Series => ({ label, show: true, spanGaps: false, points: { show: false }, paths: () => null });
  return { ...opts, series: [opts.series[0], edge('lowest'), edge('highest')], bands: [] };
}
