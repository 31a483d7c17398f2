// The storage a promqltest script loads into: float samples (stale markers written bit-exactly into typed
// arrays) in a MemorySeriesStore, plus a record of which series carry native-histogram samples so the runner can
// tell when a query needed data this engine does not evaluate.
import type { LabelMatcher, Labels, RawSeries, SeriesStore } from '../../series/types';
import { labelsKey } from '../../series/labels';
import { MemorySeriesStore } from '../../series/memory-store';
import { STALE_NAN } from '../../series/stale-marker';
import type { LoadCmd } from './script';

interface Pending {
  labels: Labels;
  ts: number[];
  vs: number[];
  stale: boolean[];
}

export class TestStore implements SeriesStore {
  private floats = new Map<string, Pending>();
  private histograms = new Map<string, { labels: Labels; ts: number[] }>();
  private built: MemorySeriesStore | null = null;
  private builtHist: MemorySeriesStore | null = null;
  /** Set when a select matched a series with native-histogram samples in the asked window. */
  touchedHistograms = false;

  load(cmd: LoadCmd): void {
    this.built = null;
    this.builtHist = null;
    for (const s of cmd.series) {
      const key = labelsKey(s.labels);
      let t = 0;
      for (const v of s.values) {
        if (!v.omitted) {
          if (v.histogram) this.addHistogram(s.labels, t);
          else {
            let p = this.floats.get(key);
            if (!p) this.floats.set(key, (p = { labels: s.labels, ts: [], vs: [], stale: [] }));
            p.ts.push(t);
            p.vs.push(v.value);
            p.stale.push(v.stale);
          }
        }
        t += cmd.stepMs;
      }
    }
    if (cmd.withNhcb) this.addNhcb(cmd);
  }

  /** load_with_nhcb also stores each classic histogram as one native histogram with custom buckets. */
  private addNhcb(cmd: LoadCmd): void {
    for (const s of cmd.series) {
      const name = s.labels.__name__ ?? '';
      const m = /^(.*)_(bucket|count|sum)$/.exec(name);
      if (!m) continue;
      const base: Record<string, string> = { ...s.labels, __name__: m[1] };
      delete base.le;
      let t = 0;
      for (const v of s.values) {
        if (!v.omitted && !v.histogram) this.addHistogram(base, t);
        t += cmd.stepMs;
      }
    }
  }

  private addHistogram(labels: Labels, t: number): void {
    const key = labelsKey(labels);
    let h = this.histograms.get(key);
    if (!h) this.histograms.set(key, (h = { labels, ts: [] }));
    if (h.ts[h.ts.length - 1] !== t) h.ts.push(t);
  }

  get hasHistograms(): boolean {
    return this.histograms.size > 0;
  }

  private store(): MemorySeriesStore {
    if (this.built) return this.built;
    const series: RawSeries[] = [];
    for (const p of this.floats.values()) {
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
      idx.forEach((i, k) => {
        values[k] = p.stale[i] ? STALE_NAN : p.vs[i];
      });
      series.push({ labels: p.labels, timestamps, values });
    }
    this.built = new MemorySeriesStore(series);
    return this.built;
  }

  private histStore(): MemorySeriesStore {
    if (this.builtHist) return this.builtHist;
    const series: RawSeries[] = [];
    for (const h of this.histograms.values()) {
      const ts = [...h.ts].sort((a, b) => a - b);
      series.push({ labels: h.labels, timestamps: Float64Array.from(ts), values: new Float64Array(ts.length) });
    }
    this.builtHist = new MemorySeriesStore(series);
    return this.builtHist;
  }

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    if (this.histograms.size > 0 && this.histStore().select(matchers, startMs, endMs).length > 0) this.touchedHistograms = true;
    return this.store().select(matchers, startMs, endMs);
  }
}
