// Instant and range selectors: reads raw series from the store and walks each one with a cursor across the step
// grid (lookback for instant selectors, (t-range, t] windows for range selectors). Stale markers end a series.
import type { MatrixSelector, VectorSelector } from '../parser/ast';
import type { LabelMatcher, RawSeries } from '../../series/types';
import { isStaleAt } from '../../series/stale-marker';
import { lowerBound } from '../../series/memory-store';
import type { Evaluator } from './evaluator';
import { CHECK_MASK, stepTime, type StepGrid } from './grid';
import { extendFloats } from './extended-range';
import { goRegexToJs } from '../../series/go-regex';
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import { detectReset } from '../histogram/ops';
import { prometheus2HistogramValues } from './prometheus2-histograms';
import { newStepSeries, setHistogram, type MatrixValue, type RangeSeries, type StepSeries, type VectorSteps } from './values';

/** Read the series matching a selector with samples in [mint, maxt]. */
export function selectRaw(ev: Evaluator, matchers: readonly LabelMatcher[], mint: number, maxt: number): RawSeries[] {
  // Matchers go to the store as written (RE2): stores translate for JavaScript themselves (series/matcher.ts), and
  // the fan-out's store finds the read made for this very selector by its matchers.
  let raw = ev.store.select(matchers, mint, maxt);
  if (ev.opts.compat === 'prometheus2') raw = refilterPrometheus2(raw, matchers).map(prometheus2HistogramValues);
  if (ev.statsDecoding) raw = raw.map(withDetectedResets);
  return raw;
}

/**
 * HistogramStatsIterator's hints: an unknown hint becomes CounterReset or NotCounterReset by comparing each
 * histogram with the one before it in the read (the first stays unknown).
 */
function withDetectedResets(s: RawSeries): RawSeries {
  if (!s.histograms) return s;
  let last: FloatHistogram | null = null;
  const histograms = s.histograms.map((h) => {
    if (!h) return h;
    let hint = h.counterResetHint;
    if (hint === CounterResetHint.Unknown && last) hint = detectReset(h, last) ? CounterResetHint.CounterReset : CounterResetHint.NotCounterReset;
    const out = hint === h.counterResetHint ? h : { ...h, counterResetHint: hint };
    last = out;
    return out;
  });
  return { ...s, histograms };
}

/** Prometheus 2 regexes did not let `.` match a newline; the store matched with 3.x semantics, so narrow it. */
function refilterPrometheus2(raw: RawSeries[], matchers: readonly LabelMatcher[]): RawSeries[] {
  const res = matchers.filter((m) => m.type === '=~' || m.type === '!~');
  if (res.length === 0) return raw;
  const compiled = res.map((m) => ({ m, re: new RegExp(`^(?:${goRegexToJs(m.value)})$`) }));
  return raw.filter((s) => compiled.every(({ m, re }) => re.test(s.labels[m.name] ?? '') === (m.type === '=~')));
}

/**
 * Evaluate an instant selector over the grid. With `sampleTimestamps`, each value is the timestamp (seconds) of
 * the sample found instead of its value — what timestamp() needs.
 */
export function evalVectorSelector(
  ev: Evaluator,
  vs: VectorSelector,
  grid: StepGrid,
  sampleTimestamps = false,
  onHistogramTimestamp?: () => void,
): VectorSteps {
  const out: StepSeries[] = [];
  if (grid.steps === 0) return { type: 'vector', series: out };
  const off = vs.offsetMs;
  const at = vs.timestamp;
  const lb = ev.opts.lookbackDeltaMs;
  const leftClosed = ev.opts.leftClosedWindows;
  const firstRef = (at ?? grid.startMs) - off;
  const lastRef = (at ?? stepTime(grid, grid.steps - 1)) - off;
  if (vs.smoothed) return smoothedSelector(ev, vs, grid, firstRef, lastRef);
  const raw = selectRaw(ev, vs.matchers, firstRef - lb + (leftClosed ? 0 : 1), lastRef);
  for (const s of raw) {
    ev.checkAbort();
    const ts = s.timestamps;
    const n = ts.length;
    let o: StepSeries | null = null;
    let j = 0;
    let count = 0;
    for (let i = 0; i < grid.steps; i++) {
      if ((i & CHECK_MASK) === 0) ev.checkAbort();
      const ref = (at ?? grid.startMs + i * grid.intervalMs) - off;
      while (j < n && ts[j] <= ref) j++;
      const k = j - 1;
      if (k < 0) continue;
      const t = ts[k];
      if (leftClosed ? t < ref - lb : t <= ref - lb) continue;
      if (isStaleAt(s.values, k)) continue;
      if (!o) o = newStepSeries(s.labels, grid.steps);
      o.present[i] = 1;
      o.values[i] = sampleTimestamps ? t / 1000 : s.values[k];
      if (sampleTimestamps && onHistogramTimestamp && s.histograms?.[k]) onHistogramTimestamp();
      const h = sampleTimestamps ? null : (s.histograms?.[k] ?? null);
      if (h) setHistogram(o, i, h, s.values[k]);
      count++;
    }
    if (o) {
      ev.reserve(count);
      out.push(o);
    }
  }
  return { type: 'vector', series: out };
}

/** Copy of a raw series' points inside [mint, maxt] without stale markers (they never enter range windows). */
export function withoutStale(
  s: RawSeries,
  mint: number,
  maxt: number,
): { timestamps: Float64Array; values: Float64Array; histograms?: (FloatHistogram | null)[] } {
  const lo = lowerBound(s.timestamps, mint);
  const hi = lowerBound(s.timestamps, maxt + 1);
  let n = 0;
  for (let i = lo; i < hi; i++) if (!isStaleAt(s.values, i)) n++;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const hs = s.histograms;
  const histograms: (FloatHistogram | null)[] | undefined = hs ? new Array<FloatHistogram | null>(n) : undefined;
  let w = 0;
  for (let i = lo; i < hi; i++) {
    if (isStaleAt(s.values, i)) continue;
    timestamps[w] = s.timestamps[i];
    values[w] = s.values[i];
    if (histograms) histograms[w] = hs![i] ?? null;
    w++;
  }
  return histograms && histograms.some((h) => h !== null) ? { timestamps, values, histograms } : { timestamps, values };
}

/** The (start, end] bounds of a range selector's window evaluated at step time `ts` (end uses `@` if set). */
export function windowEnd(ts: number, offsetMs: number, at: number | null): number {
  return (at ?? ts) - offsetMs;
}

/** Raw points every step's window of a range selector can see, stale markers removed. */
export function loadRangeSelector(
  ev: Evaluator,
  ms: MatrixSelector,
  grid: StepGrid,
  extraBeforeMs = 0,
  extraAfterMs = 0,
): RangeSeries[] {
  const vs = ms.vectorSelector;
  if (grid.steps === 0) return [];
  const firstEnd = windowEnd(grid.startMs, vs.offsetMs, vs.timestamp);
  const lastEnd = windowEnd(stepTime(grid, grid.steps - 1), vs.offsetMs, vs.timestamp) + extraAfterMs;
  const mint = firstEnd - ms.rangeMs - extraBeforeMs + (ev.opts.leftClosedWindows ? 0 : 1);
  const raw = selectRaw(ev, vs.matchers, mint, lastEnd);
  const out: RangeSeries[] = [];
  for (const s of raw) {
    ev.checkAbort();
    const pts = withoutStale(s, mint, lastEnd);
    out.push({ labels: s.labels, dropName: false, ...pts });
  }
  return out;
}

/** `foo[5m]` as the whole query: the raw points of the one window at the evaluation time. */
export function evalMatrixSelectorInstant(ev: Evaluator, ms: MatrixSelector, grid: StepGrid): MatrixValue {
  const vs = ms.vectorSelector;
  if (vs.anchored || vs.smoothed) {
    const lb = ev.opts.lookbackDeltaMs;
    const end = windowEnd(grid.startMs, vs.offsetMs, vs.timestamp);
    const out: RangeSeries[] = [];
    for (const s of loadRangeSelector(ev, ms, grid, lb, vs.smoothed ? lb : 0)) {
      const ext = extendFloats(s.timestamps, s.values, end - ms.rangeMs, end, vs.smoothed);
      if (ext.timestamps.length === 0) continue;
      ev.reserve(ext.timestamps.length);
      out.push({ labels: s.labels, dropName: false, timestamps: ext.timestamps, values: ext.values });
    }
    return { type: 'matrix', series: out };
  }
  const series = loadRangeSelector(ev, ms, grid)
    .map((s) => cutWindow(ev, s, windowEnd(grid.startMs, ms.vectorSelector.offsetMs, ms.vectorSelector.timestamp), ms.rangeMs))
    .filter((s) => s.timestamps.length > 0);
  return { type: 'matrix', series };
}

/** Points of a range series inside one window (end - range, end] (closed on the left for Prometheus 2). */
export function cutWindow(ev: Evaluator, s: RangeSeries, end: number, rangeMs: number): RangeSeries {
  const lo = lowerBound(s.timestamps, end - rangeMs + (ev.opts.leftClosedWindows ? 0 : 1));
  const hi = lowerBound(s.timestamps, end + 1);
  ev.reserve(Math.max(0, hi - lo));
  const out: RangeSeries = {
    labels: s.labels,
    dropName: s.dropName,
    timestamps: s.timestamps.slice(lo, hi),
    values: s.values.slice(lo, hi),
  };
  const hs = s.histograms?.slice(lo, hi);
  if (hs && hs.some((h) => h !== null)) out.histograms = hs;
  return out;
}

/**
 * `metric smoothed` (experimental): the value at each step interpolated between the samples around it within
 * one lookback on either side; the last sample is carried forward when nothing follows it.
 */
function smoothedSelector(ev: Evaluator, vs: VectorSelector, grid: StepGrid, firstRef: number, lastRef: number): VectorSteps {
  const lb = ev.opts.lookbackDeltaMs;
  const out: StepSeries[] = [];
  for (const raw of selectRaw(ev, vs.matchers, firstRef - lb + 1, lastRef + lb)) {
    const { timestamps: ts, values: v } = withoutStale(raw, firstRef - lb + 1, lastRef + lb);
    let o: StepSeries | null = null;
    let lo = 0;
    let hi = 0;
    ev.checkAbort();
    for (let i = 0; i < grid.steps; i++) {
      if ((i & CHECK_MASK) === 0) ev.checkAbort();
      const data = (vs.timestamp ?? stepTime(grid, i)) - vs.offsetMs;
      while (hi < ts.length && ts[hi] <= data + lb) hi++;
      while (lo < hi && ts[lo] <= data - lb) lo++;
      if (hi === lo) continue;
      let k = lo;
      while (k < hi && ts[k] < data) k++;
      let val: number;
      if (k < hi && ts[k] === data) val = v[k];
      else if (k > lo && k < hi) val = v[k - 1] + ((v[k] - v[k - 1]) * (data - ts[k - 1])) / (ts[k] - ts[k - 1]);
      else if (k > lo) val = v[k - 1];
      else continue;
      if (!o) o = newStepSeries(raw.labels, grid.steps);
      o.present[i] = 1;
      o.values[i] = val;
    }
    if (o) out.push(o);
  }
  return { type: 'vector', series: out };
}
