// The streamed API JSON against the object-tree encoder it replaces on the hot paths: the concatenated chunks must
// be byte-identical to JSON.stringify(toPrometheusApiJson(r)) — point times aside, which now keep Prometheus's three
// millisecond digits (test/integration/serve-api/streamed-json-bytes.test.ts checks against 2.42) — for every result kind, on ≥ 1 M random doubles (every
// exponent, sign, NaN/±Inf/±0, subnormals), with native histograms mixed in, at any chunk size; and no chunk may
// grow far past the chunk size however long a series is.
import { describe, expect, it } from 'vitest';
import { toPrometheusApiJson } from '@core/promql/engine/api-json';
import { apiJsonText, apiTimestamp, encodeApiJson } from '@core/promql/engine/api-json-stream';
import type { QueryResult, ResultSeries } from '@core/promql/engine/query';
import type { FloatHistogram } from '@core/series/histogram';
import { prng } from '../../../helpers/series-fixtures';

const rnd = prng(19);
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A double from random bits, a "typical" metric value, or a special value, in roughly equal shares. */
function randomDouble(): number {
  const pick = rnd();
  if (pick < 0.4) {
    words[0] = (rnd() * 2 ** 32) >>> 0;
    words[1] = (rnd() * 2 ** 32) >>> 0;
    return bits[0];
  }
  if (pick < 0.8) return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 50 - 25);
  if (pick < 0.95) return Math.round(rnd() * 1e6) / (rnd() < 0.5 ? 1 : 1000);
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-6, 1e21, -1e21, 9.99999999999999e-7, 5e-324, Number.MAX_VALUE];
  return specials[Math.floor(rnd() * specials.length)];
}

function hist(count: number): FloatHistogram {
  return {
    counterResetHint: 0,
    schema: 1,
    zeroThreshold: 1e-128,
    zeroCount: 1,
    count,
    sum: count * 0.37,
    positiveSpans: Int32Array.of(0, 2, 3, 1),
    positiveBuckets: Float64Array.of(1, count - 3, 0.5, 1),
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
  };
}

function series(i: number, points: number, withHistograms: 'none' | 'some' | 'all'): ResultSeries {
  const timestamps = new Float64Array(points);
  const values = new Float64Array(points);
  const start = 1736121600000 + Math.floor(rnd() * 1e6) - 5e5;
  for (let p = 0; p < points; p++) {
    timestamps[p] = start + p * 15_000 + (p % 7 === 3 ? 120 : p % 7 === 5 ? 3 : 0);
    values[p] = randomDouble();
  }
  const s: ResultSeries = { labels: { __name__: `m_${i}`, instance: `host-${i}:9100`, q: 'a"b\\c\u00e9\n' }, timestamps, values };
  if (withHistograms !== 'none') s.histograms = Array.from({ length: points }, (_, p) => (withHistograms === 'all' || p % 5 === 0 ? hist(10 + p) : null));
  return s;
}

/** Prometheus's MarshalTimestamp, built independently: three millisecond digits unless they are all zero. */
function goPointTime(seconds: number): string {
  const s = (Math.round(seconds * 1000) / 1000).toFixed(3);
  return s.endsWith('.000') ? s.slice(0, -4) : s;
}

/**
 * The object-tree encoder's bytes with vector and matrix point times in Prometheus's form (JSON.stringify can only
 * write JS's shortest "….23"): each such time becomes a marker string, then the marker's quotes are dropped.
 */
function reference(r: QueryResult): string {
  const json = toPrometheusApiJson(r);
  const mark = (p: unknown[]): void => void (p[0] = `@ts:${goPointTime(p[0] as number)}`);
  if (json.data.resultType === 'vector' || json.data.resultType === 'matrix') {
    for (const s of json.data.result as { value?: unknown[]; histogram?: unknown[]; values?: unknown[][]; histograms?: unknown[][] }[]) {
      if (s.value) mark(s.value);
      if (s.histogram) mark(s.histogram);
      s.values?.forEach(mark);
      s.histograms?.forEach(mark);
    }
  }
  return JSON.stringify(json).replace(/"@ts:([-0-9.]+)"/g, '$1');
}

describe('streamed Prometheus API JSON', () => {
  it('matches the object-tree encoder byte for byte on a matrix of > 1 M random doubles', { timeout: 300_000 }, () => {
    const list = Array.from({ length: 260 }, (_, i) => series(i, 4000 + i, 'none'));
    const r: QueryResult = { resultType: 'matrix', series: list, warnings: [], infos: [] };
    expect(list.reduce((n, s) => n + s.values.length, 0)).toBeGreaterThan(1_000_000);
    const want = reference(r);
    const chunks = [...encodeApiJson({ result: r })];
    expect(chunks.join('')).toBe(want);
    // Chunks stay near the chunk size (one point or one series header past it at most).
    expect(chunks.length).toBeGreaterThan(want.length / (1 << 16) - 1);
    for (const c of chunks) expect(c.length).toBeLessThan((1 << 16) + 512);
  });

  it('matches with histograms mixed in, empty series, labels needing escapes, warnings and infos, at tiny chunk sizes', () => {
    const list = [series(0, 50, 'some'), series(1, 20, 'all'), series(2, 0, 'none'), series(3, 31, 'none'), { ...series(4, 0, 'none'), histograms: [] }];
    const r: QueryResult = { resultType: 'matrix', series: list, warnings: ['w "1"'], infos: ['i1', 'i2'] };
    const want = reference(r);
    for (const size of [1, 7, 100, 1 << 16]) expect([...encodeApiJson({ result: r }, size)].join('')).toBe(want);
  });

  it('matches for vectors (floats and histograms), scalars (Go "f" format) and strings', () => {
    const vec: QueryResult = {
      resultType: 'vector',
      series: [series(0, 1, 'none'), series(1, 1, 'all'), series(2, 1, 'none')],
      warnings: [],
      infos: ['PromQL info: x'],
    };
    expect(apiJsonText({ result: vec })).toBe(reference(vec));
    for (let i = 0; i < 2000; i++) {
      const sc: QueryResult = { resultType: 'scalar', timestampMs: 1736121600120, value: randomDouble(), warnings: [], infos: [] };
      expect(apiJsonText({ result: sc })).toBe(reference(sc));
    }
    const st: QueryResult = { resultType: 'string', timestampMs: 1736121600000, value: 'a "quoted"\nline', warnings: [], infos: [] };
    expect(apiJsonText({ result: st })).toBe(reference(st));
    const empty: QueryResult = { resultType: 'matrix', series: [], warnings: [], infos: [] };
    expect(apiJsonText({ result: empty })).toBe('{"status":"success","data":{"resultType":"matrix","result":[]}}');
  });

  it('writes point times as Prometheus does: seconds, and three millisecond digits unless zero, negatives too', () => {
    const cases: [number, string][] = [[1700000000230, '1700000000.230'], [1700000000000, '1700000000'], [1700000000005, '1700000000.005'], [1700000000099, '1700000000.099'], [-1500, '-1.500'], [-1000, '-1'], [0, '0'], [999, '0.999']];
    for (const [ms, text] of cases) expect(apiTimestamp(ms)).toBe(text);
  });

  it('writes serve-api envelopes as its object writer did: limit cut, stats after result, given warnings and infos', () => {
    const list = [series(0, 3, 'none'), series(1, 3, 'none'), series(2, 3, 'none')];
    const r: QueryResult = { resultType: 'matrix', series: list, warnings: [], infos: [] };
    const stats = { timings: { evalTotalTime: 0.5 }, samples: { totalQueryableSamples: 9, peakSamples: 0 } };
    const full = reference(r);
    const cutAt = full.indexOf(',{"metric"', full.indexOf(',{"metric"') + 1);
    const want = `${full.slice(0, cutAt)}],"stats":${JSON.stringify(stats)}},"warnings":["results truncated due to limit"],"infos":["rrx answered in local mode"]}`;
    const got = apiJsonText({ result: r, limit: 2, stats, warnings: ['results truncated due to limit'], infos: ['rrx answered in local mode'] });
    expect(got).toBe(want);
    expect(apiJsonText({ result: r, limit: 0 })).toBe(reference(r));
    expect(apiJsonText({ result: r, limit: 5 })).toBe(reference(r));
  });
});
