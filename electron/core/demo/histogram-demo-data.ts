// The demo's native histogram: demo_request_duration_seconds per handler, an exponential-schema (3, bucket factor
// ~1.09, as client_golang's default) counter histogram of request latencies, sampled at each replica's own scrape
// times — so replica B's planted gap shows in it — and restarting on B at the demo's counter-reset time, as a
// restarted app would. Deterministic and monotonic per bucket: every bucket count is floor(requests × share), with
// requests from two populations (fast, and a slow one that swells and ebbs every 90 minutes), so the heatmap has a
// visible shape. Typed arrays per sample, one object per sample.
import { bucketBound } from '@shared/histogram/bounds';
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import type { Labels, RawSeries } from '@core/series/types';
import type { DemoAnomalies } from './anomalies';
import { replicaScrapeTimes, type DemoReplica } from './node-exporter-data';

export const DEMO_HISTOGRAM_NAME = 'demo_request_duration_seconds';
export const DEMO_HISTOGRAM_SCHEMA = 3;
/** Bucket indexes served: (2^(-81/8), 2^(-80/8)] ≈ 0.9 ms up to (2^(26/8), 2^(27/8)] ≈ 10.4 s. */
const FIRST_INDEX = -80;
const LAST_INDEX = 27;
const ZERO_THRESHOLD = 2 ** -128;
const HANDLERS = ['/checkout', '/search'];
const BOOT = 1_690_000_000_000;
const TAU = 2 * Math.PI;

/** The labels of the demo histogram of one handler (the one replica B resets is the first). */
export function demoHistogramLabels(handler: string): Labels {
  return { __name__: DEMO_HISTOGRAM_NAME, handler, instance: 'app-1:8080', job: 'demo' };
}

export const DEMO_HISTOGRAM_RESET_LABELS: Labels = demoHistogramLabels(HANDLERS[0]);

/** ∫ base·(1 + a·sin(2πt/P)) dt (t in s from boot): a request count that never falls. */
function requests(tMs: number, base: number, amp: number, periodMs: number): number {
  const s = (tMs - BOOT) / 1000;
  const p = periodMs / 1000;
  return base * (s + (amp * p * (1 - Math.cos((TAU * s) / p))) / TAU);
}

/** Share of a log-normal(median, sigma) population falling in each served bucket. */
function shares(median: number, sigma: number): Float64Array {
  const out = new Float64Array(LAST_INDEX - FIRST_INDEX + 1);
  const cdf = (x: number) => 0.5 * (1 + erf(Math.log(x / median) / (sigma * Math.SQRT2)));
  for (let i = FIRST_INDEX; i <= LAST_INDEX; i++) out[i - FIRST_INDEX] = cdf(bucketBound(i, DEMO_HISTOGRAM_SCHEMA)) - cdf(bucketBound(i - 1, DEMO_HISTOGRAM_SCHEMA));
  return out;
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): plenty for made-up latencies. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

interface Population {
  count: (tMs: number) => number;
  shares: Float64Array;
  meanS: number;
}

function populations(h: number): Population[] {
  const fastMedian = 0.04 * (1 + h);
  const slowMedian = 0.45 * (1 + h);
  return [
    { count: (t) => requests(t, 3 + 2 * h, 0.5, 86_400_000), shares: shares(fastMedian, 0.6), meanS: fastMedian * Math.exp(0.18) },
    { count: (t) => requests(t, 0.4, 0.95, 5_400_000), shares: shares(slowMedian, 0.5), meanS: slowMedian * Math.exp(0.125) },
  ];
}

/** Cumulative bucket counts at t (floor per population and bucket, so each bucket only grows). */
function bucketsAt(pops: Population[], tMs: number): { buckets: Float64Array; sum: number } {
  const buckets = new Float64Array(LAST_INDEX - FIRST_INDEX + 1);
  let sum = 0;
  for (const p of pops) {
    const c = p.count(tMs);
    for (let i = 0; i < buckets.length; i++) buckets[i] += Math.floor(c * p.shares[i]);
    sum += Math.round(c * p.meanS * 1000) / 1000;
  }
  return { buckets, sum };
}

function histogram(buckets: Float64Array, sum: number): FloatHistogram {
  let count = 0;
  for (const v of buckets) count += v;
  return {
    counterResetHint: CounterResetHint.Unknown,
    schema: DEMO_HISTOGRAM_SCHEMA,
    zeroThreshold: ZERO_THRESHOLD,
    zeroCount: 0,
    count,
    sum,
    positiveSpans: Int32Array.of(FIRST_INDEX, buckets.length),
    positiveBuckets: buckets,
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
  };
}

/** The demo histogram series of one replica over [fromMs, toMs], with B's gap (no samples) and reset applied. */
export function generateHistogramSeries(replica: DemoReplica, fromMs: number, toMs: number, anomalies: DemoAnomalies): RawSeries[] {
  const times = replicaScrapeTimes(replica, fromMs, toMs, anomalies);
  const resetAt = replica === anomalies.counterReset.replica ? anomalies.counterReset.atMs : Infinity;
  return HANDLERS.map((handler, h) => {
    const pops = populations(h);
    const labels = demoHistogramLabels(handler);
    const resets = h === 0 && Number.isFinite(resetAt);
    // After the restart (at resetAt) the app counts from zero: only the requests since then.
    const base = resets ? bucketsAt(pops, resetAt) : null;
    const histograms: FloatHistogram[] = [];
    for (const t of times) {
      const { buckets, sum } = bucketsAt(pops, t);
      if (base && t >= resetAt) {
        for (let i = 0; i < buckets.length; i++) buckets[i] -= base.buckets[i];
        histograms.push(histogram(buckets, Math.round((sum - base.sum) * 1000) / 1000));
      } else histograms.push(histogram(buckets, sum));
    }
    return { labels, timestamps: times, values: new Float64Array(times.length).fill(NaN), histograms };
  });
}
