// The fast XOR decoder reads 32-bit windows that may run past a chunk's last byte (into zero padding) and checks its
// position once per sample. These tests pin that down against a bit-at-a-time reference: truncated and corrupted
// chunks fail with the same message after the same samples, and bytes after a chunk in its buffer are never read.
import { describe, expect, it } from 'vitest';
import { DecodeError } from '@core/remote-read/errors';
import { SeriesBuilder } from '@core/remote-read/series-builder';
import { decodeXorChunk } from '@core/remote-read/xor-chunk';
import { encodeXorChunk } from '@core/remote-read/xor-chunk-encoder';
import { referenceDecodeXor, type ReferenceDecode } from './xor-chunk-reference';

function fastDecode(data: Uint8Array): ReferenceDecode {
  const b = new SeriesBuilder({});
  const out: ReferenceDecode = { timestamps: [], values: [] };
  try {
    decodeXorChunk(data, b);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    out.error = e.message;
  }
  for (let i = 0; i < b.length; i++) {
    out.timestamps.push(b.timestamps[i]);
    out.values.push(b.valueWords[2 * i + 1].toString(16) + ':' + b.valueWords[2 * i].toString(16));
  }
  return out;
}

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples that exercise every delta-of-delta bucket and every value window shape, stale markers included. */
function mixedSamples(n: number, random: () => number): { ts: Float64Array; vs: Float64Array } {
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  const words = new Uint32Array(vs.buffer);
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    const r = random();
    t += r < 0.4 ? 15_000 : r < 0.6 ? 15_000 + Math.floor(random() * 9000) : r < 0.8 ? Math.floor(random() * 600_000) : Math.floor(random() * 1e10);
    ts[i] = t;
    const k = random();
    if (k < 0.2 && i > 0) vs[i] = vs[i - 1];
    else if (k < 0.3) {
      words[2 * i + 1] = 0x7ff00000;
      words[2 * i] = 0x00000002; // the stale marker's NaN payload
    } else if (k < 0.6) vs[i] = Math.floor(random() * 1000);
    else vs[i] = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 15);
  }
  return { ts, vs };
}

describe('XOR chunk tail handling', () => {
  it('agrees with the bit-at-a-time reference at every truncation point', () => {
    const random = rng(7);
    for (let round = 0; round < 8; round++) {
      const { ts, vs } = mixedSamples(120, random);
      const chunk = encodeXorChunk(ts, vs);
      expect(fastDecode(chunk)).toEqual(referenceDecodeXor(chunk));
      for (let cut = 0; cut < chunk.length; cut++) {
        const part = chunk.slice(0, cut);
        const want = referenceDecodeXor(part);
        expect(want.error).toBeDefined();
        expect(fastDecode(part)).toEqual(want);
      }
    }
  });

  it('agrees with the reference on corrupted chunks (errors, messages and samples kept)', () => {
    const random = rng(11);
    let errors = 0;
    for (let round = 0; round < 400; round++) {
      const { ts, vs } = mixedSamples(1 + Math.floor(random() * 120), random);
      const chunk = encodeXorChunk(ts, vs);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) chunk[2 + Math.floor(random() * (chunk.length - 2))] ^= 1 << Math.floor(random() * 8);
      const want = referenceDecodeXor(chunk);
      if (want.error) errors++;
      expect(fastDecode(chunk)).toEqual(want);
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('never reads the bytes that follow a chunk in its buffer', () => {
    const random = rng(3);
    for (let round = 0; round < 20; round++) {
      const { ts, vs } = mixedSamples(120, random);
      const chunk = encodeXorChunk(ts, vs);
      for (const fill of [0x00, 0xff, 0xa5]) {
        const buf = new Uint8Array(chunk.length + 64).fill(fill);
        buf.set(chunk, 16);
        const inside = buf.subarray(16, 16 + chunk.length);
        expect(fastDecode(inside)).toEqual(referenceDecodeXor(chunk));
        // A truncated view inside a larger buffer must still fail, not decode the neighbouring bytes.
        expect(fastDecode(buf.subarray(16, 16 + chunk.length - 1)).error).toBe('XOR chunk ended early');
      }
    }
  });

  it('decodes chunks larger than the scratch buffer and keeps decoding small ones after', () => {
    const random = rng(5);
    const big = mixedSamples(5000, random);
    const bigChunk = encodeXorChunk(big.ts, big.vs);
    expect(bigChunk.length).toBeGreaterThan(8192);
    expect(fastDecode(bigChunk)).toEqual(referenceDecodeXor(bigChunk));
    const small = mixedSamples(10, random);
    const smallChunk = encodeXorChunk(small.ts, small.vs);
    expect(fastDecode(smallChunk)).toEqual(referenceDecodeXor(smallChunk));
  });
});

describe('XOR chunks appended to one builder', () => {
  it('notices a chunk whose first sample overlaps the previous chunk, so finish() sorts and dedupes', () => {
    const ts = new Float64Array([1000, 2000, 3000]);
    const vs = new Float64Array([1, 2, 3]);
    for (const first of [[3000], [2500], [500, 4000]]) {
      const b = new SeriesBuilder({});
      decodeXorChunk(encodeXorChunk(ts, vs), b);
      expect(b.sorted).toBe(true);
      const next = new Float64Array(first);
      decodeXorChunk(encodeXorChunk(next, next.map((t) => t / 1000)), b);
      expect(b.sorted).toBe(false);
      const s = b.finish();
      const want = [...new Set([...ts, ...next])].sort((x, y) => x - y);
      expect(Array.from(s.timestamps)).toEqual(want);
    }
  });

  it('stays sorted when chunks follow each other in time', () => {
    const b = new SeriesBuilder({});
    decodeXorChunk(encodeXorChunk(new Float64Array([1000, 2000]), new Float64Array([1, 2])), b);
    decodeXorChunk(encodeXorChunk(new Float64Array([3000]), new Float64Array([3])), b);
    decodeXorChunk(encodeXorChunk(new Float64Array([4000, 5000]), new Float64Array([4, 5])), b);
    expect(b.sorted).toBe(true);
    expect(Array.from(b.finish().timestamps)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });
});
