// Calls of functions over range vectors (rate(x[5m]), avg_over_time(q[1h:1m]), …): loads the range once, then
// slides a [lo, hi) window along each series' typed arrays as the steps advance — no re-reading per step.
import type { Call, MatrixSelector, SubqueryExpr } from '../parser/ast';
import { ANCHORED_SAFE, KEEPS_METRIC_NAME, SMOOTHED_SAFE, prometheus2RangeKernels, rangeKernels } from '../functions/range-registry';
import type { RangeWindow } from '../functions/window';
import { formatG, goQuote } from './annotations';
import type { Evaluator } from './evaluator';
import { QueryError } from './errors';
import { CHECK_MASK, CHECK_WORK, stepTime, type StepGrid } from './grid';
import { loadRangeSelector, windowEnd } from './eval-selector';
import { evalSubqueryRange } from './eval-subquery';
import { METRIC_NAME, dropMetricName } from './labels-ops';
import { DUPLICATE_LABELSET } from './output-collector';
import { newStepSeries, type RangeSeries, type StepSeries, type VectorSteps } from './values';
import { labelsKey } from '../../series/labels';
import { absentLabels } from './absent-labels';
import { extendedKernel } from './extended-range';

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

export function evalRangeCall(ev: Evaluator, call: Call, argIndex: number, grid: StepGrid): VectorSteps {
  const name = call.func.name;
  const arg = call.args[argIndex] as MatrixSelector | SubqueryExpr;
  const kernel = (ev.opts.compat === 'prometheus2' ? prometheus2RangeKernels.get(name) : undefined) ?? rangeKernels.get(name);
  if (!kernel) throw new QueryError(`function ${name} is not implemented`);

  let anchored = false;
  let smoothed = false;
  if (arg.kind === 'MatrixSelector') {
    anchored = arg.vectorSelector.anchored;
    smoothed = arg.vectorSelector.smoothed;
    if (anchored && !ANCHORED_SAFE.includes(name))
      throw new QueryError(`anchored modifier can only be used with: ${ANCHORED_SAFE.join(', ')} - not with ${name}`);
    if (smoothed && !SMOOTHED_SAFE.includes(name))
      throw new QueryError(`smoothed modifier can only be used with: ${SMOOTHED_SAFE.join(', ')} - not with ${name}`);
  }

  // Scalar arguments, evaluated over the grid (they are defined at every step).
  const paramCols: Float64Array[] = [];
  for (let i = 0; i < call.args.length; i++) if (i !== argIndex) paramCols.push(ev.scalar(call.args[i], grid).values);
  const params = new Array<number>(paramCols.length).fill(0);

  let input: RangeSeries[];
  let rangeMs: number;
  let offsetMs: number;
  let at: number | null;
  if (arg.kind === 'MatrixSelector') {
    const lb = anchored || smoothed ? ev.opts.lookbackDeltaMs : 0;
    input = loadRangeSelector(ev, arg, grid, lb, smoothed ? lb : 0);
    rangeMs = arg.rangeMs;
    offsetMs = arg.vectorSelector.offsetMs;
    at = arg.vectorSelector.timestamp;
  } else {
    input = evalSubqueryRange(ev, arg, grid);
    rangeMs = arg.rangeMs;
    offsetMs = arg.offsetMs;
    at = arg.timestamp;
  }
  // Prometheus folds `@` into the offset relative to the grid start; kernels see window bounds that way.
  const effOffset = at !== null ? offsetMs + (grid.startMs - at) : offsetMs;
  const leftClosed = ev.opts.leftClosedWindows;
  const keepName = KEEPS_METRIC_NAME.has(name);
  const out: StepSeries[] = [];
  let invalidQuantile: number | null = null;

  for (const s of input) {
    ev.checkAbort();
    const ts = s.timestamps;
    const n = ts.length;
    const w: RangeWindow = { ts, vs: s.values, lo: 0, hi: 0, evalTs: 0, rangeStartMs: 0, rangeEndMs: 0, rangeMs };
    let o: StepSeries | null = null;
    let lo = 0;
    let hi = 0;
    let count = 0;
    // Checked by work done, not steps: one step over a million-point window is already a lot.
    let work = 0;
    for (let i = 0; i < grid.steps; i++) {
      if (++work > CHECK_WORK) {
        ev.checkAbort();
        work = 0;
      }
      const t = stepTime(grid, i);
      const end = windowEnd(t, offsetMs, at);
      const start = end - rangeMs;
      let value: number | undefined;
      w.evalTs = t;
      w.rangeStartMs = t - rangeMs - effOffset;
      w.rangeEndMs = t - effOffset;
      if (anchored || smoothed) {
        // The window reaches one lookback further back (and forward when smoothed) for interpolation.
        const lb = ev.opts.lookbackDeltaMs;
        const extEnd = end + (smoothed ? lb : 0);
        while (hi < n && ts[hi] <= extEnd) hi++;
        while (lo < hi && ts[lo] <= start - lb) lo++;
        if (hi - lo === 0) continue;
        value = extendedKernel(name, ts, s.values, lo, hi, w.rangeStartMs, w.rangeEndMs, rangeMs, smoothed);
        if (value === undefined) continue;
      } else {
        while (hi < n && ts[hi] <= end) hi++;
        while (lo < hi && (leftClosed ? ts[lo] < start : ts[lo] <= start)) lo++;
        if (hi - lo === 0) continue;
        w.lo = lo;
        w.hi = hi;
        for (let p = 0; p < paramCols.length; p++) params[p] = paramCols[p][i];
        if (name === 'quantile_over_time' && !(params[0] >= 0 && params[0] <= 1)) invalidQuantile = params[0];
        value = kernel(w, params);
        if (value === undefined) continue;
      }
      work += hi - lo;
      if (!o) o = newStepSeries(s.labels, grid.steps, keepName ? s.dropName : true);
      o.present[i] = 1;
      o.values[i] = value;
      count++;
    }
    if (!o) continue;
    ev.reserve(count);
    if (!ev.opts.delayedNameRemoval && o.dropName) o.labels = dropMetricName(o.labels);
    out.push(o);
    // One info per metric name: the annotation set de-duplicates identical messages, as Prometheus's does.
    if (name === 'rate' || name === 'increase') {
      const metric = s.labels[METRIC_NAME] ?? '';
      if (metric !== '' && !COUNTER_SUFFIXES.some((x) => metric.endsWith(x))) {
        ev.annotations.info(
          `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metric)}`,
          call.args[0].posRange,
        );
      }
    }
  }
  if (invalidQuantile !== null)
    ev.annotations.warn(`quantile value should be between 0 and 1, got ${formatG(invalidQuantile)}`, call.args[0].posRange);

  if (name === 'absent_over_time') return absentOverTime(ev, out, arg, grid);
  if (!ev.opts.delayedNameRemoval) {
    const seen = new Set<string>();
    for (const s of out) {
      const k = labelsKey(s.labels);
      if (seen.has(k)) throw new QueryError(DUPLICATE_LABELSET);
      seen.add(k);
    }
  }
  return { type: 'vector', series: out };
}

function absentOverTime(ev: Evaluator, found: StepSeries[], arg: MatrixSelector | SubqueryExpr, grid: StepGrid): VectorSteps {
  const res = newStepSeries(arg.kind === 'MatrixSelector' ? absentLabels(arg.vectorSelector.matchers) : {}, grid.steps, true);
  let any = false;
  for (let i = 0; i < grid.steps; i++) {
    if ((i & CHECK_MASK) === 0) ev.checkAbort();
    let seen = false;
    for (const s of found) if (s.present[i]) seen = true;
    if (!seen) {
      res.present[i] = 1;
      res.values[i] = 1;
      any = true;
    }
  }
  if (!ev.opts.delayedNameRemoval) res.labels = dropMetricName(res.labels);
  return { type: 'vector', series: any ? [res] : [] };
}

