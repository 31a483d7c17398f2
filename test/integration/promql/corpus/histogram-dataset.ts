// The native-histogram differential corpus's data, generated from a seed over a 30-minute window and pushed with
// remote_write into a Prometheus 2.42 started with --enable-feature=native-histograms:
//   rrx_nh_latency{svc}  integer counter histograms (zero bucket, negative and positive buckets that appear over
//                        time) every 15 s, with a planted counter reset, a 7-minute gap (longer than the lookback),
//                        and, for svc="web", a schema change half-way (3 → 1);
//   rrx_nh_gauge{svc}    float histograms (fractional counts; svc="db" with reset hint GAUGE), every 20 s;
//                        svc="api" ends 5 minutes early with a stale marker;
//   rrx_nh_mixed{kind}   one histogram series and one float series under the same name (mixed vectors);
//   rrx_nh_switch        one series holding floats, then histograms (windows of both kinds).
// Pure: the caller pushes the series with remote_write.
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { STALE_NAN } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';
import { prng } from '../../../helpers/series-fixtures';

export const HISTOGRAM_WINDOW_MS = 30 * 60_000;

export interface HistogramDataset {
  startMs: number;
  endMs: number;
  series: RawSeries[];
}

/** Spans ([offset, length] pairs) and absolute counts from a sparse index → count map. */
function layout(buckets: Map<number, number>): { spans: Int32Array; counts: Float64Array } {
  const idx = [...buckets.keys()].sort((a, b) => a - b);
  const spans: number[] = [];
  let prevEnd = 0;
  for (let k = 0; k < idx.length; k++) {
    if (k === 0 || idx[k] !== idx[k - 1] + 1) {
      spans.push(k === 0 ? idx[k] : idx[k] - prevEnd, 0);
    }
    spans[spans.length - 1]++;
    prevEnd = idx[k] + 1;
  }
  return { spans: Int32Array.from(spans), counts: Float64Array.from(idx.map((i) => buckets.get(i)!)) };
}

interface HistState {
  schema: number;
  zeroCount: number;
  sum: number;
  pos: Map<number, number>;
  neg: Map<number, number>;
}

function snapshot(s: HistState, hint: CounterResetHint): FloatHistogram {
  const p = layout(s.pos);
  const n = layout(s.neg);
  let count = s.zeroCount;
  for (const c of p.counts) count += c;
  for (const c of n.counts) count += c;
  return {
    counterResetHint: hint,
    schema: s.schema,
    zeroThreshold: 0.001,
    zeroCount: s.zeroCount,
    count,
    sum: s.sum,
    positiveSpans: p.spans,
    positiveBuckets: p.counts,
    negativeSpans: n.spans,
    negativeBuckets: n.counts,
  };
}

function histogramSeries(labels: Labels, ts: number[], hs: FloatHistogram[]): RawSeries {
  return { labels, timestamps: Float64Array.from(ts), values: new Float64Array(ts.length).fill(NaN), histograms: hs };
}

/** Scrape times every intervalMs from a random phase, jittered, skipping [gapFrom, gapTo) (ms into the window). */
function times(rnd: () => number, startMs: number, intervalMs: number, gapFrom = -1, gapTo = -1): number[] {
  const out: number[] = [];
  const phase = Math.floor(rnd() * intervalMs);
  for (let n = phase; n < HISTOGRAM_WINDOW_MS; n += intervalMs) {
    if (n >= gapFrom && n < gapTo) continue;
    out.push(startMs + n + Math.round((rnd() * 2 - 1) * 40));
  }
  return out;
}

/** The series cut at `endMs`, then a stale marker one interval later. */
function withStaleEnd(s: RawSeries, endMs: number): RawSeries {
  let n = 0;
  while (n < s.timestamps.length && s.timestamps[n] < endMs) n++;
  const timestamps = new Float64Array(n + 1);
  const values = new Float64Array(n + 1);
  timestamps.set(s.timestamps.subarray(0, n));
  values.set(s.values.subarray(0, n));
  timestamps[n] = timestamps[n - 1] + 20_000;
  values[n] = STALE_NAN;
  return { labels: s.labels, timestamps, values, histograms: [...s.histograms!.slice(0, n), null] };
}

/** Reduce a bucket map from schema `from` to `to` (every 2^(from-to) buckets merge, as Prometheus's reduction). */
function reduce(m: Map<number, number>, from: number, to: number): Map<number, number> {
  const f = 2 ** (from - to);
  const out = new Map<number, number>();
  for (const [i, c] of m) {
    const j = Math.floor((i - 1) / f) + 1;
    out.set(j, (out.get(j) ?? 0) + c);
  }
  return out;
}

export function generateHistogramDataset(seed: number, startMs: number): HistogramDataset {
  const rnd = prng(seed);
  const series: RawSeries[] = [];

  for (const svc of ['api', 'web']) {
    const ts = times(rnd, startMs, 15_000, 11 * 60_000, 18 * 60_000);
    const resetAt = Math.floor(ts.length * (svc === 'api' ? 0.35 : 0.75));
    const schemaChangeAt = svc === 'web' ? Math.floor(ts.length / 2) : -1;
    const st: HistState = { schema: svc === 'web' ? 3 : 0, zeroCount: 0, sum: 0, pos: new Map(), neg: new Map() };
    const hs: FloatHistogram[] = [];
    for (let i = 0; i < ts.length; i++) {
      if (i === resetAt) {
        st.zeroCount = 0;
        st.sum = 0;
        st.pos = new Map();
        st.neg = new Map();
      }
      if (i === schemaChangeAt) {
        st.pos = reduce(st.pos, st.schema, 1);
        st.neg = reduce(st.neg, st.schema, 1);
        st.schema = 1;
      }
      const n = 1 + Math.floor(rnd() * 12);
      for (let k = 0; k < n; k++) {
        const r = rnd();
        if (r < 0.08) {
          st.zeroCount++;
        } else {
          // Bucket indexes spread so that new buckets (and new spans) appear over time.
          const idx = Math.floor(rnd() * 9) - 3 + (i > ts.length / 3 ? Math.floor(rnd() * 3) * 3 : 0);
          const target = r < 0.2 ? st.neg : st.pos;
          target.set(idx, (target.get(idx) ?? 0) + 1);
          const x = 2 ** (idx / 2 ** st.schema) * (r < 0.2 ? -1 : 1);
          st.sum += Math.round(x * 1000) / 1000;
        }
      }
      hs.push(snapshot(st, CounterResetHint.Unknown));
    }
    series.push(histogramSeries({ __name__: 'rrx_nh_latency', job: 'nh', svc }, ts, hs));
  }

  // Float histograms (fractional counts). Their buckets only grow: 2.42's remote_read re-encoder fails a read
  // (HTTP 500 "detected unexpected counter reset in histogram") on float histograms whose buckets decrease, gauge
  // or not, so a 2.42 gauge histogram that goes down cannot be read over remote_read at all (see compare.ts).
  for (const svc of ['api', 'db']) {
    const ts = times(rnd, startMs, 20_000);
    const hs: FloatHistogram[] = [];
    const st: HistState = { schema: 2, zeroCount: 0, sum: 0, pos: new Map(), neg: new Map() };
    for (let i = 0; i < ts.length; i++) {
      for (let b = -2; b < 4; b++) if (rnd() < 0.8) st.pos.set(b, (st.pos.get(b) ?? 0) + Math.round(rnd() * 5000) / 100);
      if (rnd() < 0.5) st.neg.set(1, (st.neg.get(1) ?? 0) + Math.round(rnd() * 300) / 100);
      st.zeroCount += Math.round(rnd() * 700) / 100;
      st.sum += Math.round((rnd() - 0.3) * 1e5) / 100;
      hs.push(snapshot(st, svc === 'db' ? CounterResetHint.Gauge : CounterResetHint.Unknown));
    }
    const g = histogramSeries({ __name__: 'rrx_nh_gauge', job: 'nh', svc }, ts, hs);
    // svc="api" stops 5 minutes before the end with a stale marker (a float StaleNaN, as Prometheus writes one).
    series.push(svc === 'api' ? withStaleEnd(g, startMs + HISTOGRAM_WINDOW_MS - 5 * 60_000) : g);
  }

  const mts = times(rnd, startMs, 15_000);
  const mst: HistState = { schema: 1, zeroCount: 0, sum: 0, pos: new Map(), neg: new Map() };
  const mhs = mts.map(() => {
    const idx = Math.floor(rnd() * 4);
    mst.pos.set(idx, (mst.pos.get(idx) ?? 0) + 1 + Math.floor(rnd() * 3));
    mst.sum += 1.5;
    return snapshot(mst, CounterResetHint.Unknown);
  });
  series.push(histogramSeries({ __name__: 'rrx_nh_mixed', job: 'nh', kind: 'histogram' }, mts, mhs));
  const fts = times(rnd, startMs, 15_000);
  let v = 10;
  series.push({
    labels: { __name__: 'rrx_nh_mixed', job: 'nh', kind: 'float' },
    timestamps: Float64Array.from(fts),
    values: Float64Array.from(fts.map(() => (v += Math.round(rnd() * 300) / 100))),
  });
  // One series that changes kind: floats for the first half of the window, then counter histograms (as when an
  // exporter switches a classic metric to a native one), so windows hold both kinds.
  const sts = times(rnd, startMs, 15_000);
  const half = Math.floor(sts.length / 2);
  const sst: HistState = { schema: 0, zeroCount: 0, sum: 0, pos: new Map(), neg: new Map() };
  let fv = 100;
  const shs = sts.map((_t, i) => {
    if (i < half) return null;
    const idx = Math.floor(rnd() * 5) - 1;
    sst.pos.set(idx, (sst.pos.get(idx) ?? 0) + 1 + Math.floor(rnd() * 4));
    sst.sum += 0.75;
    return snapshot(sst, CounterResetHint.Unknown);
  });
  series.push({
    labels: { __name__: 'rrx_nh_switch', job: 'nh' },
    timestamps: Float64Array.from(sts),
    values: Float64Array.from(sts.map((_t, i) => (i < half ? (fv += Math.round(rnd() * 500) / 100) : NaN))),
    histograms: shs,
  });
  return { startMs, endMs: startMs + HISTOGRAM_WINDOW_MS, series };
}
