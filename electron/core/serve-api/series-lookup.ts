// Which series exist in a window, answered by remote_read (it has no index API): read each match[] set from every
// node through the raw-read cache, drop the replica label, keep each label set once. Partial policy as queries.
import { fanOut } from '@core/cluster/fanout/fan-out';
import { ClusterReadError } from '@core/cluster/fanout/types';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { partialNotices, partialWarning } from '@core/query/run-cluster-query';
import { labelsKey } from '@core/series/labels';
import type { LabelMatcher, Labels, SelectorRequest } from '@core/series/types';
import type { RawReadCache } from '@core/cluster/fanout/raw-read-cache';

export interface SeriesLookup {
  series: Labels[];
  warnings: string[];
}

export async function lookupSeries(
  spec: ClusterSpec,
  matchSets: readonly (readonly LabelMatcher[])[],
  window: { startMs: number; endMs: number },
  opts: { signal?: AbortSignal; cache?: RawReadCache },
): Promise<SeriesLookup> {
  const requests: SelectorRequest[] = matchSets.map((matchers) => ({ matchers, startMs: window.startMs, endMs: window.endMs }));
  const outcomes = await fanOut(spec.nodes, requests, { signal: opts.signal, cache: opts.cache, timeoutMs: spec.timeoutMs, limits: spec.readLimits });
  if (opts.signal?.aborted) throw new ClusterReadError('The query was cancelled.', []);
  const failed = partialNotices(outcomes);
  if (failed.length) {
    const list = failed.map((f) => `${f.node} (${f.host}): ${f.reason}`).join('; ');
    if (failed.length === outcomes.length) throw new ClusterReadError(`No node answered. ${list}`, failed);
    if (spec.partialPolicy === 'strict') throw new ClusterReadError(`Strict mode: not every node answered. ${list}`, failed);
  }
  const byKey = new Map<string, Labels>();
  const replica = spec.replicaLabel;
  for (const o of outcomes) {
    if (!o.ok) continue;
    for (const list of o.results)
      for (const s of list) {
        let labels = s.labels;
        if (replica && replica in labels) {
          const copy = { ...labels };
          delete copy[replica];
          labels = copy;
        }
        const k = labelsKey(labels);
        if (!byKey.has(k)) byKey.set(k, labels);
      }
  }
  return { series: [...byKey.values()], warnings: [...failed.map(partialWarning), ...outcomes.flatMap((o) => o.warnings)] };
}
