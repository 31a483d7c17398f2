// Provenance for people: a merged series' per-sample node indices collapsed into runs ("node B from 10:02 to
// 10:05"), for the strip under the merged chart, and the node behind each step of a plain selector's result.
import type { MergedSeries } from '@core/cluster/merge/types';
import { labelsKey } from '@core/series/labels';
import type { MergedRawSummary, ProvenanceRun, ResultSeries } from '@shared/api/query-types';

export const MAX_PROVENANCE_SERIES = 200;

export function provenanceRuns(s: MergedSeries): ProvenanceRun[] {
  const runs: ProvenanceRun[] = [];
  const n = s.timestamps.length;
  let i = 0;
  while (i < n) {
    const node = s.provenance[i];
    let j = i;
    while (j + 1 < n && s.provenance[j + 1] === node) j++;
    runs.push({ node, startMs: s.timestamps[i], endMs: s.timestamps[j] });
    i = j + 1;
  }
  return runs;
}

export function summarizeProvenance(series: readonly MergedSeries[]): MergedRawSummary[] {
  return series.slice(0, MAX_PROVENANCE_SERIES).map((s) => ({ labels: { ...s.labels }, runs: provenanceRuns(s), tieBreaks: s.tieBreaks }));
}

/**
 * For a plain instant-vector selector, each output point is the latest raw sample at or before its step within
 * the lookback window: attach that sample's node. Other expressions combine samples, so they carry none.
 */
export function attachSelectorProvenance(result: ResultSeries[], merged: readonly MergedSeries[], lookbackMs: number): void {
  const byKey = new Map(merged.map((m) => [labelsKey(m.labels), m]));
  for (const r of result) {
    const m = byKey.get(labelsKey(r.labels));
    if (!m) continue;
    const prov = new Uint8Array(r.timestamps.length);
    let j = 0;
    for (let i = 0; i < r.timestamps.length; i++) {
      const t = r.timestamps[i];
      while (j + 1 < m.timestamps.length && m.timestamps[j + 1] <= t) j++;
      prov[i] = m.timestamps[j] <= t && t - m.timestamps[j] <= lookbackMs ? m.provenance[j] : 255;
    }
    r.provenance = prov;
  }
}
