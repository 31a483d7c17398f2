// Provenance as runs (node, first, last sample time) for the provenance strip of the query view: one entry per
// stretch supplied by one node, not one per sample.
import type { MergedRawSummary, ProvenanceRun } from '@shared/api/query-types';
import type { MergedSeries } from './types';

export function provenanceRuns(m: MergedSeries): ProvenanceRun[] {
  const runs: ProvenanceRun[] = [];
  const n = m.timestamps.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && m.provenance[i] === m.provenance[start]) continue;
    runs.push({ node: m.provenance[start], startMs: m.timestamps[start], endMs: m.timestamps[i - 1] });
    start = i;
  }
  return runs;
}

export function mergedRawSummary(m: MergedSeries): MergedRawSummary {
  return { labels: { ...m.labels }, runs: provenanceRuns(m), tieBreaks: m.tieBreaks };
}
