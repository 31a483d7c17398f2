// Decodes a SAMPLES response (prometheus.ReadResponse, already snappy-decompressed) into RawSeries per query.
// Values are copied as raw bytes into Float64Array slots (stale markers stay bit-exact); no object per float sample.
// Native histogram samples (TimeSeries.histograms) become one FloatHistogram each in the series' histogram column.
// Decoding runs as steps (one series each) so the client can slice a large body and stop it at a deadline.
import type { Labels, RawSeries } from '@core/series/types';
import { DecodeError } from './errors';
import { histogramsBytes } from './held-bytes';
import { decodeHistogramMessage } from './histogram-proto';
import { decodeLabelInto } from './labels-decoder';
import type { ReadBudget } from './limits';
import { F } from './proto/field-numbers';
import { SeriesBuilder } from './series-builder';
import type { RemoteReadWarning } from './warnings';
import { WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader';

export interface SamplesDecodeResult {
  results: RawSeries[][];
  warnings: RemoteReadWarning[];
}

/** Decode a whole response at once (tests, fuzzing, small bodies). */
export function decodeReadResponse(buf: Uint8Array, budget: ReadBudget): SamplesDecodeResult {
  const steps = decodeReadResponseSteps(buf, budget);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * The same decode as steps: yields the byte offset reached after each series, so a caller can stop between series
 * (deadline, cancellation) and give the event loop a turn; returns the result.
 */
export function* decodeReadResponseSteps(buf: Uint8Array, budget: ReadBudget): Generator<number, SamplesDecodeResult, void> {
  const results: RawSeries[][] = [];
  // Nothing in a SAMPLES response is skipped any more (native histograms decode too); the field stays for callers.
  const warnings: RemoteReadWarning[] = [];
  const r = new WireReader(buf);
  while (!r.done()) {
    const tag = r.uvarint();
    const wt = tag & 7;
    if (Math.floor(tag / 8) === F.readResponseResults && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      results.push(yield* decodeQueryResult(buf, s, e, budget, results.length));
    } else r.skip(wt);
    yield r.pos;
  }
  return { results, warnings };
}

function* decodeQueryResult(buf: Uint8Array, start: number, end: number, budget: ReadBudget, queryIndex: number): Generator<number, RawSeries[], void> {
  const out: RawSeries[] = [];
  const r = new WireReader(buf, start, end);
  while (!r.done()) {
    const tag = r.uvarint();
    const wt = tag & 7;
    if (Math.floor(tag / 8) === F.queryResultTimeseries && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      const series = decodeTimeSeries(buf, s, e, budget, queryIndex);
      if (series) out.push(series);
    } else r.skip(wt);
    yield r.pos;
  }
  return out;
}

function decodeTimeSeries(buf: Uint8Array, start: number, end: number, budget: ReadBudget, queryIndex: number): RawSeries | null {
  // Pass 1: labels, and count samples so the arrays are allocated once.
  const labels: Record<string, string> = {};
  let sampleCount = 0;
  let histogramCount = 0;
  const r = new WireReader(buf, start, end);
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.timeSeriesLabels && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      decodeLabelInto(buf, s, e, labels);
    } else if (field === F.timeSeriesSamples && wt === WIRE_LEN) {
      r.lengthDelimited();
      sampleCount++;
    } else if (field === F.timeSeriesHistograms && wt === WIRE_LEN) {
      r.lengthDelimited();
      histogramCount++;
    } else r.skip(wt);
  }
  const frozen: Labels = labels;
  const total = sampleCount + histogramCount;
  if (total === 0) return null;
  budget.addSamples(total);
  budget.addSeries();
  budget.hold(queryIndex, total);

  // Pass 2: samples straight into the typed arrays (the builder sorts floats and histograms into one timeline).
  const b = new SeriesBuilder(frozen, total);
  r.pos = start;
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.timeSeriesSamples && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      decodeSampleInto(buf, s, e, b);
    } else if (field === F.timeSeriesHistograms && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const h = decodeHistogramMessage(buf, s, r.fieldEnd);
      if (h.stale) b.pushBytesLE(h.timestampMs, STALE_BYTES, 0);
      else b.pushHistogram(h.timestampMs, h.histogram);
    } else r.skip(wt);
  }
  if (histogramCount > 0) budget.hold(queryIndex, 0, histogramsBytes(b, 0));
  return b.finish();
}

const ZERO_DOUBLE = new Uint8Array(8);
/** Prometheus's stale marker 0x7ff0000000000002 as little-endian bytes. */
const STALE_BYTES = new Uint8Array([0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f]);
const sampleReader = new WireReader(ZERO_DOUBLE);

function decodeSampleInto(buf: Uint8Array, start: number, end: number, b: SeriesBuilder): void {
  const r = sampleReader.reset(buf, start, end);
  let valueAt = -1;
  let t = 0;
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.sampleValue && wt === WIRE_FIXED64) valueAt = r.fixed64();
    else if (field === F.sampleTimestamp && wt === WIRE_VARINT) t = r.int64();
    else if (field === F.sampleValue || field === F.sampleTimestamp) {
      throw new DecodeError('decode', `sample field ${field} has wire type ${wt}`);
    } else r.skip(wt);
  }
  if (valueAt < 0) b.pushBytesLE(t, ZERO_DOUBLE, 0);
  else b.pushBytesLE(t, buf, valueAt);
}
