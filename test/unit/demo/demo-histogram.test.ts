// The demo's native histogram (demo_request_duration_seconds): served by both demo nodes over STREAMED_XOR_CHUNKS
// (HISTOGRAM chunks) and SAMPLES exactly as generated, monotonic per bucket on A, with B's planted gap and reset in
// it, seen by the findings — and the demo's float series unchanged beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '@core/demo/demo-cluster';
import { DEMO_HISTORY_MS } from '@core/demo/anomalies';
import { DEMO_HISTOGRAM_NAME, DEMO_HISTOGRAM_RESET_LABELS, DEMO_HISTOGRAM_SCHEMA, generateHistogramSeries } from '@core/demo/histogram-demo-data';
import { generateReplicaSeries } from '@core/demo/node-exporter-data';
import { remoteRead } from '@core/remote-read/client';
import { analyzeReplicas } from '@core/cluster/findings';
import { labelsKey } from '@core/series/labels';
import type { LabelMatcher, RawSeries } from '@core/series/types';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 7);
let demo: DemoCluster;
beforeAll(async () => {
  demo = await startDemoCluster({ nowMs: NOW });
});
afterAll(() => demo.close());

const name = (v: string): LabelMatcher => ({ type: '=', name: '__name__', value: v });

async function read(node: 0 | 1, matchers: LabelMatcher[], type: 'SAMPLES' | 'STREAMED_XOR_CHUNKS' = 'STREAMED_XOR_CHUNKS'): Promise<RawSeries[]> {
  const res = await remoteRead({ url: demo.nodes[node].url, name: demo.nodes[node].name, acceptedResponseTypes: [type] }, [
    { matchers, startMs: NOW - DEMO_HISTORY_MS, endMs: NOW },
  ]);
  return [...res.results[0]].sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
}

const sorted = (list: RawSeries[]) => [...list].sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));

describe('demo native histogram', () => {
  it('is served by both nodes over both response types exactly as generated (exponential schema, ~100 buckets)', async () => {
    for (const node of [0, 1] as const) {
      const want = sorted(generateHistogramSeries(node === 0 ? 'A' : 'B', NOW - DEMO_HISTORY_MS, NOW, demo.anomalies));
      for (const type of ['STREAMED_XOR_CHUNKS', 'SAMPLES'] as const) {
        const got = await read(node, [name(DEMO_HISTOGRAM_NAME)], type);
        expect(got.map((s) => s.labels)).toEqual(want.map((s) => s.labels));
        got.forEach((s, i) => {
          expect(Array.from(s.timestamps)).toEqual(Array.from(want[i].timestamps));
          // Bucket by bucket over absolute indexes (the encoder may split spans at empty runs).
          const flat = (hs: RawSeries['histograms']) => hs!.map((h) => [h!.schema, h!.count, h!.sum, h!.zeroCount, expand(h!.positiveSpans, h!.positiveBuckets)]);
          expect(flat(s.histograms)).toEqual(flat(want[i].histograms));
        });
      }
    }
    const [first] = generateHistogramSeries('A', NOW - 3_600_000, NOW, demo.anomalies);
    const last = first.histograms![first.histograms!.length - 1]!;
    expect(last.schema).toBe(DEMO_HISTOGRAM_SCHEMA);
    expect(last.positiveBuckets.filter((v) => v > 0).length).toBeGreaterThan(40);
  });

  it('grows in every bucket on A; on B it has no samples in the planted gap and restarts once, at the reset', async () => {
    const [a] = (await read(0, [name(DEMO_HISTOGRAM_NAME)])).filter((s) => labelsKey(s.labels) === labelsKey(DEMO_HISTOGRAM_RESET_LABELS));
    const [b] = (await read(1, [name(DEMO_HISTOGRAM_NAME)])).filter((s) => labelsKey(s.labels) === labelsKey(DEMO_HISTOGRAM_RESET_LABELS));
    const drops = (s: RawSeries) => {
      const out: number[] = [];
      const hs = s.histograms!;
      for (let i = 1; i < hs.length; i++) {
        const p = expand(hs[i - 1]!.positiveSpans, hs[i - 1]!.positiveBuckets);
        const c = expand(hs[i]!.positiveSpans, hs[i]!.positiveBuckets);
        if (Object.keys(p).map(Number).some((k) => (c[k] ?? 0) < p[k])) out.push(s.timestamps[i]);
      }
      return out;
    };
    expect(drops(a)).toEqual([]);
    const { atMs } = demo.anomalies.counterReset;
    expect(drops(b)).toEqual([Array.from(b.timestamps).find((t) => t >= atMs)]);
    const { startMs, endMs } = demo.anomalies.gap;
    expect(Array.from(b.timestamps).filter((t) => t >= startMs && t < endMs)).toEqual([]);
    expect(Array.from(a.timestamps).filter((t) => t >= startMs && t < endMs).length).toBeGreaterThanOrEqual(15);

    const r = analyzeReplicas({
      nodes: [
        { index: 0, name: 'demo-a', series: [a] },
        { index: 1, name: 'demo-b', series: [b] },
      ],
      startMs: NOW - DEMO_HISTORY_MS,
      endMs: NOW,
    });
    const kinds = r.findings.map((f) => `${f.kind}:${f.node}`);
    expect(kinds).toContain('gap:demo-b');
    expect(kinds).toContain('reset:demo-b');
    expect(kinds.filter((k) => k.endsWith(':demo-a'))).toEqual([]);
  });

  it('leaves the demo float series as they were: every other series served is generateReplicaSeries', async () => {
    const all = await read(1, [{ type: '=~', name: '__name__', value: '.+' }]);
    const floats = all.filter((s) => s.labels.__name__ !== DEMO_HISTOGRAM_NAME);
    const want = sorted(generateReplicaSeries('B', NOW - DEMO_HISTORY_MS, NOW, demo.anomalies));
    expect(floats.map((s) => s.labels)).toEqual(want.map((s) => s.labels));
    floats.forEach((s, i) => {
      expect(s.histograms).toBeUndefined();
      expect(Array.from(s.values)).toEqual(Array.from(want[i].values));
    });
  });
});

/** Absolute bucket index → count, for buckets other than 0. */
function expand(spans: Int32Array, buckets: Float64Array): Record<number, number> {
  const out: Record<number, number> = {};
  let idx = 0;
  let k = 0;
  for (let s = 0; s < spans.length; s += 2) {
    idx += spans[s];
    for (let j = 0; j < spans[s + 1]; j++, idx++, k++) if (buckets[k] !== 0) out[idx] = buckets[k];
  }
  return out;
}
