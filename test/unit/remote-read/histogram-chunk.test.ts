import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramSeries, mulberry32, type HistogramSeriesOptions } from '@core/demo/histogram-data';
import { remoteRead } from '@core/remote-read/client';
import { DecodeError } from '@core/remote-read/errors';
import { decodeHistogramChunk } from '@core/remote-read/histogram-chunk';
import { encodeHistogramChunk, putVarbitInt, putVarbitUint } from '@core/remote-read/histogram-chunk-encoder';
import { BitWriter } from '@core/remote-read/bit-writer';
import { ChunkEncodingNumber } from '@core/remote-read/proto/schema';
import { SeriesBuilder } from '@core/remote-read/series-builder';
import { VarbitReader } from '@core/remote-read/varbit-reader';
import { decodeXorChunk } from '@core/remote-read/xor-chunk';
import { cutChunks } from '@core/remote-read-server/chunk-cutter';
import { chunksForWindow } from '@core/remote-read-server/chunked-encoder';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { MemorySeriesStore } from '@core/series/memory-store';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';

const T0 = 1_700_000_000_000;

/** A histogram as plain data for comparison (hint left out: chunks carry it per chunk, not per sample). */
function plain(h: FloatHistogram | null | undefined) {
  if (!h) return null;
  return {
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: Array.from(h.positiveSpans),
    positiveBuckets: Array.from(h.positiveBuckets),
    negativeSpans: Array.from(h.negativeSpans),
    negativeBuckets: Array.from(h.negativeBuckets),
    customValues: h.customValues ? Array.from(h.customValues) : undefined,
  };
}

/** Every sample of a series as comparable data: histograms as plain objects, floats by their bits. */
function samplesOf(s: RawSeries) {
  const words = new Uint32Array(s.values.buffer, s.values.byteOffset, s.values.length * 2);
  return Array.from(s.timestamps, (t, i) => {
    const h = s.histograms?.[i];
    return h ? { t, h: plain(h) } : { t, bits: [words[2 * i], words[2 * i + 1]] };
  });
}

/** Encode a whole series as the server cuts it and decode every chunk back into one builder. */
function roundTrip(s: RawSeries, minT = -Infinity, maxT = Infinity): RawSeries {
  const b = new SeriesBuilder(s.labels);
  for (const c of chunksForWindow(s, -Infinity, Infinity)) {
    if (c.encoding === ChunkEncodingNumber.XOR) decodeXorChunk(c.data, b, minT, maxT);
    else decodeHistogramChunk(c.data, c.encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM, b, minT, maxT);
  }
  return b.finish();
}

const KINDS: [string, Partial<HistogramSeriesOptions>][] = [
  ['integer counter histograms with resets, layout changes and stale markers', { resetRate: 0.05, layoutRate: 0.03, staleRate: 0.03 }],
  ['float counter histograms', { floatCounts: true, resetRate: 0.05, layoutRate: 0.03, staleRate: 0.03 }],
  ['integer gauge histograms', { gauge: true, layoutRate: 0.02 }],
  ['float gauge histograms', { gauge: true, floatCounts: true, staleRate: 0.05 }],
  ['custom-bucket histograms (schema -53)', { custom: true, resetRate: 0.05, layoutRate: 0.05 }],
];

describe('native histogram chunks (HISTOGRAM, FLOAT_HISTOGRAM)', () => {
  it.each(KINDS)('round-trip %s exactly', (_name, opts) => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = mulberry32(seed);
      const s = histogramSeries(rng, { __name__: 'h' }, { samples: 400, startMs: T0, stepMs: 15_000, ...opts });
      const back = roundTrip(s);
      expect(samplesOf(back)).toEqual(samplesOf(s));
      for (let i = 0; i < s.timestamps.length; i++) {
        if (!s.histograms![i]) expect(isStaleAt(back.values, i)).toBe(true);
      }
    }
  });

  it('uses HISTOGRAM for integer counts, FLOAT_HISTOGRAM otherwise, and cuts at 120 samples, resets and layouts', () => {
    const ints = histogramSeries(mulberry32(3), {}, { samples: 300, startMs: T0, stepMs: 1000 });
    const floats = histogramSeries(mulberry32(3), {}, { samples: 300, startMs: T0, stepMs: 1000, floatCounts: true });
    expect(new Set(cutChunks(ints, 120).map((c) => c.encoding))).toEqual(new Set([ChunkEncodingNumber.HISTOGRAM]));
    expect(new Set(cutChunks(floats, 120).map((c) => c.encoding))).toEqual(new Set([ChunkEncodingNumber.FLOAT_HISTOGRAM]));
    expect(cutChunks(ints, 120).map((c) => c.to - c.from)).toEqual([120, 120, 60]);
    const withResets = histogramSeries(mulberry32(9), {}, { samples: 300, startMs: T0, stepMs: 1000, resetRate: 0.05 });
    const cuts = cutChunks(withResets, 120);
    expect(cuts.length).toBeGreaterThan(3);
    expect(cuts.some((c) => c.header === 0x80)).toBe(true);
  });

  it('gives gauge histograms the Gauge hint and counter histograms NotCounterReset after a chunk’s first sample', () => {
    const g = roundTrip(histogramSeries(mulberry32(5), {}, { samples: 50, startMs: T0, stepMs: 1000, gauge: true }));
    expect(g.histograms!.every((h) => h!.counterResetHint === CounterResetHint.Gauge)).toBe(true);
    const c = roundTrip(histogramSeries(mulberry32(5), {}, { samples: 50, startMs: T0, stepMs: 1000 }));
    expect(c.histograms![0]!.counterResetHint).toBe(CounterResetHint.Unknown);
    expect(c.histograms!.slice(1).every((h) => h!.counterResetHint === CounterResetHint.NotCounterReset)).toBe(true);
  });

  it('trims to the query window like XOR chunks', () => {
    const s = histogramSeries(mulberry32(11), {}, { samples: 300, startMs: T0, stepMs: 15_000, staleRate: 0.02 });
    const minT = s.timestamps[37];
    const maxT = s.timestamps[251];
    const back = roundTrip(s, minT, maxT);
    const want = new MemorySeriesStore([s]).select([], minT, maxT)[0];
    expect(samplesOf(back)).toEqual(samplesOf(want));
  });

  it('decodes the zero threshold encodings (none, power of two, any float) and negative timestamps', () => {
    for (const zt of [0, 2 ** -128, 2 ** 10, 2 ** -243, 0.001, 3]) {
      const h: FloatHistogram = {
        counterResetHint: 0,
        schema: 3,
        zeroThreshold: zt,
        zeroCount: 2,
        count: 7,
        sum: -1.5,
        positiveSpans: Int32Array.from([-2, 2, 1, 1]),
        positiveBuckets: Float64Array.from([1, 2, 2]),
        negativeSpans: new Int32Array(0),
        negativeBuckets: new Float64Array(0),
      };
      const data = encodeHistogramChunk(Float64Array.from([-60_000, -30_000]), new Float64Array(2), [h, h], 0, 2, false, 0);
      const b = new SeriesBuilder({});
      expect(decodeHistogramChunk(data, false, b)).toBe(2);
      const out = b.finish();
      expect(Array.from(out.timestamps)).toEqual([-60_000, -30_000]);
      expect(plain(out.histograms![1])).toEqual(plain(h));
    }
  });

  it('reads varbit integers at every bucket boundary as Prometheus writes them', () => {
    const values = [0, 1, -3, 4, 5, -31, 32, 33, -255, 256, 2048, -2047, 131072, -131071, 16777216, 2 ** 40, -(2 ** 40), 2 ** 53 - 1, -(2 ** 53 - 1)];
    const w = new BitWriter();
    for (const v of values) putVarbitInt(w, v);
    for (const v of values) if (v >= 0) putVarbitUint(w, v);
    const r = new VarbitReader(w.bytes(), 0, 'test');
    expect(values.map(() => r.readVarbitInt())).toEqual(values);
    expect(values.filter((v) => v >= 0).map(() => r.readVarbitUint())).toEqual(values.filter((v) => v >= 0));
    // The 3-bit bucket holds -3..4: '10' then 100 is +4, 101 is -3.
    const four = new VarbitReader(Uint8Array.of(0b10100_000), 0, 'test');
    expect(four.readVarbitInt()).toBe(4);
    const minus3 = new VarbitReader(Uint8Array.of(0b10101_000), 0, 'test');
    expect(minus3.readVarbitInt()).toBe(-3);
  });

  it('throws a typed error on a truncated chunk and keeps the samples before the damage', () => {
    const s = histogramSeries(mulberry32(2), {}, { samples: 100, startMs: T0, stepMs: 1000 });
    const c = chunksForWindow(s, -Infinity, Infinity)[0];
    const b = new SeriesBuilder({});
    expect(() => decodeHistogramChunk(c.data.subarray(0, c.data.length - 40), false, b)).toThrow(DecodeError);
    expect(b.length).toBeGreaterThan(0);
    expect(b.length).toBeLessThan(100);
  });
});

describe('native histograms over remote_read against the in-repo server', () => {
  const series: RawSeries[] = [
    histogramSeries(mulberry32(21), { __name__: 'latency_seconds', job: 'a' }, { samples: 500, startMs: T0, stepMs: 15_000, resetRate: 0.01, staleRate: 0.01, layoutRate: 0.01 }),
    histogramSeries(mulberry32(22), { __name__: 'latency_seconds', job: 'b' }, { samples: 500, startMs: T0, stepMs: 15_000, floatCounts: true, floatRate: 0.02 }),
    histogramSeries(mulberry32(23), { __name__: 'queue_depth', job: 'a' }, { samples: 500, startMs: T0, stepMs: 15_000, gauge: true }),
  ];
  let server: RemoteReadServer;
  beforeAll(async () => {
    server = await startRemoteReadServer({ series, maxBytesInFrame: 2000 });
  });
  afterAll(() => server.close());

  it.each(['SAMPLES', 'STREAMED_XOR_CHUNKS'] as const)('%s: every sample (count, sum, every bucket) as stored', async (type) => {
    const query = { matchers: [{ type: '=~' as const, name: '__name__', value: 'latency_seconds|queue_depth' }], startMs: T0 + 600_000, endMs: T0 + 5_000_000 };
    const res = await remoteRead({ url: server.url, acceptedResponseTypes: [type] }, [query]);
    expect(res.responseType).toBe(type);
    expect(res.warnings).toEqual([]);
    const want = new MemorySeriesStore(series).select(query.matchers, query.startMs, query.endMs);
    const key = (s: RawSeries) => JSON.stringify(s.labels);
    const got = [...res.results[0]].sort((a, b) => key(a).localeCompare(key(b)));
    const exp = [...want].sort((a, b) => key(a).localeCompare(key(b)));
    expect(got.map(key)).toEqual(exp.map(key));
    got.forEach((s, i) => expect(samplesOf(s)).toEqual(samplesOf(exp[i])));
    expect(got.every((s) => s.histograms && s.histograms.some(Boolean))).toBe(true);
  });
});
