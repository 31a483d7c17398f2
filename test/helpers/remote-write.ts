// Pushes generated series into a real Prometheus 2.42 through its remote_write receiver
// (--web.enable-remote-write-receiver): exact timestamps and values, stale markers included bit-exact, so a
// differential test knows precisely what the TSDB holds.
import snappy from 'snappyjs';
import { encodeTimeSeries } from '@core/remote-read-server/samples-encoder';
import { ProtoWriter } from '@core/remote-read-server/proto-writer';
import type { RawSeries } from '@core/series/types';

/** prometheus.WriteRequest: field 1 holds every TimeSeries. */
export function encodeWriteRequest(series: readonly RawSeries[]): Uint8Array {
  const w = new ProtoWriter();
  for (const s of series) w.bytes(1, encodeTimeSeries(s));
  return w.finish();
}

/** POST the series to baseUrl/api/v1/write; throws with Prometheus's answer unless it accepts them (2xx). */
export async function remoteWrite(baseUrl: string, series: readonly RawSeries[]): Promise<void> {
  const body = Buffer.from(snappy.compress(encodeWriteRequest(series)));
  const r = await fetch(`${baseUrl}/api/v1/write`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'snappy',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  if (!r.ok) throw new Error(`remote_write to ${baseUrl} answered ${r.status}: ${await r.text()}`);
}
