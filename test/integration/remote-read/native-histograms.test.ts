// Native histograms end to end against a real Prometheus 2.42 started with --enable-feature=native-histograms:
// it scrapes our protobuf-exposition target (test/helpers/native-histogram-target.ts) every second; rrx reads the
// series back over remote_read (STREAMED_XOR_CHUNKS: HISTOGRAM chunks) and every raw sample — timestamp, count,
// sum and every bucket with its bounds and boundary rule — must equal Prometheus's own /api/v1/query answer for the
// range selector, in Prometheus's JSON form (so our JSON codec is held to the real one too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNativeHistogramTarget, type NativeHistogramTarget } from '../../helpers/native-histogram-target';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { readCommand } from '@core/cli/commands/read';
import { remoteRead } from '@core/remote-read/client';
import { histogramToApiJson, type ApiHistogram } from '@core/promql/engine/api-json';
import { labelsKey } from '@core/series/labels';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';

let prom: PrometheusServer;
let target: NativeHistogramTarget;
let endMs: number;
const RANGE = '5m';
const RANGE_MS = 300_000;

beforeAll(async () => {
  target = await startNativeHistogramTarget({ resetAfter: 10 });
  prom = await startPrometheus({
    configYaml: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: nh\n    static_configs:\n      - targets: ['127.0.0.1:${target.port}']\n`,
    extraArgs: ['--enable-feature=native-histograms'],
  });
  // ~20 scrapes (the reset happens at the 10th), then a window that ends in the past.
  const deadline = Date.now() + 60_000;
  while (target.scrapes() < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 1500));
  endMs = Math.floor((Date.now() - 1000) / 1000) * 1000;
}, 90_000);
afterAll(async () => {
  await prom?.stop();
  await target?.close();
});

interface ApiRangeSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  histograms?: [number, ApiHistogram][];
}

async function apiRange(selector: string): Promise<ApiRangeSeries[]> {
  const url = `${prom.baseUrl}/api/v1/query?query=${encodeURIComponent(`${selector}[${RANGE}]`)}&time=${endMs / 1000}`;
  const body = (await (await fetch(url)).json()) as { status: string; data: { resultType: string; result: ApiRangeSeries[] } };
  expect(body.status).toBe('success');
  expect(body.data.resultType).toBe('matrix');
  return body.data.result;
}

/** Our raw series in the API's shape: stale markers dropped (the query API drops them from range selectors). */
function asApi(s: RawSeries): { histograms: [number, ApiHistogram][]; floats: [number, string][] } {
  const histograms: [number, ApiHistogram][] = [];
  const floats: [number, string][] = [];
  for (let i = 0; i < s.timestamps.length; i++) {
    const h = s.histograms?.[i];
    if (h) histograms.push([s.timestamps[i], histogramToApiJson(h)]);
    else if (!isStaleAt(s.values, i)) floats.push([s.timestamps[i], String(s.values[i])]);
  }
  return { histograms, floats };
}

const ms = (t: number) => Math.round(t * 1000);

describe('native histograms from Prometheus 2.42 over remote_read', () => {
  it.each(['latency_seconds', 'queue_wait_seconds'])('%s: every raw sample equals the HTTP API range selector', async (name) => {
    const api = await apiRange(name);
    expect(api.length).toBe(1);
    expect(api[0].histograms?.length).toBeGreaterThanOrEqual(15);
    const res = await remoteRead({ url: prom.readUrl, acceptedResponseTypes: ['STREAMED_XOR_CHUNKS'] }, [
      { matchers: [{ type: '=', name: '__name__', value: name }], startMs: endMs - RANGE_MS + 1, endMs },
    ]);
    expect(res.responseType).toBe('STREAMED_XOR_CHUNKS');
    expect(res.warnings).toEqual([]);
    expect(res.results[0].length).toBe(1);
    const ours = res.results[0][0];
    expect(labelsKey(ours.labels)).toBe(labelsKey(api[0].metric));
    const got = asApi(ours);
    expect(got.floats).toEqual([]);
    const want = api[0].histograms!.map(([t, h]): [number, ApiHistogram] => [ms(t), h]);
    expect(got.histograms).toEqual(want);
    // The data is what it should be: buckets on both sides of zero, a zero bucket, and (latency) a counter reset.
    const last = want[want.length - 1][1];
    expect(last.buckets!.some((b) => b[0] === 3)).toBe(true); // the zero bucket [−zt, zt]
    if (name === 'latency_seconds') {
      expect(last.buckets!.some((b) => Number(b[2]) < 0)).toBe(true);
      const counts = want.map(([, h]) => Number(h.count));
      expect(counts.some((c, i) => i > 0 && c < counts[i - 1])).toBe(true);
    }
  });

  it('a float series of the same target reads as before (and SAMPLES carries 2.42’s floats)', async () => {
    for (const type of ['STREAMED_XOR_CHUNKS', 'SAMPLES'] as const) {
      const res = await remoteRead({ url: prom.readUrl, acceptedResponseTypes: [type] }, [
        { matchers: [{ type: '=', name: '__name__', value: 'rrx_target_scrapes_total' }], startMs: endMs - RANGE_MS + 1, endMs },
      ]);
      const s = res.results[0][0];
      expect(s.histograms).toBeUndefined();
      const api = await apiRange('rrx_target_scrapes_total');
      expect(asApi(s).floats.map(([t, v]) => [t, Number(v)])).toEqual(api[0].values!.map(([t, v]) => [ms(t), Number(v)]));
    }
  });

  it('`rrx read --format json` prints the histogram samples in Prometheus’s JSON form', async () => {
    let out = '';
    const io = { stdout: (s: string) => void (out += s), stderr: () => undefined };
    const code = await readCommand.run(
      ['--endpoint', prom.readUrl, '--match', 'latency_seconds', '--start', String((endMs - RANGE_MS + 1) / 1000), '--end', String(endMs / 1000), '--format', 'json'],
      io as never,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { series: { labels: Record<string, string>; histograms: [number, ApiHistogram][] }[] };
    const api = await apiRange('latency_seconds');
    expect(doc.series[0].histograms).toEqual(api[0].histograms!.map(([t, h]) => [ms(t), h]));
  });
});
