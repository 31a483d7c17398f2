// Range-vector functions over windows that hold native histogram samples (Prometheus 3's functions.go):
// rate/increase/delta with counter-reset detection and extrapolation, irate/idelta, the *_over_time family,
// changes/resets, and the float functions that ignore histograms with an info annotation. A window is given as
// two parallel views — its float points and its histogram points — as upstream's Series{Floats, Histograms}.
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import {
  combineHistograms,
  compactHistogram,
  copyHistogram,
  detectReset,
  divideHistogram,
  histogramsEqual,
  IncompatibleSchemaError,
  scaleHistogram,
  toSchema,
} from '../histogram/ops';
import { isCustomSchema } from '../histogram/bounds';
import { HistogramKahanSum } from '../histogram/kahan-sum';
import type { PositionRange } from '../parser/ast';
import type { Annotations } from './annotations';
import { histogramTexts, type HistogramOperation } from './histogram-annotations';

export interface HistogramWindow {
  /** Float points of the window: fts/fvs[flo, fhi). */
  fts: Float64Array;
  fvs: Float64Array;
  flo: number;
  fhi: number;
  /** Histogram points of the window: hts/hh[hlo, hhi) (never empty when this module is called). */
  hts: Float64Array;
  hh: FloatHistogram[];
  hlo: number;
  hhi: number;
  rangeStartMs: number;
  rangeEndMs: number;
  rangeMs: number;
  metric: string;
  pos: PositionRange;
  annotations: Annotations;
  /** The float kernel of the function, applied to the float points alone. */
  floatKernel: () => number | undefined;
}

export type RangeResult = { f: number } | { h: FloatHistogram } | undefined;

/** Functions that read floats only: histograms are ignored (with an info when floats remain). */
const FLOAT_ONLY = new Set([
  'min_over_time',
  'max_over_time',
  'ts_of_min_over_time',
  'ts_of_max_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'mad_over_time',
  'deriv',
  'predict_linear',
  'double_exponential_smoothing',
  'holt_winters',
]);

/** Whether `histogramRangeStep` knows the function; others simply ignore histogram points. */
export function handlesHistograms(name: string): boolean {
  return FLOAT_ONLY.has(name) || name in HANDLERS;
}

function fail(w: HistogramWindow, e: unknown): RangeResult {
  if (e instanceof IncompatibleSchemaError) {
    w.annotations.warn(histogramTexts.mixedExponentialCustom(w.metric), w.pos);
    return undefined;
  }
  throw e;
}

function reconciled(w: HistogramWindow, op: HistogramOperation): void {
  w.annotations.info(histogramTexts.mismatchedCustomBuckets(op), w.pos);
}

/** histogramRate: last − first, adding back the value before every detected counter reset. */
function histogramIncrease(w: HistogramWindow, isCounter: boolean): FloatHistogram | undefined {
  const { hh, hlo, hhi } = w;
  let prev = hh[hlo];
  const last = hh[hhi - 1];
  let usingCustom = isCustomSchema(prev.schema);
  if (isCounter && (prev.counterResetHint === CounterResetHint.Gauge || last.counterResetHint === CounterResetHint.Gauge))
    w.annotations.warn(histogramTexts.notCounter(w.metric), w.pos);
  if (isCounter) {
    const second = hh[hlo + 1];
    if (detectReset(second, prev)) {
      // The first sample does not count after a reset; its layout must not matter either.
      prev = { ...emptyLike(second) };
      usingCustom = isCustomSchema(second.schema);
    }
  }
  if (isCustomSchema(last.schema) !== usingCustom) {
    w.annotations.warn(histogramTexts.mixedExponentialCustom(w.metric), w.pos);
    return undefined;
  }
  let minSchema = Math.min(last.schema, prev.schema);
  for (let i = hlo + 1; i < hhi - 1; i++) {
    const cur = hh[i];
    if (!isCounter) continue;
    if (cur.counterResetHint === CounterResetHint.Gauge) w.annotations.warn(histogramTexts.notCounter(w.metric), w.pos);
    if (cur.schema < minSchema) minSchema = cur.schema;
    if (isCustomSchema(cur.schema) !== usingCustom) {
      w.annotations.warn(histogramTexts.mixedExponentialCustom(w.metric), w.pos);
      return undefined;
    }
  }
  let h: FloatHistogram;
  try {
    const r = combineHistograms(toSchema(last, minSchema), prev, -1);
    if (r.boundsReconciled) reconciled(w, 'subtraction');
    h = r.h;
    if (isCounter) {
      let p = prev;
      for (let i = hlo + 1; i < hhi; i++) {
        const cur = hh[i];
        if (detectReset(cur, p)) {
          const a = combineHistograms(h, p, 1);
          if (a.boundsReconciled) reconciled(w, 'addition');
          h = a.h;
        }
        p = cur;
      }
    } else if (hh[hlo].counterResetHint !== CounterResetHint.Gauge || last.counterResetHint !== CounterResetHint.Gauge) {
      w.annotations.warn(histogramTexts.notGauge(w.metric), w.pos);
    }
  } catch (e) {
    fail(w, e);
    return undefined;
  }
  h.counterResetHint = CounterResetHint.Gauge;
  return compactHistogram(h);
}

function emptyLike(h: FloatHistogram): FloatHistogram {
  const e: FloatHistogram = {
    counterResetHint: CounterResetHint.Unknown,
    schema: h.schema,
    zeroThreshold: 0,
    zeroCount: 0,
    count: 0,
    sum: 0,
    positiveSpans: new Int32Array(0),
    positiveBuckets: new Float64Array(0),
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
  };
  if (h.customValues) e.customValues = h.customValues;
  return e;
}

/** rate/increase/delta over histograms: the increase extrapolated to the window bounds (extrapolatedRate). */
function extrapolated(w: HistogramWindow, isCounter: boolean, isRate: boolean): RangeResult {
  if (w.fhi > w.flo) {
    w.annotations.warn(histogramTexts.mixedFloatsHistograms(w.metric), w.pos);
    return undefined;
  }
  const n1 = w.hhi - w.hlo - 1;
  if (n1 < 1) return undefined;
  const result = histogramIncrease(w, isCounter);
  if (!result) return undefined;
  const firstT = w.hts[w.hlo];
  const lastT = w.hts[w.hhi - 1];
  let durationToStart = (firstT - w.rangeStartMs) / 1000;
  let durationToEnd = (w.rangeEndMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const avg = sampledInterval / n1;
  const threshold = avg * 1.1;
  if (durationToStart >= threshold) durationToStart = avg / 2;
  if (isCounter) {
    let durationToZero = durationToStart;
    const first = w.hh[w.hlo];
    if (result.count > 0 && first.count >= 0) durationToZero = sampledInterval * (first.count / result.count);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = avg / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= w.rangeMs / 1000;
  const h = scaleHistogram(result, factor);
  h.counterResetHint = CounterResetHint.Gauge;
  return { h };
}

/** irate/idelta: the last two samples of the window, whichever kind they are. */
function instant(w: HistogramWindow, isRate: boolean): RangeResult {
  type P = { t: number; f: number; h: FloatHistogram | null };
  const pts: P[] = [];
  for (let i = Math.max(w.flo, w.fhi - 2); i < w.fhi; i++) pts.push({ t: w.fts[i], f: w.fvs[i], h: null });
  for (let i = Math.max(w.hlo, w.hhi - 2); i < w.hhi; i++) pts.push({ t: w.hts[i], f: NaN, h: w.hh[i] });
  if (pts.length < 2) return undefined;
  pts.sort((a, b) => a.t - b.t);
  const [p0, p1] = pts.slice(-2);
  const interval = p1.t - p0.t;
  if (interval === 0) return undefined;
  if (!p0.h && !p1.h) {
    let f = p1.f;
    if (!isRate || !(p1.f < p0.f)) f = p1.f - p0.f;
    return { f: isRate ? f / (interval / 1000) : f };
  }
  if (!p0.h || !p1.h) {
    w.annotations.warn(histogramTexts.mixedFloatsHistograms(w.metric), w.pos);
    return undefined;
  }
  if (isRate && (p1.h.counterResetHint === CounterResetHint.Gauge || p0.h.counterResetHint === CounterResetHint.Gauge))
    w.annotations.warn(histogramTexts.notCounter(w.metric), w.pos);
  if (!isRate && (p1.h.counterResetHint !== CounterResetHint.Gauge || p0.h.counterResetHint !== CounterResetHint.Gauge))
    w.annotations.warn(histogramTexts.notGauge(w.metric), w.pos);
  let h = copyHistogram(p1.h);
  if (!isRate || !detectReset(p1.h, p0.h)) {
    try {
      const r = combineHistograms(h, p0.h, -1);
      if (r.boundsReconciled) reconciled(w, 'subtraction');
      h = r.h;
    } catch (e) {
      return fail(w, e);
    }
  }
  h.counterResetHint = CounterResetHint.Gauge;
  h = compactHistogram(h);
  return { h: isRate ? divideHistogram(h, interval / 1000) : h };
}

/** sum_over_time / avg_over_time of histograms; a mix with floats gives nothing and a warning. */
function sumOrAvg(w: HistogramWindow, avg: boolean): RangeResult {
  if (w.fhi > w.flo) {
    w.annotations.warn(histogramTexts.mixedFloatsHistograms(w.metric), w.pos);
    return undefined;
  }
  const first = w.hh[w.hlo];
  let reset = first.counterResetHint === CounterResetHint.CounterReset;
  let notReset = first.counterResetHint === CounterResetHint.NotCounterReset;
  const k = new HistogramKahanSum();
  try {
    k.add(first);
    for (let i = w.hlo + 1; i < w.hhi; i++) {
      const h = w.hh[i];
      if (h.counterResetHint === CounterResetHint.CounterReset) reset = true;
      if (h.counterResetHint === CounterResetHint.NotCounterReset) notReset = true;
      k.add(h);
    }
  } catch (e) {
    return fail(w, e);
  }
  if (reset && notReset) w.annotations.warn(histogramTexts.counterResetCollision('aggregation'), w.pos);
  if (k.boundsReconciled) reconciled(w, 'aggregation');
  return { h: compactHistogram(avg ? k.average() : k.sum()) };
}

/** Samples of both kinds in time order, for changes() and resets(). */
function transitions(w: HistogramWindow, counted: (prev: FloatHistogram | number, cur: FloatHistogram | number) => boolean): RangeResult {
  let i = w.flo;
  let j = w.hlo;
  let prev: FloatHistogram | number | undefined;
  let n = 0;
  while (i < w.fhi || j < w.hhi) {
    let cur: FloatHistogram | number;
    if (j >= w.hhi || (i < w.fhi && w.fts[i] < w.hts[j])) cur = w.fvs[i++];
    else cur = w.hh[j++];
    if (prev !== undefined && counted(prev, cur)) n++;
    prev = cur;
  }
  return { f: n };
}

const HANDLERS: Record<string, (w: HistogramWindow) => RangeResult> = {
  rate: (w) => extrapolated(w, true, true),
  increase: (w) => extrapolated(w, true, false),
  delta: (w) => extrapolated(w, false, false),
  irate: (w) => instant(w, true),
  idelta: (w) => instant(w, false),
  sum_over_time: (w) => sumOrAvg(w, false),
  avg_over_time: (w) => sumOrAvg(w, true),
  count_over_time: (w) => ({ f: w.fhi - w.flo + (w.hhi - w.hlo) }),
  present_over_time: () => ({ f: 1 }),
  absent_over_time: () => ({ f: 1 }),
  last_over_time: (w) => (w.fhi > w.flo && w.hts[w.hhi - 1] < w.fts[w.fhi - 1] ? { f: w.fvs[w.fhi - 1] } : { h: w.hh[w.hhi - 1] }),
  first_over_time: (w) => (w.fhi > w.flo && w.fts[w.flo] < w.hts[w.hlo] ? { f: w.fvs[w.flo] } : { h: w.hh[w.hlo] }),
  ts_of_last_over_time: (w) => ({ f: Math.max(w.hts[w.hhi - 1], w.fhi > w.flo ? w.fts[w.fhi - 1] : -Infinity) / 1000 }),
  ts_of_first_over_time: (w) => ({ f: Math.min(w.hts[w.hlo], w.fhi > w.flo ? w.fts[w.flo] : Infinity) / 1000 }),
  changes: (w) =>
    transitions(w, (p, c) => {
      if (typeof p === 'number' && typeof c === 'number') return p !== c && !(Number.isNaN(p) && Number.isNaN(c));
      if (typeof p === 'number' || typeof c === 'number') return true;
      return !histogramsEqual(p, c);
    }),
  resets: (w) =>
    transitions(w, (p, c) => {
      if (typeof p === 'number' && typeof c === 'number') return c < p;
      if (typeof p === 'number' || typeof c === 'number') return true;
      return detectReset(c, p);
    }),
};

/** The function's value over a window holding at least one histogram point. */
export function histogramRangeStep(name: string, w: HistogramWindow): RangeResult {
  const handler = HANDLERS[name];
  if (handler) return handler(w);
  if (FLOAT_ONLY.has(name)) {
    if (w.fhi === w.flo) return undefined;
    w.annotations.info(histogramTexts.ignoredInMixedRange(w.metric), w.pos);
    const f = w.floatKernel();
    return f === undefined ? undefined : { f };
  }
  return undefined;
}
