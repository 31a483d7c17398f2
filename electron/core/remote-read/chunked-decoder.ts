// Decodes the frames of a STREAMED_XOR_CHUNKS response (prometheus.ChunkedReadResponse messages): XOR chunks are
// trimmed to their query's window and appended per series; a series split across frames is joined. Native
// histogram chunks (HISTOGRAM, FLOAT_HISTOGRAM) decode into the series' histogram column; chunks of an unknown
// encoding never crash the decoder: they become a typed warning naming the series.
import { labelsKey } from '@core/series/labels';
import type { RawSeries } from '@core/series/types';
import { DecodeError } from './errors';
import { decodeHistogramChunk, histogramChunkSampleCount } from './histogram-chunk';
import { histogramsBytes } from './held-bytes';
import { decodeLabelInto } from './labels-decoder';
import type { ReadBudget } from './limits';
import { ChunkEncodingNumber, F, chunkEncodingName } from './proto/field-numbers';
import { SeriesBuilder } from './series-builder';
import type { RemoteReadWarning } from './warnings';
import { WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader';
import { decodeXorChunk, xorChunkSampleCount } from './xor-chunk';

export interface QueryWindow {
  startMs: number;
  endMs: number;
}

export class ChunkedResponseDecoder {
  private readonly perQuery: Map<string, SeriesBuilder>[];
  readonly warnings: RemoteReadWarning[] = [];

  /** The series being decoded when streaming (`onSeries`): handed on once a frame of another series arrives. */
  private current?: { queryIndex: number; key: string; builder: SeriesBuilder };

  /**
   * With `onSeries`, each series is handed on as soon as the stream moves past it (Prometheus streams series in
   * label order, a long one split over consecutive frames) and nothing is kept; finish() then returns empty lists.
   */
  constructor(
    private readonly windows: readonly QueryWindow[],
    private readonly budget: ReadBudget,
    private readonly onSeries?: (queryIndex: number, s: RawSeries) => void,
  ) {
    this.perQuery = windows.map(() => new Map());
  }

  private handOn(): void {
    const c = this.current;
    if (!c) return;
    this.current = undefined;
    this.perQuery[c.queryIndex].delete(c.key);
    if (c.builder.length > 0) this.onSeries!(c.queryIndex, c.builder.finish());
  }

  /** Decode one frame's message. */
  decodeFrame(msg: Uint8Array): void {
    // query_index may follow the series in the message, so find it first.
    let queryIndex = 0;
    const r = new WireReader(msg);
    while (!r.done()) {
      const tag = r.uvarint();
      const wt = tag & 7;
      if (Math.floor(tag / 8) === F.chunkedResponseQueryIndex && wt === WIRE_VARINT) queryIndex = r.int64();
      else r.skip(wt);
    }
    if (!Number.isInteger(queryIndex) || queryIndex < 0 || queryIndex >= this.windows.length) {
      throw new DecodeError('decode', `frame refers to query ${queryIndex} but the request had ${this.windows.length}`);
    }
    r.pos = 0;
    while (!r.done()) {
      const tag = r.uvarint();
      const wt = tag & 7;
      if (Math.floor(tag / 8) === F.chunkedResponseSeries && wt === WIRE_LEN) {
        const s = r.lengthDelimited();
        const e = r.fieldEnd;
        this.decodeSeries(msg, s, e, queryIndex);
      } else r.skip(wt);
    }
  }

  private decodeSeries(buf: Uint8Array, start: number, end: number, queryIndex: number): void {
    const labels: Record<string, string> = {};
    const r = new WireReader(buf, start, end);
    while (!r.done()) {
      const tag = r.uvarint();
      const wt = tag & 7;
      if (Math.floor(tag / 8) === F.chunkedSeriesLabels && wt === WIRE_LEN) {
        const s = r.lengthDelimited();
        const e = r.fieldEnd;
        decodeLabelInto(buf, s, e, labels);
      } else r.skip(wt);
    }
    const key = labelsKey(labels);
    const series = this.perQuery[queryIndex];
    if (this.onSeries && (this.current?.key !== key || this.current.queryIndex !== queryIndex)) this.handOn();
    let builder = series.get(key);
    if (!builder) {
      builder = new SeriesBuilder(labels, 0);
      series.set(key, builder);
      this.budget.addSeries();
      if (this.onSeries) this.current = { queryIndex, key, builder };
    }
    // First pass: where each chunk's data lies and how many samples the chunks declare, so the series' arrays are
    // allocated once at their final size (never more than the read's sample limit leaves room for) and handed over
    // by finish() without a copy.
    let chunks = 0;
    let declared = 0;
    r.pos = start;
    while (!r.done()) {
      const tag = r.uvarint();
      const wt = tag & 7;
      if (Math.floor(tag / 8) === F.chunkedSeriesChunks && wt === WIRE_LEN) {
        const s = r.lengthDelimited();
        const e = r.fieldEnd;
        declared += this.locateChunk(buf, s, e, chunks++);
      } else r.skip(wt);
    }
    const room = this.budget.limits.maxSamples - this.budget.samples;
    if (declared > 0 && room > 0) builder.ensureCapacity(Math.min(declared, room));
    const window = this.windows[queryIndex];
    const at = this.chunkAt;
    for (let c = 0; c < chunks; c++) {
      this.decodeChunk(buf, at[3 * c], at[3 * c + 1], at[3 * c + 2], builder, window, queryIndex);
    }
  }

  /** Per chunk of the series being decoded: encoding (any int64), data start, data end (-1 when absent). Grown as needed. */
  private chunkAt = new Float64Array(3 * 64);

  /** Record chunk `index` (a Chunk message in buf[start, end)) and return the samples its header declares. */
  private locateChunk(buf: Uint8Array, start: number, end: number, index: number): number {
    let encoding = ChunkEncodingNumber.UNKNOWN as number;
    let dataStart = -1;
    let dataEnd = -1;
    const r = new WireReader(buf, start, end);
    while (!r.done()) {
      const tag = r.uvarint();
      const field = Math.floor(tag / 8);
      const wt = tag & 7;
      if (field === F.chunkType && wt === WIRE_VARINT) encoding = r.int64();
      else if (field === F.chunkData && wt === WIRE_LEN) {
        dataStart = r.lengthDelimited();
        dataEnd = r.fieldEnd;
      } else r.skip(wt);
    }
    if (3 * index + 3 > this.chunkAt.length) {
      const grown = new Float64Array(this.chunkAt.length * 2);
      grown.set(this.chunkAt);
      this.chunkAt = grown;
    }
    this.chunkAt[3 * index] = encoding;
    this.chunkAt[3 * index + 1] = dataStart;
    this.chunkAt[3 * index + 2] = dataEnd;
    if (dataStart < 0 || dataEnd - dataStart < 2) return 0;
    const known = encoding === ChunkEncodingNumber.XOR || encoding === ChunkEncodingNumber.HISTOGRAM || encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM;
    // XOR and histogram chunks both start with a 2-byte big-endian sample count; short ones fail when decoded.
    return known ? (buf[dataStart] << 8) | buf[dataStart + 1] : 0;
  }

  private decodeChunk(
    buf: Uint8Array,
    encoding: number,
    dataStart: number,
    dataEnd: number,
    builder: SeriesBuilder,
    window: QueryWindow,
    queryIndex: number,
  ): void {
    const histogram = encoding === ChunkEncodingNumber.HISTOGRAM || encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM;
    if (encoding !== ChunkEncodingNumber.XOR && !histogram) {
      this.warnOnce(builder, queryIndex, chunkEncodingName(encoding));
      return;
    }
    if (dataStart < 0) throw new DecodeError('decode', `${chunkEncodingName(encoding)} chunk without data`);
    const data = buf.subarray(dataStart, dataEnd);
    if (histogram) {
      this.budget.ensureRoom(histogramChunkSampleCount(data));
      const floatCounts = encoding === ChunkEncodingNumber.FLOAT_HISTOGRAM;
      const before = builder.length;
      const kept = decodeHistogramChunk(data, floatCounts, builder, window.startMs, window.endMs);
      this.budget.addSamples(kept);
      this.budget.hold(queryIndex, kept, histogramsBytes(builder, before));
      return;
    }
    // Check the limit before decoding (the header says how many samples the chunk holds); count what was kept.
    this.budget.ensureRoom(xorChunkSampleCount(data));
    const kept = decodeXorChunk(data, builder, window.startMs, window.endMs);
    this.budget.addSamples(kept);
    this.budget.hold(queryIndex, kept);
  }

  private warned = new WeakSet<SeriesBuilder>();

  private warnOnce(builder: SeriesBuilder, queryIndex: number, encoding: string): void {
    if (this.warned.has(builder)) return;
    this.warned.add(builder);
    this.warnings.push({
      kind: 'unsupported-chunk-encoding',
      queryIndex,
      series: builder.labels,
      encoding,
      message: `chunks with encoding ${encoding} are not supported and were skipped`,
    });
  }

  /** The decoded series per query index; series left without samples in the window are dropped. */
  finish(): RawSeries[][] {
    if (this.onSeries) this.handOn();
    return this.perQuery.map((m) => {
      const out: RawSeries[] = [];
      for (const b of m.values()) if (b.length > 0) out.push(b.finish());
      return out;
    });
  }
}

