// Generated native histogram series (seeded, deterministic): what the fuzzer, the round-trip tests and the in-repo
// server use to exercise histogram chunks. Counter histograms grow and occasionally reset, change bucket layout,
// carry negative buckets and a zero bucket, go stale; gauge histograms, float counts and custom-bucket schemas too.
import { CUSTOM_BUCKETS_SCHEMA, CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { STALE_NAN } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);

export interface HistogramSeriesOptions {
  samples: number;
  startMs: number;
  stepMs: number;
  /** Gauge histograms (hint Gauge, counts go up and down). */
  gauge?: boolean;
  /** Non-integer counts (FLOAT_HISTOGRAM chunks). */
  floatCounts?: boolean;
  /** Custom bucket bounds (schema -53). */
  custom?: boolean;
  /** Probability per sample of a stale marker, a counter reset, a layout change. */
  staleRate?: number;
  resetRate?: number;
  layoutRate?: number;
  /** Probability per sample of a float sample instead of a histogram. */
  floatRate?: number;
}

function randomSpans(rng: Rng, maxSpans: number): Int32Array {
  const n = int(rng, maxSpans + 1);
  const out = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = i === 0 ? int(rng, 20) - 10 : int(rng, 4);
    out[2 * i + 1] = 1 + int(rng, 5);
  }
  return out;
}

function spanBuckets(s: Int32Array): number {
  let n = 0;
  for (let i = 1; i < s.length; i += 2) n += s[i];
  return n;
}

/** One series of native histograms (and, when asked, floats and stale markers) at a fixed step. */
export function histogramSeries(rng: Rng, labels: Labels, o: HistogramSeriesOptions): RawSeries {
  const n = o.samples;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const histograms: (FloatHistogram | null)[] = [];
  let schema = o.custom ? CUSTOM_BUCKETS_SCHEMA : int(rng, 9) - 4;
  const zeroThreshold = o.custom ? 0 : [0, 2 ** -128, 0.001, 1e-9][int(rng, 4)];
  let pSpans = randomSpans(rng, 3);
  let nSpans = o.custom ? new Int32Array(0) : randomSpans(rng, 2);
  let customValues = o.custom ? Float64Array.from({ length: spanEnd(pSpans) + 1 }, (_, i) => 0.005 * 2 ** i + (i === 3 ? 1 / 3 : 0)) : undefined;
  let pos = new Float64Array(spanBuckets(pSpans));
  let neg = new Float64Array(spanBuckets(nSpans));
  let zero = 0;
  let sum = 0;
  const unit = o.floatCounts ? 0.25 + rng() : 1;
  for (let i = 0; i < n; i++) {
    timestamps[i] = o.startMs + i * o.stepMs + (rng() < 0.1 ? int(rng, 50) : 0);
    if (i > 0 && rng() < (o.staleRate ?? 0)) {
      values[i] = STALE_NAN;
      histograms.push(null);
      continue;
    }
    if (i > 0 && rng() < (o.floatRate ?? 0)) {
      values[i] = rng() * 100;
      histograms.push(null);
      continue;
    }
    let hint: CounterResetHint = o.gauge ? CounterResetHint.Gauge : CounterResetHint.Unknown;
    if (i > 0 && rng() < (o.layoutRate ?? 0)) {
      if (!o.custom) schema = int(rng, 9) - 4;
      pSpans = randomSpans(rng, 3);
      nSpans = o.custom ? nSpans : randomSpans(rng, 2);
      if (o.custom) customValues = Float64Array.from({ length: spanEnd(pSpans) + 1 }, (_, k) => 0.01 * (k + 1));
      pos = new Float64Array(spanBuckets(pSpans));
      neg = new Float64Array(spanBuckets(nSpans));
      zero = 0;
      sum = 0;
    } else if (i > 0 && rng() < (o.resetRate ?? 0)) {
      pos = new Float64Array(pos.length);
      neg = new Float64Array(neg.length);
      zero = 0;
      sum = 0;
      if (!o.gauge && rng() < 0.5) hint = CounterResetHint.CounterReset;
    } else {
      pos = pos.map((v) => (o.gauge ? Math.max(0, v + int(rng, 7) - 3) * 1 : v + int(rng, 4)) * 1);
      neg = neg.map((v) => (o.gauge ? Math.max(0, v + int(rng, 5) - 2) : v + int(rng, 3)));
      zero = o.gauge ? Math.max(0, zero + int(rng, 3) - 1) : zero + int(rng, 3);
      sum += rng() * 10;
    }
    const positiveBuckets = pos.map((v) => v * unit);
    const negativeBuckets = neg.map((v) => v * unit);
    let count = zero * unit;
    for (const v of positiveBuckets) count += v;
    for (const v of negativeBuckets) count += v;
    const h: FloatHistogram = {
      counterResetHint: hint,
      schema,
      zeroThreshold,
      zeroCount: zero * unit,
      count,
      sum,
      positiveSpans: pSpans,
      positiveBuckets,
      negativeSpans: nSpans,
      negativeBuckets,
    };
    if (customValues) h.customValues = customValues;
    values[i] = NaN;
    histograms.push(h);
  }
  return { labels, timestamps, values, histograms };
}

/** Index after the last bucket the spans cover (for sizing custom bounds). */
function spanEnd(spans: Int32Array): number {
  let idx = 0;
  for (let i = 0; i < spans.length; i += 2) idx += spans[i] + spans[i + 1];
  return Math.max(0, idx);
}
