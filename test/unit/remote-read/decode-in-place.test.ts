// The decode fast paths: XOR chunks read in place inside a larger buffer (bytes after the chunk are never trusted),
// whole frames handed over without a copy (CRC still checked), and series sized once from their chunks' headers.
import { describe, expect, it } from 'vitest';
import { ChunkedResponseDecoder } from '@core/remote-read/chunked-decoder';
import { DecodeError } from '@core/remote-read/errors';
import { FrameReader, encodeFrame } from '@core/remote-read/frame-reader';
import { DEFAULT_READ_LIMITS, ReadBudget } from '@core/remote-read/limits';
import { SeriesBuilder } from '@core/remote-read/series-builder';
import { decodeXorChunk } from '@core/remote-read/xor-chunk';
import { encodeXorChunk } from '@core/remote-read/xor-chunk-encoder';
import { chunksForWindow, seriesMessages } from '@core/remote-read-server/chunked-encoder';
import { STALE_NAN } from '@core/series/stale-marker';

function words(values: Float64Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length * 2));
}

function sampleData(n: number, seed: number): { ts: Float64Array; vs: Float64Array } {
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ts[i] = 1_700_000_000_000 + i * 15_000 + ((i * 7919 + seed) % 13) * (i % 5 === 0 ? 1000 : 1);
    vs[i] = i % 17 === 3 ? STALE_NAN : ((i * 2654435761 + seed) % 100_000) / 7;
  }
  return { ts, vs };
}

/** The chunk's bytes inside a bigger buffer: `filler` before and 64 bytes of `filler` after. */
function embedded(chunk: Uint8Array, filler: number): Uint8Array {
  const buf = new Uint8Array(chunk.length + 80).fill(filler);
  buf.set(chunk, 16);
  return buf.subarray(16, 16 + chunk.length);
}

describe('XOR chunk read in place', () => {
  it('decodes the same bits (stale markers included) whatever follows the chunk', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { ts, vs } = sampleData(120, seed);
      const chunk = encodeXorChunk(ts, vs);
      const alone = new SeriesBuilder({});
      decodeXorChunk(chunk, alone);
      for (const filler of [0x00, 0xff, 0xa5]) {
        const b = new SeriesBuilder({});
        expect(decodeXorChunk(embedded(chunk, filler), b)).toBe(120);
        const s = b.finish();
        expect(Array.from(s.timestamps)).toEqual(Array.from(ts));
        expect(words(s.values)).toEqual(words(vs));
        expect(words(s.values)).toEqual(words(alone.finish().values));
      }
    }
  });

  it('fails a truncated chunk at the same sample whatever bytes follow it', () => {
    const { ts, vs } = sampleData(120, 5);
    const chunk = encodeXorChunk(ts, vs);
    for (let cut = 3; cut < chunk.length; cut += 7) {
      const kept: number[] = [];
      for (const filler of [-1, 0x00, 0xff]) {
        const part = chunk.subarray(0, cut);
        const b = new SeriesBuilder({});
        expect(() => decodeXorChunk(filler < 0 ? part.slice() : embedded(part, filler), b)).toThrow(DecodeError);
        kept.push(b.length);
      }
      expect(new Set(kept).size).toBe(1);
    }
  });
});

describe('frames handed over in place', () => {
  it('checks the CRC of a frame that arrives whole', () => {
    const frame = encodeFrame(new Uint8Array([1, 2, 3, 4]));
    frame[frame.length - 1] ^= 1;
    expect(() => new FrameReader().push(frame, () => {})).toThrow(expect.objectContaining({ kind: 'crc' }));
  });

  it('refuses an oversize frame that arrives whole, naming the limit', () => {
    const frame = encodeFrame(new Uint8Array(200));
    expect(() => new FrameReader(100, 'read-max-frame-bytes').push(frame, () => {})).toThrow(/read-max-frame-bytes limit of 100/);
  });
});

describe('series sized from their chunk headers', () => {
  const series = (n: number) => ({ labels: { __name__: 'm', i: String(n) }, ...((d) => ({ timestamps: d.ts, values: d.vs }))(sampleData(1000, n)) });

  function decode(frames: Uint8Array[], maxSamples = Infinity) {
    const budget = new ReadBudget({ ...DEFAULT_READ_LIMITS, maxSamples });
    const d = new ChunkedResponseDecoder([{ startMs: -Infinity, endMs: Infinity }], budget);
    const r = new FrameReader();
    for (const f of frames) r.push(f, (m) => d.decodeFrame(m));
    r.end();
    return d.finish()[0];
  }

  it('hands over arrays without slack, bit-exact', () => {
    const s = series(1);
    const frames = seriesMessages(0, s.labels, chunksForWindow(s, -Infinity, Infinity)).map(encodeFrame);
    const [got] = decode(frames);
    expect(got.timestamps.length).toBe(1000);
    expect(got.timestamps.buffer.byteLength).toBe(8000);
    expect(words(got.values)).toEqual(words(s.values));
  });

  it('still stops at the sample limit, naming it', () => {
    const s = series(2);
    const frames = seriesMessages(0, s.labels, chunksForWindow(s, -Infinity, Infinity)).map(encodeFrame);
    expect(() => decode(frames, 500)).toThrow(/read-max-samples limit of 500/);
  });
});
