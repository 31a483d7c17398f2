import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '@core/demo/demo-cluster';
import { DEMO_HISTORY_MS } from '@core/demo/anomalies';
import { generateReplicaSeries } from '@core/demo/node-exporter-data';
import { remoteRead } from '@core/remote-read/client';
import { labelsKey } from '@core/series/labels';
import type { LabelMatcher, RawSeries } from '@core/series/types';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 7);
let demo: DemoCluster;
beforeAll(async () => {
  demo = await startDemoCluster({ nowMs: NOW });
});
afterAll(() => demo.close());

const eq = (name: string, value: string): LabelMatcher => ({ type: '=', name, value });

async function read(node: 0 | 1, matchers: LabelMatcher[], type: 'SAMPLES' | 'STREAMED_XOR_CHUNKS' = 'STREAMED_XOR_CHUNKS') {
  const res = await remoteRead({ url: demo.nodes[node].url, name: demo.nodes[node].name, acceptedResponseTypes: [type] }, [
    { matchers, startMs: NOW - DEMO_HISTORY_MS, endMs: NOW },
  ]);
  return res.results[0];
}

function one(list: RawSeries[], labels: Record<string, string>): RawSeries {
  const s = list.find((x) => labelsKey(x.labels) === labelsKey(labels));
  if (!s) throw new Error(`missing ${JSON.stringify(labels)}`);
  return s;
}

describe('demo cluster', () => {
  it('serves two named nodes with the same series set, up to now, over both response types', async () => {
    expect(demo.nodes.map((n) => n.name)).toEqual(['demo-a', 'demo-b']);
    for (const type of ['SAMPLES', 'STREAMED_XOR_CHUNKS'] as const) {
      const a = await read(0, [{ type: '=~', name: '__name__', value: '.+' }], type);
      const b = await read(1, [{ type: '=~', name: '__name__', value: '.+' }], type);
      expect(a.length).toBeGreaterThan(40);
      expect(a.map((s) => labelsKey(s.labels)).sort()).toEqual(b.map((s) => labelsKey(s.labels)).sort());
      const upA = one(a, { __name__: 'up', instance: 'node-1:9100', job: 'node' });
      expect(upA.timestamps.length).toBeGreaterThanOrEqual(1439);
      expect(NOW - upA.timestamps[upA.timestamps.length - 1]).toBeLessThan(15_000);
    }
  });

  it('has the names node_exporter users expect, and a consistent classic histogram', async () => {
    const names = new Set((await read(0, [{ type: '=~', name: '__name__', value: '.+' }])).map((s) => s.labels.__name__));
    for (const n of ['node_cpu_seconds_total', 'node_network_receive_bytes_total', 'node_memory_MemAvailable_bytes', 'node_load1', 'up',
      'prometheus_http_request_duration_seconds_bucket', 'prometheus_http_request_duration_seconds_sum', 'prometheus_http_request_duration_seconds_count']) {
      expect(names.has(n), n).toBe(true);
    }
    const buckets = await read(0, [eq('__name__', 'prometheus_http_request_duration_seconds_bucket'), eq('handler', '/api/v1/query')]);
    const byLe = buckets.sort((x, y) => Number(x.labels.le === '+Inf' ? Infinity : x.labels.le) - Number(y.labels.le === '+Inf' ? Infinity : y.labels.le));
    const last = (s: RawSeries) => s.values[s.values.length - 1];
    for (let i = 1; i < byLe.length; i++) expect(last(byLe[i])).toBeGreaterThanOrEqual(last(byLe[i - 1]));
    const count = (await read(0, [eq('__name__', 'prometheus_http_request_duration_seconds_count'), eq('handler', '/api/v1/query')]))[0];
    expect(last(count)).toBe(last(byLe[byLe.length - 1]));
  });

  it('scrapes at different phases on A and B, with slightly different gauge values', async () => {
    const l = { __name__: 'node_load1', instance: 'node-1:9100', job: 'node' };
    const a = one(await read(0, [eq('__name__', 'node_load1')]), l);
    const b = one(await read(1, [eq('__name__', 'node_load1')]), l);
    expect(a.timestamps[0] % 15_000).not.toBe(b.timestamps[0] % 15_000);
    const diffs = Array.from(a.values.slice(0, 100)).filter((v, i) => v !== b.values[i]).length;
    expect(diffs).toBeGreaterThan(10);
  });

  it('B has the planted gap, A does not', async () => {
    const { startMs, endMs } = demo.anomalies.gap;
    expect(endMs - startMs).toBeGreaterThanOrEqual(3 * 60_000);
    const inGap = (s: RawSeries) => Array.from(s.timestamps).filter((t) => t >= startMs && t < endMs).length;
    const l = { __name__: 'up', instance: 'node-2:9100', job: 'node' };
    const a = one(await read(0, [eq('__name__', 'up')]), l);
    const b = one(await read(1, [eq('__name__', 'up')]), l);
    expect(inGap(a)).toBeGreaterThanOrEqual(15);
    expect(inGap(b)).toBe(0);
  });

  it('B has the planted counter reset at the first scrape after atMs, A is monotonic', async () => {
    const { atMs, labels } = demo.anomalies.counterReset;
    const m = Object.entries(labels).map(([k, v]) => eq(k, v));
    const a = (await read(0, m))[0];
    const b = (await read(1, m))[0];
    const drops = (s: RawSeries) => {
      const out: number[] = [];
      for (let i = 1; i < s.values.length; i++) if (s.values[i] < s.values[i - 1]) out.push(s.timestamps[i]);
      return out;
    };
    expect(drops(a)).toEqual([]);
    const firstAfter = Array.from(b.timestamps).find((t) => t >= atMs)!;
    expect(drops(b)).toEqual([firstAfter]);
  });

  it('is deterministic', () => {
    const x = generateReplicaSeries('B', NOW - 3_600_000, NOW);
    const y = generateReplicaSeries('B', NOW - 3_600_000, NOW);
    expect(x.map((s) => Array.from(s.values))).toEqual(y.map((s) => Array.from(s.values)));
  });
});
