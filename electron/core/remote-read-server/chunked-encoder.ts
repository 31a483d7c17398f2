// Encodes STREAMED_XOR_CHUNKS frames for the in-repo server the way Prometheus does: each series cut into XOR
// chunks of at most 120 samples (native histogram samples into HISTOGRAM / FLOAT_HISTOGRAM chunks, cut as in
// chunk-cutter.ts), every chunk overlapping the query window sent whole (the client trims), one series per frame,
// split across frames when a frame would exceed maxBytesInFrame.
import { encodeFrame } from '@core/remote-read/frame-reader';
import { encodeHistogramChunk } from '@core/remote-read/histogram-chunk-encoder';
import { ChunkEncodingNumber, F } from '@core/remote-read/proto/schema';
import { MAX_SAMPLES_PER_CHUNK, encodeXorChunk } from '@core/remote-read/xor-chunk-encoder';
import { lowerBound } from '@core/series/memory-store';
import type { Labels, RawSeries } from '@core/series/types';
import { cutChunks } from './chunk-cutter';
import { ProtoWriter } from './proto-writer';

/** Prometheus's default remote_read max bytes in frame (1 MiB). */
export const DEFAULT_MAX_BYTES_IN_FRAME = 1024 * 1024;

export interface EncodedChunk {
  minT: number;
  maxT: number;
  encoding: number;
  data: Uint8Array;
}

/** The chunks of a full series overlapping [startMs, endMs]. */
export function chunksForWindow(s: RawSeries, startMs: number, endMs: number, samplesPerChunk = MAX_SAMPLES_PER_CHUNK): EncodedChunk[] {
  // Encode only around the window: find the chunk-aligned index range first.
  const lo = lowerBound(s.timestamps, startMs);
  const hi = lowerBound(s.timestamps, endMs + 1);
  if (hi <= lo) return [];
  if (s.histograms) return mixedChunksForWindow(s, lo, hi, samplesPerChunk);
  const first = Math.floor(lo / samplesPerChunk) * samplesPerChunk;
  const out: EncodedChunk[] = [];
  for (let from = first; from < hi; from += samplesPerChunk) {
    const to = Math.min(s.timestamps.length, from + samplesPerChunk);
    out.push({
      minT: s.timestamps[from],
      maxT: s.timestamps[to - 1],
      encoding: ChunkEncodingNumber.XOR,
      data: encodeXorChunk(s.timestamps, s.values, from, to),
    });
  }
  return out;
}

/** Chunks of a series holding native histograms: cut over the whole series, those holding [lo, hi) encoded. */
function mixedChunksForWindow(s: RawSeries, lo: number, hi: number, samplesPerChunk: number): EncodedChunk[] {
  const out: EncodedChunk[] = [];
  for (const r of cutChunks(s, samplesPerChunk)) {
    if (r.to <= lo || r.from >= hi) continue;
    const data =
      r.encoding === ChunkEncodingNumber.XOR
        ? encodeXorChunk(s.timestamps, s.values, r.from, r.to)
        : encodeHistogramChunk(s.timestamps, s.values, s.histograms ?? [], r.from, r.to, r.encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM, r.header);
    out.push({ minT: s.timestamps[r.from], maxT: s.timestamps[r.to - 1], encoding: r.encoding, data });
  }
  return out;
}

function encodeChunk(c: EncodedChunk): Uint8Array {
  return new ProtoWriter()
    .tag(F.chunkMinTime, 0)
    .int64(c.minT)
    .tag(F.chunkMaxTime, 0)
    .int64(c.maxT)
    .tag(F.chunkType, 0)
    .uvarint(c.encoding)
    .bytes(F.chunkData, c.data)
    .finish();
}

function labelsMessages(labels: Labels): Uint8Array[] {
  return Object.keys(labels)
    .sort()
    .map((name) => new ProtoWriter().string(F.labelName, name).string(F.labelValue, labels[name]).finish());
}

/** One ChunkedReadResponse message holding one (part of a) series. */
export function encodeChunkedReadResponse(queryIndex: number, labels: Labels, chunks: readonly Uint8Array[]): Uint8Array {
  const series = new ProtoWriter();
  for (const l of labelsMessages(labels)) series.bytes(F.chunkedSeriesLabels, l);
  for (const c of chunks) series.bytes(F.chunkedSeriesChunks, c);
  const msg = new ProtoWriter().bytes(F.chunkedResponseSeries, series.finish());
  if (queryIndex !== 0) msg.tag(F.chunkedResponseQueryIndex, 0).uvarint(queryIndex);
  return msg.finish();
}

/** Messages (unframed) for one series, split so each stays under maxBytesInFrame (at least one chunk each). */
export function seriesMessages(
  queryIndex: number,
  labels: Labels,
  chunks: readonly EncodedChunk[],
  maxBytesInFrame = DEFAULT_MAX_BYTES_IN_FRAME,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  let size = 0;
  for (const c of chunks) {
    const enc = encodeChunk(c);
    if (batch.length && size + enc.length > maxBytesInFrame) {
      out.push(encodeChunkedReadResponse(queryIndex, labels, batch));
      batch = [];
      size = 0;
    }
    batch.push(enc);
    size += enc.length;
  }
  if (batch.length) out.push(encodeChunkedReadResponse(queryIndex, labels, batch));
  return out;
}

export { encodeFrame };
