// Collects per-step samples into output series keyed by label set, the way Prometheus's rangeEval assembles a
// matrix: first appearance fixes the series order, and a second sample for the same labels at the same step is
// the "vector cannot contain metrics with the same labelset" error.
import type { Labels } from '../../series/types';
import { labelsKey } from '../../series/labels';
import { QueryError } from './errors';
import { newStepSeries, setHistogram, type StepSeries } from './values';
import type { FloatHistogram } from '../../series/histogram';

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

export class OutputCollector {
  readonly series: StepSeries[] = [];
  private readonly byKey = new Map<string, StepSeries>();

  constructor(private readonly steps: number) {}

  add(labels: Labels, dropName: boolean, step: number, value: number, key = labelsKey(labels), h: FloatHistogram | null = null): void {
    let s = this.byKey.get(key);
    if (!s) {
      s = newStepSeries(labels, this.steps, dropName);
      this.byKey.set(key, s);
      this.series.push(s);
    } else if (s.present[step]) {
      throw new QueryError(DUPLICATE_LABELSET);
    }
    s.present[step] = 1;
    s.values[step] = value;
    if (h) setHistogram(s, step, h, value);
  }
}

/**
 * Merge series that ended up with the same labels (after a label change or name drop): allowed when their steps
 * do not overlap, an error when they do (Prometheus's mergeSeriesWithSameLabelset).
 */
export function mergeSameLabels(series: StepSeries[]): StepSeries[] {
  if (series.length <= 1) return series;
  const byKey = new Map<string, number>();
  const cloned = new Set<number>();
  const out: StepSeries[] = [];
  for (const s of series) {
    const key = labelsKey(s.labels);
    const idx = byKey.get(key);
    if (idx === undefined) {
      byKey.set(key, out.length);
      out.push(s);
      continue;
    }
    // Columns may be shared with the input; copy before writing into them.
    if (!cloned.has(idx)) {
      const p = out[idx];
      out[idx] = { labels: p.labels, dropName: p.dropName, values: p.values.slice(), present: p.present.slice() };
      if (p.histograms) out[idx].histograms = p.histograms.slice();
      cloned.add(idx);
    }
    const merged = out[idx];
    for (let i = 0; i < s.present.length; i++) {
      if (!s.present[i]) continue;
      if (merged.present[i]) throw new QueryError(DUPLICATE_LABELSET);
      merged.present[i] = 1;
      merged.values[i] = s.values[i];
      const h = s.histograms?.[i];
      if (h) setHistogram(merged, i, h, s.values[i]);
    }
  }
  return out;
}
