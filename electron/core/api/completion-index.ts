// The editor's completion index. remote_read has no metadata API, so the index comes from one bounded recent read
// of every series (`{__name__=~".+"}` over the last few minutes), capped in samples, cached per profile until
// refreshed. It says when it is partial (a cap hit or a node that did not answer).
import { fanOut } from '@core/cluster/fanout/fan-out';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { CompletionIndex } from '@shared/api/query-types';

export const COMPLETION_WINDOW_MS = 5 * 60_000;
/** Enough for ~100k series scraped every 15 s over the window; more is a partial index. */
export const COMPLETION_MAX_SAMPLES = 2_000_000;
const MAX_VALUES_PER_LABEL = 1000;

export async function buildCompletionIndex(spec: ClusterSpec, nowMs = Date.now(), maxSamples = COMPLETION_MAX_SAMPLES): Promise<CompletionIndex> {
  const outcomes = await fanOut(
    spec.nodes,
    [{ matchers: [{ type: '=~', name: '__name__', value: '.+' }], startMs: nowMs - COMPLETION_WINDOW_MS, endMs: nowMs }],
    { timeoutMs: spec.timeoutMs, maxSamplesPerNode: maxSamples, limits: spec.readLimits },
  );
  const metricLabels = new Map<string, Set<string>>();
  const labelValues = new Map<string, Set<string>>();
  let capped = false;
  for (const o of outcomes) {
    for (const s of o.results[0] ?? []) {
      const name = s.labels.__name__;
      if (!name) continue;
      let names = metricLabels.get(name);
      if (!names) metricLabels.set(name, (names = new Set()));
      for (const [k, v] of Object.entries(s.labels)) {
        if (k === '__name__') continue;
        if (k === spec.replicaLabel) continue;
        names.add(k);
        let values = labelValues.get(k);
        if (!values) labelValues.set(k, (values = new Set()));
        if (values.size < MAX_VALUES_PER_LABEL) values.add(v);
        else capped = true;
      }
    }
  }
  const failed = outcomes.filter((o) => !o.ok);
  const limited = failed.filter((o) => o.errorKind === 'limit');
  const notes: string[] = [];
  if (limited.length) notes.push(`the read hit its cap of ${maxSamples} samples on ${limited.map((o) => o.node.name).join(', ')}`);
  const down = failed.filter((o) => o.errorKind !== 'limit');
  if (down.length) notes.push(`no answer from ${down.map((o) => `${o.node.name} (${o.error})`).join('; ')}`);
  if (capped) notes.push(`label values were capped at ${MAX_VALUES_PER_LABEL} per label`);
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    metrics: [...metricLabels.keys()].sort(),
    metricLabels: Object.fromEntries([...metricLabels].map(([k, v]) => [k, sorted(v)])),
    labelValues: Object.fromEntries([...labelValues].map(([k, v]) => [k, sorted(v)])),
    partial: notes.length > 0,
    ...(down.length ? { unanswered: down.map((o) => o.node.name) } : {}),
    ...(notes.length ? { note: `Completion is built from the last ${COMPLETION_WINDOW_MS / 60_000} minutes of data; partial: ${notes.join('; ')}.` } : {}),
    builtAtMs: nowMs,
  };
}
