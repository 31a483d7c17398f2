import { describe, expect, it } from 'vitest';
import { decodeXorChunk, xorChunkSampleCount } from '@core/remote-read/xor-chunk';
import { encodeXorChunk } from '@core/remote-read/xor-chunk-encoder';
import { SeriesBuilder } from '@core/remote-read/series-builder';
import { DecodeError } from '@core/remote-read/errors';
import { STALE_NAN, isStaleAt } from '@core/series/stale-marker';

function bitsOf(values: Float64Array): string[] {
  const w = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) out.push(w[2 * i + 1].toString(16) + ':' + w[2 * i].toString(16));
  return out;
}

function roundTrip(ts: Float64Array, vs: Float64Array): SeriesBuilder {
  const chunk = encodeXorChunk(ts, vs);
  expect(xorChunkSampleCount(chunk)).toBe(ts.length);
  const b = new SeriesBuilder({});
  expect(decodeXorChunk(chunk, b)).toBe(ts.length);
  const s = b.finish();
  expect(Array.from(s.timestamps)).toEqual(Array.from(ts));
  expect(bitsOf(s.values)).toEqual(bitsOf(vs));
  return b;
}

/** A deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('XOR chunk', () => {
  it('round-trips regular scrape data', () => {
    const n = 120;
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000 + i * 15_000 + (i % 3);
      vs[i] = 1000 + i * 3.25;
    }
    roundTrip(ts, vs);
  });

  it('keeps NaN, ±Inf, -0 and the stale marker bit-exact', () => {
    const ts = new Float64Array([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
    const vs = new Float64Array(8);
    vs[0] = 1;
    vs[1] = NaN;
    vs[2] = STALE_NAN;
    vs[3] = Infinity;
    vs[4] = -Infinity;
    vs[5] = -0;
    vs[6] = STALE_NAN;
    vs[7] = 5e-324;
    const b = roundTrip(ts, vs);
    const s = b.finish();
    expect(isStaleAt(s.values, 2)).toBe(true);
    expect(isStaleAt(s.values, 6)).toBe(true);
    expect(isStaleAt(s.values, 1)).toBe(false);
  });

  it('round-trips irregular timestamps and large jumps in every dod bucket', () => {
    const deltas = [1, 15000, 15001, 14990, 8192, -8191, 70000, 2 ** 17, 2 ** 19, -(2 ** 19), 2 ** 20, 2 ** 21, 2 ** 33, 1, 0, 5, 2 ** 40];
    const ts = new Float64Array(deltas.length + 1);
    ts[0] = -5_000;
    let d = 10;
    for (let i = 0; i < deltas.length; i++) {
      d = Math.max(1, d + deltas[i]);
      ts[i + 1] = ts[i] + d;
    }
    const vs = new Float64Array(ts.length).map((_, i) => i * 1.5);
    roundTrip(ts, vs);
  });

  it('round-trips values with every leading/trailing-zero pattern', () => {
    const random = rng(42);
    for (let round = 0; round < 40; round++) {
      const n = 120;
      const ts = new Float64Array(n);
      const vs = new Float64Array(n);
      const words = new Uint32Array(vs.buffer);
      let t = Math.floor(random() * 1e12);
      for (let i = 0; i < n; i++) {
        t += Math.floor(random() * (random() < 0.1 ? 2 ** 30 : 30_000));
        ts[i] = t;
        // Flip a random contiguous window of bits of the previous value.
        const prevHi = i ? words[2 * i - 1] : 0;
        const prevLo = i ? words[2 * i - 2] : 0;
        const a = Math.floor(random() * 64);
        const bLen = 1 + Math.floor(random() * (64 - a));
        let mHi = 0;
        let mLo = 0;
        for (let k = a; k < a + bLen; k++) {
          if (random() < 0.5 && k !== a && k !== a + bLen - 1) continue;
          if (k < 32) mLo |= 1 << k;
          else mHi |= 1 << (k - 32);
        }
        words[2 * i + 1] = (prevHi ^ (random() < 0.2 ? 0 : mHi)) >>> 0;
        words[2 * i] = (prevLo ^ (random() < 0.2 ? 0 : mLo)) >>> 0;
      }
      roundTrip(ts, vs);
    }
  });

  it('trims to the query window', () => {
    const ts = new Float64Array(10).map((_, i) => i * 1000);
    const vs = new Float64Array(10).map((_, i) => i);
    const b = new SeriesBuilder({});
    expect(decodeXorChunk(encodeXorChunk(ts, vs), b, 2000, 5000)).toBe(4);
    expect(Array.from(b.finish().timestamps)).toEqual([2000, 3000, 4000, 5000]);
  });

  it('reports truncation as a DecodeError', () => {
    const ts = new Float64Array(50).map((_, i) => i * 1000);
    const vs = new Float64Array(50).map((_, i) => Math.sin(i));
    const chunk = encodeXorChunk(ts, vs);
    for (const cut of [1, 2, 5, 12, chunk.length - 1]) {
      expect(() => decodeXorChunk(chunk.subarray(0, cut), new SeriesBuilder({}))).toThrow(DecodeError);
    }
  });
});
