// What the rules write, as Prometheus's TSDB would hold it: recording-rule series, ALERTS and ALERTS_FOR_STATE, one
// growable typed-array series per label set, with stale markers when a series stops being returned. Later rules
// read it through a layered store — the rule outputs over the raw data, where raw series of the same names (e.g. a
// collector's own ALERTS) are hidden so every rule sees the backtest's output only.
import { compileMatchers } from '@core/series/matcher';
import { labelsKey } from '@core/series/labels';
import { lowerBound } from '@core/series/memory-store';
import { STALE_NAN } from '@core/series/stale-marker';
import type { LabelMatcher, Labels, RawSeries, SeriesStore } from '@core/series/types';

class GrowingSeries {
  timestamps = new Float64Array(16);
  values = new Float64Array(16);
  length = 0;
  constructor(readonly labels: Labels) {}

  push(t: number, v: number): void {
    if (this.length > 0 && this.timestamps[this.length - 1] >= t) return; // out of order: the TSDB would reject it
    if (this.length === this.timestamps.length) {
      const ts = new Float64Array(this.length * 2);
      ts.set(this.timestamps);
      const vs = new Float64Array(this.length * 2);
      vs.set(this.values);
      this.timestamps = ts;
      this.values = vs;
    }
    this.timestamps[this.length] = t;
    this.values[this.length] = v;
    this.length++;
  }

  /** Drop samples before t (a live evaluator keeps only what lookback and ranges can still read). */
  trimBefore(t: number): void {
    let i = 0;
    while (i < this.length && this.timestamps[i] < t) i++;
    if (i === 0) return;
    this.timestamps.copyWithin(0, i, this.length);
    this.values.copyWithin(0, i, this.length);
    this.length -= i;
  }

  pushStale(t: number): void {
    this.push(t, 0);
    if (this.timestamps[this.length - 1] === t) this.values[this.length - 1] = STALE_NAN; // assigned in place: keeps the bits
  }
}

export class RecordedStore implements SeriesStore {
  private readonly byKey = new Map<string, GrowingSeries>();

  append(labels: Labels, t: number, v: number): void {
    this.series(labels).push(t, v);
  }

  appendStale(labels: Labels, t: number): void {
    this.series(labels).pushStale(t);
  }

  private series(labels: Labels): GrowingSeries {
    const k = labelsKey(labels);
    let s = this.byKey.get(k);
    if (!s) this.byKey.set(k, (s = new GrowingSeries(labels)));
    return s;
  }

  trimBefore(t: number): void {
    for (const [k, s] of this.byKey) {
      s.trimBefore(t);
      if (s.length === 0) this.byKey.delete(k);
    }
  }

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    const match = compileMatchers(matchers);
    const out: RawSeries[] = [];
    for (const s of this.byKey.values()) {
      if (!match(s.labels)) continue;
      const ts = s.timestamps.subarray(0, s.length);
      const lo = lowerBound(ts, startMs);
      const hi = lowerBound(ts, endMs + 1);
      if (hi > lo) out.push({ labels: s.labels, timestamps: ts.subarray(lo, hi), values: s.values.subarray(lo, hi) });
    }
    return out;
  }

  /** Every series written, trimmed to its length (the arrays are copies, safe to keep). */
  all(): RawSeries[] {
    return [...this.byKey.values()].map((s) => ({ labels: s.labels, timestamps: s.timestamps.slice(0, s.length), values: s.values.slice(0, s.length) }));
  }
}

/** Raw data under the rules' own output; raw series named like an output are not visible. */
export class LayeredStore implements SeriesStore {
  constructor(
    private readonly base: SeriesStore,
    private readonly recorded: RecordedStore,
    private readonly outputNames: ReadonlySet<string>,
  ) {}

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    const eqName = matchers.find((m) => m.name === '__name__' && m.type === '=');
    if (eqName && this.outputNames.has(eqName.value)) return this.recorded.select(matchers, startMs, endMs);
    const raw = this.base.select(matchers, startMs, endMs).filter((s) => !this.outputNames.has(s.labels.__name__ ?? ''));
    return raw.concat(this.recorded.select(matchers, startMs, endMs));
  }
}

/** Writes one rule's samples per evaluation, adding stale markers for series it no longer returns (group.go). */
export class RuleSeriesWriter {
  private previous = new Map<string, Labels>();
  constructor(private readonly store: RecordedStore) {}

  write(t: number, samples: readonly { labels: Labels; value: number }[]): void {
    const now = new Map<string, Labels>();
    for (const s of samples) {
      const k = labelsKey(s.labels);
      now.set(k, s.labels);
      this.store.append(s.labels, t, s.value);
    }
    for (const [k, labels] of this.previous) if (!now.has(k)) this.store.appendStale(labels, t);
    this.previous = now;
  }
}
