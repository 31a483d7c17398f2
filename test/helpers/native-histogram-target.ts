// A scrape target serving native histograms in Prometheus's protobuf exposition format
// (application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited): each body is a
// sequence of uvarint-length-prefixed io.prometheus.client.MetricFamily messages (field numbers from
// prometheus/client_model metrics.proto). It exposes
//   latency_seconds        a counter native histogram (schema 3, zero bucket, negative and positive buckets) that
//                          grows by a fixed pattern per scrape and resets to zero once, after `resetAfter` scrapes;
//   queue_wait_seconds     a second counter histogram with float observations in its sum and schema 0;
//   rrx_target_scrapes     a plain counter (so the target also carries float samples).
// Observations are deterministic per scrape number, so a test knows nothing about values in advance but every
// reader of the same TSDB must agree on them.
import http from 'node:http';
import type net from 'node:net';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

class Writer {
  private bytes: number[] = [];
  uvarint(v: number): this {
    while (v >= 0x80) {
      this.bytes.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }
  tag(field: number, wire: number): this {
    return this.uvarint(field * 8 + wire);
  }
  sint(field: number, v: number): this {
    return this.tag(field, 0).uvarint(v >= 0 ? 2 * v : -2 * v - 1);
  }
  uint(field: number, v: number): this {
    return this.tag(field, 0).uvarint(v);
  }
  double(field: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.tag(field, 1);
    this.bytes.push(...b);
    return this;
  }
  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, 2).uvarint(data.length);
    this.bytes.push(...data);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** client_model field numbers. */
const MF = { name: 1, help: 2, type: 3, metric: 4 };
const METRIC = { label: 1, counter: 3, histogram: 7 };
const LABEL = { name: 1, value: 2 };
const COUNTER = { value: 1 };
const HIST = {
  sampleCount: 1,
  sampleSum: 2,
  schema: 5,
  zeroThreshold: 6,
  zeroCount: 7,
  negativeSpan: 9,
  negativeDelta: 10,
  positiveSpan: 12,
  positiveDelta: 13,
};
const SPAN = { offset: 1, length: 2 };
const TYPE = { COUNTER: 0, HISTOGRAM: 4 };

export interface NativeHistogramState {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  sum: number;
  /** Bucket index → count, for positive and negative observations. */
  positive: Map<number, number>;
  negative: Map<number, number>;
}

function spansAndDeltas(buckets: Map<number, number>): { spans: [number, number][]; deltas: number[] } {
  const idx = [...buckets.keys()].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  const deltas: number[] = [];
  let prevIdx = 0;
  let prevCount = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (k === 0) spans.push([i, 1]);
    else if (i === prevIdx + 1) spans[spans.length - 1][1]++;
    else spans.push([i - prevIdx - 1, 1]);
    const c = buckets.get(i)!;
    deltas.push(c - prevCount);
    prevCount = c;
    prevIdx = i;
  }
  return { spans, deltas };
}

function histogramMessage(h: NativeHistogramState): Uint8Array {
  let count = h.zeroCount;
  for (const c of h.positive.values()) count += c;
  for (const c of h.negative.values()) count += c;
  const w = new Writer().uint(HIST.sampleCount, count).double(HIST.sampleSum, h.sum).sint(HIST.schema, h.schema);
  w.double(HIST.zeroThreshold, h.zeroThreshold).uint(HIST.zeroCount, h.zeroCount);
  const neg = spansAndDeltas(h.negative);
  for (const [offset, length] of neg.spans) w.bytesField(HIST.negativeSpan, new Writer().sint(SPAN.offset, offset).uint(SPAN.length, length).finish());
  for (const d of neg.deltas) w.sint(HIST.negativeDelta, d);
  const pos = spansAndDeltas(h.positive);
  for (const [offset, length] of pos.spans) w.bytesField(HIST.positiveSpan, new Writer().sint(SPAN.offset, offset).uint(SPAN.length, length).finish());
  for (const d of pos.deltas) w.sint(HIST.positiveDelta, d);
  return w.finish();
}

function family(name: string, type: number, help: string, metrics: Uint8Array[]): Uint8Array {
  const w = new Writer().string(MF.name, name).string(MF.help, help).uint(MF.type, type);
  for (const m of metrics) w.bytesField(MF.metric, m);
  return w.finish();
}

function metric(labels: Record<string, string>, field: number, body: Uint8Array): Uint8Array {
  const w = new Writer();
  for (const [n, v] of Object.entries(labels)) w.bytesField(METRIC.label, new Writer().string(LABEL.name, n).string(LABEL.value, v).finish());
  return w.bytesField(field, body).finish();
}

function delimited(messages: Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [];
  for (const m of messages) parts.push(new Writer().uvarint(m.length).finish(), m);
  return Buffer.concat(parts);
}

function emptyState(schema: number, zeroThreshold: number): NativeHistogramState {
  return { schema, zeroThreshold, zeroCount: 0, sum: 0, positive: new Map(), negative: new Map() };
}

function add(m: Map<number, number>, idx: number, n: number): void {
  m.set(idx, (m.get(idx) ?? 0) + n);
}

export interface NativeHistogramTarget {
  readonly url: string;
  readonly port: number;
  scrapes(): number;
  close(): Promise<void>;
}

/** Start the target on a free loopback port. */
export async function startNativeHistogramTarget(opts: { resetAfter?: number } = {}): Promise<NativeHistogramTarget> {
  const resetAfter = opts.resetAfter ?? 12;
  let n = 0;
  let latency = emptyState(3, 2 ** -10);
  const wait = emptyState(0, 0.001);
  const server = http.createServer((_req, res) => {
    n++;
    if (n === resetAfter) latency = emptyState(3, 2 ** -10); // the process "restarted": a counter reset
    // Per scrape, a deterministic spread of observations: many in low buckets, a few far out, some negative,
    // some in the zero bucket; a bucket appears for the first time now and then (layout grows).
    add(latency.positive, -3 + (n % 4), 3 + (n % 5));
    add(latency.positive, 5, 1);
    if (n % 3 === 0) add(latency.positive, 11 + (n % 7), 2);
    if (n % 2 === 0) add(latency.negative, 2, 1);
    latency.zeroCount += n % 3;
    latency.sum += 0.125 * (n % 11) + 1.7 - 0.05 * (n % 2);
    add(wait.positive, n % 6, 1);
    add(wait.positive, -2, 2);
    wait.zeroCount += 1;
    wait.sum += Math.PI / (n + 1);
    const body = delimited([
      family('latency_seconds', TYPE.HISTOGRAM, 'Request latency.', [metric({ path: '/api' }, METRIC.histogram, histogramMessage(latency))]),
      family('queue_wait_seconds', TYPE.HISTOGRAM, 'Queue wait.', [metric({}, METRIC.histogram, histogramMessage(wait))]),
      family('rrx_target_scrapes_total', TYPE.COUNTER, 'Scrapes.', [metric({}, METRIC.counter, new Writer().double(COUNTER.value, n).finish())]),
    ]);
    res.writeHead(200, { 'content-type': PROTOBUF_CONTENT_TYPE, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    port,
    scrapes: () => n,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
