// The storage a promqltest script loads into: float samples (stale markers written bit-exactly into typed
// arrays) and native histogram samples (a HistogramColumn aligned with the timestamps) in a MemorySeriesStore.
// `load_with_nhcb` also stores each classic histogram as a native histogram with custom buckets.
import type { Labels, RawSeries, SeriesStore, LabelMatcher } from '../../series/types';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA, type FloatHistogram } from '../../series/histogram';
import { labelsKey } from '../../series/labels';
import { MemorySeriesStore } from '../../series/memory-store';
import { STALE_NAN } from '../../series/stale-marker';
import { compactHistogram, detectReset, sameBounds } from '../histogram/ops';
import { parseGoFloat } from '../engine/eval-histogram';
import type { LoadCmd } from './script';

interface Pending {
  labels: Labels;
  ts: number[];
  vs: number[];
  stale: boolean[];
  hs: (FloatHistogram | null)[];
}

/** A classic histogram at one timestamp while load_with_nhcb collects its series. */
interface Classic {
  buckets: Map<number, number>;
  count?: number;
  sum: number;
}

export class TestStore implements SeriesStore {
  private series = new Map<string, Pending>();
  private built: MemorySeriesStore | null = null;

  load(cmd: LoadCmd): void {
    this.built = null;
    for (const s of cmd.series) {
      let t = 0;
      for (const v of s.values) {
        if (!v.omitted) this.add(s.labels, t, v.histogram ? NaN : v.value, v.stale, v.h ?? null);
        t += cmd.stepMs;
      }
    }
    if (cmd.withNhcb) this.addNhcb(cmd);
  }

  private add(labels: Labels, t: number, v: number, stale: boolean, h: FloatHistogram | null): void {
    const key = labelsKey(labels);
    let p = this.series.get(key);
    if (!p) this.series.set(key, (p = { labels, ts: [], vs: [], stale: [], hs: [] }));
    p.ts.push(t);
    p.vs.push(v);
    p.stale.push(stale);
    p.hs.push(h);
  }

  /** Classic `_bucket`/`_count`/`_sum` series become one custom-buckets histogram per timestamp (convertnhcb). */
  private addNhcb(cmd: LoadCmd): void {
    const byBase = new Map<string, { labels: Labels; at: Map<number, Classic> }>();
    for (const s of cmd.series) {
      const name = s.labels.__name__ ?? '';
      const m = /^(.*)_(bucket|count|sum)$/.exec(name);
      if (!m) continue;
      let le = NaN;
      if (m[2] === 'bucket') {
        const parsed = parseGoFloat(s.labels.le ?? '');
        if (parsed === null || Number.isNaN(parsed)) continue;
        le = parsed;
      }
      const base: Record<string, string> = { ...s.labels, __name__: m[1] };
      delete base.le;
      const key = labelsKey(base);
      let g = byBase.get(key);
      if (!g) byBase.set(key, (g = { labels: base, at: new Map() }));
      let t = 0;
      for (const v of s.values) {
        if (!v.omitted && !v.histogram && !v.stale) {
          let c = g.at.get(t);
          if (!c) g.at.set(t, (c = { buckets: new Map(), sum: 0 }));
          if (m[2] === 'bucket') {
            if (!c.buckets.has(le)) c.buckets.set(le, v.value);
          } else if (m[2] === 'count') c.count = v.value;
          else c.sum = v.value;
        }
        t += cmd.stepMs;
      }
    }
    for (const g of byBase.values()) {
      for (const [t, c] of [...g.at].sort((a, b) => a[0] - b[0])) this.add(g.labels, t, NaN, false, classicToNhcb(c));
    }
  }

  get hasHistograms(): boolean {
    for (const p of this.series.values()) if (p.hs.some((h) => h !== null)) return true;
    return false;
  }

  private store(): MemorySeriesStore {
    if (this.built) return this.built;
    const series: RawSeries[] = [];
    for (const p of this.series.values()) {
      // Later loads may add earlier timestamps; keep samples time-ordered (last write wins per timestamp).
      const order = p.ts.map((_, i) => i).sort((a, b) => p.ts[a] - p.ts[b] || a - b);
      const ts: number[] = [];
      const idx: number[] = [];
      for (const i of order) {
        if (ts.length && ts[ts.length - 1] === p.ts[i]) idx[idx.length - 1] = i;
        else {
          ts.push(p.ts[i]);
          idx.push(i);
        }
      }
      const timestamps = Float64Array.from(ts);
      const values = new Float64Array(ts.length);
      const hs: (FloatHistogram | null)[] = storedHints(idx.map((i) => p.hs[i]));
      idx.forEach((i, k) => {
        values[k] = p.stale[i] ? STALE_NAN : p.vs[i];
      });
      const raw: RawSeries = { labels: p.labels, timestamps, values };
      series.push(hs.some((h) => h !== null) ? { ...raw, histograms: hs } : raw);
    }
    this.built = new MemorySeriesStore(series);
    return this.built;
  }

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    return this.store().select(matchers, startMs, endMs);
  }
}

function classicToNhcb(c: Classic): FloatHistogram {
  const les = [...c.buckets.keys()].sort((a, b) => a - b);
  const cum = les.map((le) => c.buckets.get(le)!);
  const count = c.count ?? (cum.length > 0 ? cum[cum.length - 1] : 0);
  if (les.length === 0 || les[les.length - 1] !== Infinity) {
    les.push(Infinity);
    cum.push(count);
  }
  const buckets = new Float64Array(cum.length);
  for (let i = 0; i < cum.length; i++) buckets[i] = cum[i] - (i > 0 ? cum[i - 1] : 0);
  return compactHistogram({
    counterResetHint: CounterResetHint.Unknown,
    schema: CUSTOM_BUCKETS_SCHEMA,
    zeroThreshold: 0,
    zeroCount: 0,
    count,
    sum: c.sum,
    positiveSpans: Int32Array.of(0, buckets.length),
    positiveBuckets: buckets,
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
    customValues: Float64Array.from(les.slice(0, -1)),
  });
}

/**
 * The counter reset hints histograms carry when read back from Prometheus's TSDB: samples after the first of a
 * chunk read as NotCounterReset, a detected (or declared) reset starts a new chunk (read back as unknown), a change of
 * schema, zero threshold or custom bounds starts a chunk with an unknown hint, and gauges stay gauges.
 */
function storedHints(hs: (FloatHistogram | null)[]): (FloatHistogram | null)[] {
  let prev: FloatHistogram | null = null;
  return hs.map((h) => {
    if (!h) {
      prev = null;
      return h;
    }
    const before = prev;
    prev = h;
    if (h.counterResetHint === CounterResetHint.Gauge || !before || before.counterResetHint === CounterResetHint.Gauge) return h;
    let hint: CounterResetHint;
    if (h.counterResetHint === CounterResetHint.CounterReset || detectReset({ ...h, counterResetHint: CounterResetHint.Unknown }, before))
      hint = CounterResetHint.Unknown; // prometheus/prometheus#15346: a chunk's reset header reads back as unknown
    else if (h.schema !== before.schema || h.zeroThreshold !== before.zeroThreshold || !sameBounds(h.customValues, before.customValues))
      hint = CounterResetHint.Unknown;
    else hint = CounterResetHint.NotCounterReset;
    return hint === h.counterResetHint ? h : { ...h, counterResetHint: hint };
  });
}
