// `npm run fuzz [-- --iterations N --seed S]` (or FUZZ_ITERATIONS): feeds random and mutated frames, XOR chunks,
// native histogram chunks (integer and float), protobuf messages (with histogram samples) and snappy blocks to the remote_read decoders. Only typed DecodeErrors may come out; any other
// exception, or an input that takes longer than the per-input bound, is a finding (exit 1). Bounded in count/time.
import { pathToFileURL } from 'node:url';
import snappy from 'snappyjs';
import { histogramSeries } from '@core/demo/histogram-data';
import { ChunkedResponseDecoder } from '@core/remote-read/chunked-decoder';
import { DecodeError } from '@core/remote-read/errors';
import { FrameReader, encodeFrame } from '@core/remote-read/frame-reader';
import { decodeHistogramChunk } from '@core/remote-read/histogram-chunk';
import { ReadBudget } from '@core/remote-read/limits';
import { snappyDecompress } from '@core/remote-read/response-body';
import { decodeReadResponse } from '@core/remote-read/samples-decoder';
import { SeriesBuilder } from '@core/remote-read/series-builder';
import { decodeXorChunk } from '@core/remote-read/xor-chunk';
import { ChunkEncodingNumber } from '@core/remote-read/proto/schema';
import { encodeXorChunk } from '@core/remote-read/xor-chunk-encoder';
import { chunksForWindow, seriesMessages } from '@core/remote-read-server/chunked-encoder';
import { encodeReadResponse } from '@core/remote-read-server/samples-encoder';
import { STALE_NAN } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';

export interface FuzzOptions {
  iterations: number;
  seed?: number;
  /** An input slower than this is reported as a hang. */
  maxMsPerInput?: number;
  /** Stop early after this much wall time (the run still reports what it did). */
  maxTotalMs?: number;
}

export interface FuzzFinding {
  target: string;
  input: string;
  error: string;
}

export interface FuzzReport {
  inputs: number;
  perTarget: Record<string, number>;
  typedErrors: number;
  findings: FuzzFinding[];
  elapsedMs: number;
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);

function randomBytes(rng: Rng, max: number): Uint8Array {
  const b = new Uint8Array(int(rng, max + 1));
  for (let i = 0; i < b.length; i++) b[i] = int(rng, 256);
  return b;
}

/** Flip bits, overwrite/insert/delete bytes, truncate, or splice in interesting values. */
function mutate(rng: Rng, src: Uint8Array): Uint8Array {
  let b: Uint8Array = src.slice();
  const rounds = 1 + int(rng, 4);
  for (let r = 0; r < rounds; r++) {
    const op = int(rng, 7);
    const at = b.length ? int(rng, b.length) : 0;
    if (op === 0 && b.length) b[at] ^= 1 << int(rng, 8);
    else if (op === 1 && b.length) b[at] = int(rng, 256);
    else if (op === 2) b = b.subarray(0, int(rng, b.length + 1)).slice();
    else if (op === 3) {
      const ins = randomBytes(rng, 8);
      const n = new Uint8Array(b.length + ins.length);
      n.set(b.subarray(0, at));
      n.set(ins, at);
      n.set(b.subarray(at), at + ins.length);
      b = n;
    } else if (op === 4 && b.length) {
      const n = new Uint8Array(b.length - 1);
      n.set(b.subarray(0, at));
      n.set(b.subarray(at + 1), at);
      b = n;
    } else if (op === 5 && b.length) b[at] = [0x00, 0x7f, 0x80, 0xff][int(rng, 4)];
    else if (b.length >= 2) {
      // Varint-ish bombs: a run of continuation bytes.
      for (let k = at; k < Math.min(b.length, at + 1 + int(rng, 11)); k++) b[k] = 0xff;
    }
  }
  return b;
}

function sampleSeries(rng: Rng, n: number): RawSeries[] {
  const out: RawSeries[] = [];
  for (let s = 0; s < n; s++) {
    const len = 1 + int(rng, 300);
    const ts = new Float64Array(len);
    const vs = new Float64Array(len);
    let t = int(rng, 2 ** 41);
    for (let i = 0; i < len; i++) {
      t += rng() < 0.05 ? int(rng, 2 ** 31) : 15_000 + int(rng, 50) - 25;
      ts[i] = t;
      const pick = rng();
      vs[i] = pick < 0.03 ? STALE_NAN : pick < 0.05 ? Infinity : pick < 0.5 ? i * 1.5 : (rng() - 0.5) * 1e6;
    }
    out.push({ labels: { __name__: `m${s}`, i: String(int(rng, 5)) }, timestamps: ts, values: vs });
  }
  return out;
}

/** A few native histogram series of every kind (integer/float counts, gauges, custom buckets, stale, resets). */
function histogramSampleSeries(rng: Rng, n: number): RawSeries[] {
  const out: RawSeries[] = [];
  for (let s = 0; s < n; s++) {
    const kind = int(rng, 5);
    out.push(
      histogramSeries(rng, { __name__: `h${s}`, k: String(kind) }, {
        samples: 1 + int(rng, 200),
        startMs: int(rng, 2 ** 41),
        stepMs: 1000 + int(rng, 60_000),
        floatCounts: kind === 1 || kind === 3,
        gauge: kind === 2 || kind === 3,
        custom: kind === 4,
        staleRate: 0.03,
        resetRate: 0.03,
        layoutRate: 0.03,
        floatRate: 0.02,
      }),
    );
  }
  return out;
}

interface Corpus {
  histogramChunks: Uint8Array[];
  floatHistogramChunks: Uint8Array[];
  chunks: Uint8Array[];
  messages: Uint8Array[];
  streams: Uint8Array[];
  samples: Uint8Array[];
  snappy: Uint8Array[];
}

function buildCorpus(rng: Rng): Corpus {
  const c: Corpus = { histogramChunks: [], floatHistogramChunks: [], chunks: [], messages: [], streams: [], samples: [], snappy: [] };
  for (let k = 0; k < 12; k++) {
    const hist = histogramSampleSeries(rng, 1 + int(rng, 2));
    for (const s of hist) {
      for (const ch of chunksForWindow(s, -Infinity, Infinity)) {
        if (ch.encoding === ChunkEncodingNumber.HISTOGRAM) c.histogramChunks.push(ch.data);
        if (ch.encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM) c.floatHistogramChunks.push(ch.data);
      }
    }
    const series = [...sampleSeries(rng, 1 + int(rng, 3)), ...hist];
    for (const s of series) {
      if (!s.histograms) c.chunks.push(encodeXorChunk(s.timestamps, s.values, 0, Math.min(120, s.timestamps.length)));
      const msgs = seriesMessages(int(rng, 2), s.labels, chunksForWindow(s, -Infinity, Infinity), 300 + int(rng, 2000));
      c.messages.push(...msgs);
      const frames = msgs.map(encodeFrame);
      const total = frames.reduce((n, f) => n + f.length, 0);
      const stream = new Uint8Array(total);
      let off = 0;
      for (const f of frames) {
        stream.set(f, off);
        off += f.length;
      }
      c.streams.push(stream);
    }
    const resp = encodeReadResponse([series, series.slice(0, 1)]);
    c.samples.push(resp);
    c.snappy.push(snappy.compress(resp));
  }
  return c;
}

const LIMITS = { maxSamples: 1_000_000, maxBytes: 8 * 1024 * 1024, maxFrameBytes: 1024 * 1024, maxDecompressedBytes: 1 << 20 };
const WINDOWS = [
  { startMs: -Infinity, endMs: Infinity },
  { startMs: 0, endMs: 2 ** 42 },
];

const TARGETS: Record<string, (rng: Rng, c: Corpus) => Uint8Array> = {
  'histogram-chunk': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 64) : mutate(rng, c.histogramChunks[int(rng, c.histogramChunks.length)])),
  'float-histogram-chunk': (rng, c) =>
    rng() < 0.15 ? randomBytes(rng, 64) : mutate(rng, c.floatHistogramChunks[int(rng, c.floatHistogramChunks.length)]),
  'xor-chunk': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 64) : mutate(rng, c.chunks[int(rng, c.chunks.length)])),
  'chunked-message': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 128) : mutate(rng, c.messages[int(rng, c.messages.length)])),
  'frame-stream': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 128) : mutate(rng, c.streams[int(rng, c.streams.length)])),
  'read-response': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 128) : mutate(rng, c.samples[int(rng, c.samples.length)])),
  'snappy-read-response': (rng, c) => (rng() < 0.15 ? randomBytes(rng, 64) : mutate(rng, c.snappy[int(rng, c.snappy.length)])),
};

function runTarget(name: string, input: Uint8Array, rng: Rng): void {
  const budget = new ReadBudget(LIMITS);
  switch (name) {
    case 'xor-chunk':
      decodeXorChunk(input, new SeriesBuilder({}), -Infinity, Infinity);
      return;
    case 'histogram-chunk':
    case 'float-histogram-chunk':
    {
      const b = new SeriesBuilder({});
      decodeHistogramChunk(input, name === 'float-histogram-chunk', b, -Infinity, Infinity);
      b.finish();
      return;
    }
    case 'chunked-message': {
      const d = new ChunkedResponseDecoder(WINDOWS, budget);
      d.decodeFrame(input);
      d.finish();
      return;
    }
    case 'frame-stream': {
      const frames = new FrameReader(LIMITS.maxFrameBytes);
      const d = new ChunkedResponseDecoder(WINDOWS, budget);
      // Feed in random slice sizes, as a socket would.
      for (let i = 0; i < input.length; ) {
        const n = 1 + int(rng, 64);
        frames.push(input.subarray(i, i + n), (m) => d.decodeFrame(m));
        i += n;
      }
      frames.end();
      d.finish();
      return;
    }
    case 'read-response':
      decodeReadResponse(input, budget);
      return;
    case 'snappy-read-response':
      decodeReadResponse(snappyDecompress(input, LIMITS.maxBytes), budget);
      return;
  }
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.subarray(0, 256)).toString('hex') + (b.length > 256 ? `… (${b.length} bytes)` : '');
}

export function runFuzz(opts: FuzzOptions): FuzzReport {
  const rng = mulberry32(opts.seed ?? 1);
  const corpus = buildCorpus(rng);
  const names = Object.keys(TARGETS);
  const perTarget: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const findings: FuzzFinding[] = [];
  const maxMs = opts.maxMsPerInput ?? 2000;
  const started = Date.now();
  let typedErrors = 0;
  let i = 0;
  for (; i < opts.iterations; i++) {
    if (opts.maxTotalMs !== undefined && (i & 255) === 0 && Date.now() - started > opts.maxTotalMs) break;
    const name = names[i % names.length];
    const input = TARGETS[name](rng, corpus);
    perTarget[name]++;
    const t0 = Date.now();
    try {
      runTarget(name, input, rng);
    } catch (e) {
      if (e instanceof DecodeError) typedErrors++;
      else if (findings.length < 50) findings.push({ target: name, input: hex(input), error: String((e as Error)?.stack ?? e) });
    }
    const took = Date.now() - t0;
    if (took > maxMs && findings.length < 50) findings.push({ target: name, input: hex(input), error: `took ${took} ms` });
  }
  return { inputs: i, perTarget, typedErrors, findings, elapsedMs: Date.now() - started };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const iterations = Number(argValue('iterations') ?? process.env.FUZZ_ITERATIONS ?? 100_000);
  const seed = Number(argValue('seed') ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const maxTotalMs = Number(argValue('max-seconds') ?? process.env.FUZZ_MAX_SECONDS ?? 1800) * 1000;
  console.log(`fuzzing remote_read decoders: ${iterations} inputs, seed ${seed}`);
  const r = runFuzz({ iterations, seed, maxTotalMs });
  console.log(`${r.inputs} inputs in ${r.elapsedMs} ms, ${r.typedErrors} typed errors, ${r.findings.length} findings`);
  console.log(Object.entries(r.perTarget).map(([k, v]) => `  ${k}: ${v}`).join('\n'));
  for (const f of r.findings.slice(0, 10)) console.log(`\nFINDING in ${f.target}\n  input: ${f.input}\n  ${f.error}`);
  process.exit(r.findings.length ? 1 : 0);
}
