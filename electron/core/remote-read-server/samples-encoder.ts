// Encodes a SAMPLES response (prometheus.ReadResponse) for the in-repo server: samples within each query's window,
// values written from raw words so stale markers survive; native histogram samples go in TimeSeries.histograms.
// The caller snappy-compresses.
import { F } from '@core/remote-read/proto/schema';
import type { RawSeries } from '@core/series/types';
import { encodeHistogramMessage } from './histogram-proto-writer';
import { ProtoWriter } from './proto-writer';

export function encodeReadResponse(perQuery: readonly (readonly RawSeries[])[]): Uint8Array {
  const resp = new ProtoWriter();
  for (const series of perQuery) {
    const qr = new ProtoWriter();
    for (const s of series) qr.bytes(F.queryResultTimeseries, encodeTimeSeries(s));
    resp.bytes(F.readResponseResults, qr.finish());
  }
  return resp.finish();
}

/** One prometheus.TimeSeries (also the element of a remote_write WriteRequest, field 1). */
export function encodeTimeSeries(s: RawSeries): Uint8Array {
  const w = new ProtoWriter();
  for (const name of Object.keys(s.labels).sort()) {
    w.bytes(F.timeSeriesLabels, new ProtoWriter().string(F.labelName, name).string(F.labelValue, s.labels[name]).finish());
  }
  const words = new Uint32Array(s.values.buffer, s.values.byteOffset, s.values.length * 2);
  const sample = new ProtoWriter();
  const hs = s.histograms;
  for (let i = 0; i < s.timestamps.length; i++) {
    if (hs?.[i]) continue;
    sample.length = 0;
    sample.doubleWordsAt(F.sampleValue, words, i).tag(F.sampleTimestamp, 0).int64(s.timestamps[i]);
    w.bytes(F.timeSeriesSamples, sample.finish());
  }
  if (hs) {
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i];
      if (h) w.bytes(F.timeSeriesHistograms, encodeHistogramMessage(s.timestamps[i], h));
    }
  }
  return w.finish();
}
