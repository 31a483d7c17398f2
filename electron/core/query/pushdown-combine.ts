// The merged view of a pushed-down query: the nodes' own answers combined per label set and step by max or min
// (the only combines pushdown-rules.ts allows). Works on the step grid with typed arrays; NaN loses to any number,
// as in Prometheus's max/min aggregations.
import { compareLabels, labelsKey } from '@core/series/labels';
import type { EvaluatedResult, ResultSeries } from '@shared/api/query-types';
import type { PushdownCombine } from './pushdown-rules';
import type { TimeFrame } from './time-frame';

interface Slot {
  labels: Record<string, string>;
  values: Float64Array;
  present: Uint8Array;
}

export function combineNodeAnswers(answers: readonly EvaluatedResult[], frame: TimeFrame, combine: PushdownCombine): EvaluatedResult {
  const steps = frame.stepMs > 0 ? Math.floor((frame.endMs - frame.startMs) / frame.stepMs) + 1 : 1;
  const slots = new Map<string, Slot>();
  const better = combine === 'max' ? (v: number, cur: number) => v > cur || Number.isNaN(cur) : (v: number, cur: number) => v < cur || Number.isNaN(cur);
  for (const a of answers) {
    for (const s of a.series) {
      const key = labelsKey(s.labels);
      let slot = slots.get(key);
      if (!slot) {
        slot = { labels: s.labels, values: new Float64Array(steps), present: new Uint8Array(steps) };
        slots.set(key, slot);
      }
      for (let i = 0; i < s.timestamps.length; i++) {
        const k = frame.stepMs > 0 ? Math.round((s.timestamps[i] - frame.startMs) / frame.stepMs) : 0;
        if (k < 0 || k >= steps) continue;
        const v = s.values[i];
        if (!slot.present[k]) {
          slot.present[k] = 1;
          slot.values[k] = v;
        } else if (better(v, slot.values[k])) slot.values[k] = v;
      }
    }
  }
  const series: ResultSeries[] = [];
  for (const slot of slots.values()) {
    let n = 0;
    for (let k = 0; k < steps; k++) n += slot.present[k];
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let k = 0, j = 0; k < steps; k++) {
      if (!slot.present[k]) continue;
      timestamps[j] = frame.startMs + k * frame.stepMs;
      values[j++] = slot.values[k];
    }
    series.push({ labels: slot.labels, timestamps, values });
  }
  series.sort((x, y) => compareLabels(x.labels, y.labels));
  const resultType = frame.stepMs > 0 ? 'matrix' : 'vector';
  const warnings = [...new Set(answers.flatMap((a) => a.warnings))];
  const infos = [...new Set(answers.flatMap((a) => a.infos))];
  return { resultType, series, warnings, infos };
}
