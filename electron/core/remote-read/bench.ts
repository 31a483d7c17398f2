// Decode micro-benchmark for the benchmark suite: XOR chunk and framed-stream decode throughput on one core
// (samples/s) and bytes held per decoded sample. Generates its own data; no timing assertions anywhere.
import { ChunkedResponseDecoder } from './chunked-decoder';
import { FrameReader, encodeFrame } from './frame-reader';
import { DEFAULT_READ_LIMITS, ReadBudget } from './limits';
import { SeriesBuilder } from './series-builder';
import { decodeXorChunk } from './xor-chunk';
import { MAX_SAMPLES_PER_CHUNK, encodeXorChunk } from './xor-chunk-encoder';
import { chunksForWindow, seriesMessages } from '@core/remote-read-server/chunked-encoder';
import type { RawSeries } from '@core/series/types';

export interface DecodeBenchResult {
  /** XOR chunk decode alone. */
  xorSamplesPerSec: number;
  /** Frames → CRC → protobuf walk → XOR decode → typed arrays, as the client does it. */
  streamSamplesPerSec: number;
  /** Wire bytes per sample of the generated stream. */
  wireBytesPerSample: number;
  /** Typed-array bytes held per decoded sample (timestamp + value = 16 at best). */
  heldBytesPerSample: number;
  samples: number;
}

function benchSeries(count: number, samplesPerSeries: number): RawSeries[] {
  const out: RawSeries[] = [];
  for (let s = 0; s < count; s++) {
    const ts = new Float64Array(samplesPerSeries);
    const vs = new Float64Array(samplesPerSeries);
    let v = 1e6 * s;
    for (let i = 0; i < samplesPerSeries; i++) {
      ts[i] = 1_700_000_000_000 + i * 15_000 + ((i * 31 + s) % 7);
      v += (i * 2654435761) % 1000; // counter-like, irregular increments
      vs[i] = s % 2 ? v : Math.sin(i / 10) * 100;
    }
    out.push({ labels: { __name__: 'bench_metric', series: String(s) }, timestamps: ts, values: vs });
  }
  return out;
}

/** Run the decode benchmark (default ≈ 1.2 M samples, a few hundred ms). */
export function runDecodeBench(
  opts: { series?: number; samplesPerSeries?: number; rounds?: number; clock?: 'wall' | 'cpu' } = {},
): DecodeBenchResult {
  // CPU time of the process (this thread's work plus V8's GC helpers) leaves out time spent waiting for a core.
  const now = opts.clock === 'cpu' ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();
  const series = benchSeries(opts.series ?? 100, opts.samplesPerSeries ?? 12_000);
  const rounds = opts.rounds ?? 3;
  const total = series.reduce((n, s) => n + s.timestamps.length, 0);

  const chunks: Uint8Array[] = [];
  for (const s of series) {
    for (let from = 0; from < s.timestamps.length; from += MAX_SAMPLES_PER_CHUNK) {
      chunks.push(encodeXorChunk(s.timestamps, s.values, from, Math.min(s.timestamps.length, from + MAX_SAMPLES_PER_CHUNK)));
    }
  }
  const frames = series.flatMap((s) => seriesMessages(0, s.labels, chunksForWindow(s, -Infinity, Infinity)).map(encodeFrame));
  const wireBytes = frames.reduce((n, f) => n + f.length, 0);

  // One untimed round first so the JIT has optimised the decoders.
  let bestXor = Infinity;
  for (let r = -1; r < rounds; r++) {
    const b = new SeriesBuilder({}, total);
    const t0 = now();
    for (const c of chunks) decodeXorChunk(c, b);
    if (r >= 0) bestXor = Math.min(bestXor, now() - t0);
  }

  let bestStream = Infinity;
  let held = 0;
  for (let r = 0; r < rounds; r++) {
    const budget = new ReadBudget({ ...DEFAULT_READ_LIMITS, maxSamples: Infinity, maxBytes: Infinity });
    const decoder = new ChunkedResponseDecoder([{ startMs: -Infinity, endMs: Infinity }], budget);
    const reader = new FrameReader();
    const t0 = now();
    // 64 KiB network-sized slices.
    for (const f of frames) for (let i = 0; i < f.length; i += 65_536) reader.push(f.subarray(i, i + 65_536), (m) => decoder.decodeFrame(m));
    reader.end();
    const result = decoder.finish();
    bestStream = Math.min(bestStream, now() - t0);
    held = result[0].reduce((n, s) => n + s.timestamps.buffer.byteLength + s.values.buffer.byteLength, 0);
  }

  return {
    xorSamplesPerSec: Math.round(total / (bestXor / 1000)),
    streamSamplesPerSec: Math.round(total / (bestStream / 1000)),
    wireBytesPerSample: wireBytes / total,
    heldBytesPerSample: held / total,
    samples: total,
  };
}
