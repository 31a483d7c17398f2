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
import { newStepSeries, setHistogram, type RangeSeries, type StepSeries, type VectorSteps } from './values';
import { labelsKey } from '../../series/labels';
import { absentLabels } from './absent-labels';
import { extendedKernel } from './extended-range';
import { histogramRangeStep, type HistogramWindow } from './eval-range-histogram';
import type { FloatHistogram } from '../../series/histogram';
import { prometheus2ExtrapolateHistogram, prometheus2HistogramIncrease } from './prometheus2-histograms';

/** The functions 2.42 computed on histogram points themselves (the others read a histogram as V = 0). */
const PROMETHEUS2_HISTOGRAM_RATES = new Set(['rate', 'increase', 'delta']);

/** A range series' float and histogram points as two separate time-ordered sets of arrays. */
function splitKinds(s: RangeSeries): { fts: Float64Array; fvs: Float64Array; hts: Float64Array; hh: FloatHistogram[] } {
  const hs = s.histograms!;
  let nh = 0;
  for (const h of hs) if (h) nh++;
  const fts = new Float64Array(s.timestamps.length - nh);
  const fvs = new Float64Array(fts.length);
  const hts = new Float64Array(nh);
  const hh: FloatHistogram[] = [];
  let f = 0;
  for (let i = 0; i < s.timestamps.length; i++) {
    const h = hs[i];
    if (h) {
      hts[hh.length] = s.timestamps[i];
      hh.push(h);
    } else {
      fts[f] = s.timestamps[i];
      fvs[f++] = s.values[i];
    }
  }
  return { fts, fvs, hts, hh };
}

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

export function evalRangeCall(ev: Evaluator, call: Call, argIndex: number, grid: StepGrid): VectorSteps {
  const name = call.func.name;
  const arg = call.args[argIndex] as MatrixSelector | SubqueryExpr;
  const p2 = ev.opts.compat === 'prometheus2';
  const kernel = (p2 ? prometheus2RangeKernels.get(name) : undefined) ?? rangeKernels.get(name);
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
    // Histogram points are walked in their own arrays; float kernels only ever see the float points. Under
    // prometheus2 the points stay together, a histogram reading as 0 (see prometheus2-histograms.ts).
    const p2Hists = p2 && s.histograms ? s.histograms : null;
    const split = s.histograms && !p2Hists ? splitKinds(s) : null;
    const ts = split ? split.fts : s.timestamps;
    const vs = split ? split.fvs : s.values;
    const n = ts.length;
    const w: RangeWindow = { ts, vs, lo: 0, hi: 0, evalTs: 0, rangeStartMs: 0, rangeEndMs: 0, rangeMs };
    const hw: HistogramWindow | null = split
      ? {
          fts: ts,
          fvs: vs,
          flo: 0,
          fhi: 0,
          hts: split.hts,
          hh: split.hh,
          hlo: 0,
          hhi: 0,
          rangeStartMs: 0,
          rangeEndMs: 0,
          rangeMs,
          metric: s.labels[METRIC_NAME] ?? '',
          pos: call.args[argIndex].posRange,
          annotations: ev.annotations,
          floatKernel: () => kernel(w, params),
        }
      : null;
    let o: StepSeries | null = null;
    let lo = 0;
    let hi = 0;
    let hlo = 0;
    let hhi = 0;
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
      let hist: FloatHistogram | undefined;
      w.evalTs = t;
      w.rangeStartMs = t - rangeMs - effOffset;
      w.rangeEndMs = t - effOffset;
      if (anchored || smoothed) {
        // The window reaches one lookback further back (and forward when smoothed) for interpolation.
        const lb = ev.opts.lookbackDeltaMs;
        const extEnd = end + (smoothed ? lb : 0);
        while (hi < n && ts[hi] <= extEnd) hi++;
        while (lo < hi && ts[lo] <= start - lb) lo++;
        if (hw) {
          const hts = hw.hts;
          while (hhi < hts.length && hts[hhi] <= extEnd) hhi++;
          while (hlo < hhi && hts[hlo] <= start - lb) hlo++;
        }
        if (hw && hhi > hlo) {
          // changes()/resets() anchored: start at the last sample of either kind at or before the range start.
          if (name !== 'changes' && name !== 'resets') continue;
          let f0 = lo;
          while (f0 < hi && ts[f0] <= start) f0++;
          let h0 = hlo;
          while (h0 < hhi && hw.hts[h0] <= start) h0++;
          if (f0 >= hi && h0 >= hhi) continue;
          const fAnchor = f0 - 1 >= lo ? f0 - 1 : -1;
          const hAnchor = h0 - 1 >= hlo ? h0 - 1 : -1;
          if (fAnchor >= 0 && (hAnchor < 0 || ts[fAnchor] >= hw.hts[hAnchor])) f0 = fAnchor;
          else if (hAnchor >= 0) h0 = hAnchor;
          hw.flo = f0;
          hw.fhi = hi;
          hw.hlo = h0;
          hw.hhi = hhi;
          const r = histogramRangeStep(name, hw);
          if (r === undefined || 'h' in r) continue;
          value = r.f;
        } else {
          if (hi - lo === 0) continue;
          value = extendedKernel(name, ts, vs, lo, hi, w.rangeStartMs, w.rangeEndMs, rangeMs, smoothed);
          if (value === undefined) continue;
        }
      } else {
        while (hi < n && ts[hi] <= end) hi++;
        while (lo < hi && (leftClosed ? ts[lo] < start : ts[lo] <= start)) lo++;
        if (hw) {
          const hts = hw.hts;
          while (hhi < hts.length && hts[hhi] <= end) hhi++;
          while (hlo < hhi && (leftClosed ? hts[hlo] < start : hts[hlo] <= start)) hlo++;
        }
        if (hi - lo === 0 && hhi - hlo === 0) continue;
        w.lo = lo;
        w.hi = hi;
        for (let p = 0; p < paramCols.length; p++) params[p] = paramCols[p][i];
        if (name === 'quantile_over_time' && !(params[0] >= 0 && params[0] <= 1)) invalidQuantile = params[0];
        if (p2Hists && PROMETHEUS2_HISTOGRAM_RATES.has(name)) {
          const r = prometheus2RateStep(name, p2Hists, w, () => kernel(w, params));
          if (r === undefined) continue;
          if (typeof r === 'number') value = r;
          else hist = r;
        } else if (hw && hhi > hlo) {
          hw.flo = lo;
          hw.fhi = hi;
          hw.hlo = hlo;
          hw.hhi = hhi;
          hw.rangeStartMs = w.rangeStartMs;
          hw.rangeEndMs = w.rangeEndMs;
          const r = histogramRangeStep(name, hw);
          if (r === undefined) continue;
          if ('h' in r) hist = r.h;
          else value = r.f;
        } else {
          value = kernel(w, params);
        }
        if (value === undefined && hist === undefined) continue;
      }
      work += hi - lo;
      if (!o) o = newStepSeries(s.labels, grid.steps, keepName ? s.dropName : true);
      // 2.42's rate of histograms left V at 0.
      if (hist) setHistogram(o, i, hist, p2 ? 0 : NaN);
      else {
        o.present[i] = 1;
        o.values[i] = value!;
      }
      count++;
    }
    if (!o) continue;
    ev.reserve(count);
    if (!ev.opts.delayedNameRemoval && o.dropName) o.labels = dropMetricName(o.labels);
    out.push(o);
    // One info per metric name: the annotation set de-duplicates identical messages, as Prometheus's does.
    if (name === 'rate' || name === 'increase') {
      const metric = s.labels[METRIC_NAME] ?? '';
      if (metric !== '' && (!split || split.fts.length > 0) && !COUNTER_SUFFIXES.some((x) => metric.endsWith(x))) {
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

/**
 * rate/increase/delta as 2.42 computed them over a series holding histograms: a window starting with a histogram
 * must hold histograms only (a histogram result), one starting with a float floats only; a mix answers nothing.
 */
function prometheus2RateStep(
  name: string,
  hs: readonly (FloatHistogram | null)[],
  w: RangeWindow,
  floatKernel: () => number | undefined,
): number | FloatHistogram | undefined {
  const { lo, hi } = w;
  if (hi - lo < 2) return undefined;
  const startsWithHistogram = hs[lo] !== null && hs[lo] !== undefined;
  for (let k = lo; k < hi; k++) if ((hs[k] !== null && hs[k] !== undefined) !== startsWithHistogram) return undefined;
  if (!startsWithHistogram) return floatKernel();
  const points = hs.slice(lo, hi) as FloatHistogram[];
  const isCounter = name !== 'delta';
  const h = prometheus2HistogramIncrease(points, 0, points.length, isCounter);
  return prometheus2ExtrapolateHistogram(h, w.ts[lo], w.ts[hi - 1], hi - lo, w.rangeStartMs, w.rangeEndMs, w.rangeMs, name === 'rate');
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

