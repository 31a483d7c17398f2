import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '@shared/api/wire';
import { STALE_NAN, isStaleAt } from '@core/series/stale-marker';
import type { EvaluatedResult } from '@shared/api/query-types';

describe('bridge wire format', () => {
  it('base64 matches Node for every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });
  it('round-trips typed arrays bit-exactly, stale markers and infinities included', () => {
    const values = new Float64Array(4);
    values[0] = 1.5;
    values[1] = STALE_NAN;
    values[2] = NaN;
    values[3] = -Infinity;
    const msg = { series: [{ values, provenance: new Uint8Array([0, 1, 1, 0]) }], scalar: Infinity };
    const back = decodeWire<typeof msg>(encodeWire(msg));
    expect(back.series[0].values).toBeInstanceOf(Float64Array);
    expect(isStaleAt(back.series[0].values, 1)).toBe(true);
    expect(isStaleAt(back.series[0].values, 2)).toBe(false);
    expect(back.series[0].values[3]).toBe(-Infinity);
    expect(Array.from(back.series[0].provenance)).toEqual([0, 1, 1, 0]);
    expect(back.scalar).toBe(Infinity);
  });
  it('encodes a subarray view, not its whole buffer', () => {
    const big = new Float64Array([1, 2, 3, 4]);
    expect(Array.from(decodeWire<Float64Array>(encodeWire(big.subarray(1, 3))))).toEqual([2, 3]);
  });
});

describe('wire format: native histogram samples', () => {
  it('carries a result series with histograms (typed arrays bit-exact, nulls for float samples)', async () => {
    const { histogramSeries, mulberry32 } = await import('@core/demo/histogram-data');
    const s = histogramSeries(mulberry32(8), { __name__: 'latency_seconds' }, { samples: 40, startMs: 1_700_000_000_000, stepMs: 15_000, floatRate: 0.1, custom: false });
    const result: EvaluatedResult = { resultType: 'matrix', series: [{ labels: { ...s.labels }, timestamps: s.timestamps, values: s.values, histograms: s.histograms }], warnings: [], infos: [] };
    const back = decodeWire<EvaluatedResult>(encodeWire(result));
    const hs = back.series[0].histograms!;
    expect(hs).toHaveLength(40);
    s.histograms!.forEach((h, i) => {
      if (!h) return expect(hs[i]).toBeNull();
      const g = hs[i]!;
      expect(g.positiveSpans).toBeInstanceOf(Int32Array);
      expect(g.positiveBuckets).toBeInstanceOf(Float64Array);
      expect({ ...g }).toEqual({ ...h });
    });
  });
});
