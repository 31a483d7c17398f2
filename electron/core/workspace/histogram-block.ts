// The native histogram section of a series in a snapshot block (block version 2): after the series' values,
// uvarint H (histogram samples), then per sample: uvarint gap to the previous histogram's sample index (the first
// counts from 0), byte counter-reset hint, svarint schema, float64 zero threshold, zero count, count and sum,
// positive spans (uvarint n, then svarint offset + uvarint length each) and their float64 bucket counts, negative
// spans and buckets the same way, uvarint custom bound count and the bounds as float64. Float-only series write H = 0.
import { CounterResetHint, type FloatHistogram, type HistogramColumn } from '@core/series/histogram';
import type { ByteReader, ByteWriter } from './byte-io';
import { WorkspaceError } from './errors';

function writeSpans(w: ByteWriter, spans: Int32Array): void {
  w.uvarint(spans.length / 2);
  for (let i = 0; i < spans.length; i += 2) {
    w.svarint(spans[i]);
    w.uvarint(spans[i + 1]);
  }
}

export function writeHistogramSection(w: ByteWriter, histograms: HistogramColumn | undefined): void {
  let count = 0;
  if (histograms) for (const h of histograms) if (h) count++;
  w.uvarint(count);
  if (!histograms || count === 0) return;
  let prev = 0;
  for (let i = 0; i < histograms.length; i++) {
    const h = histograms[i];
    if (!h) continue;
    w.uvarint(i - prev);
    prev = i;
    w.byte(h.counterResetHint);
    w.svarint(h.schema);
    w.float64s(Float64Array.of(h.zeroThreshold, h.zeroCount, h.count, h.sum));
    writeSpans(w, h.positiveSpans);
    w.float64s(h.positiveBuckets);
    writeSpans(w, h.negativeSpans);
    w.float64s(h.negativeBuckets);
    const cv = h.customValues ?? new Float64Array(0);
    w.uvarint(cv.length);
    w.float64s(cv);
  }
}

const damaged = () => new WorkspaceError('corrupt', "The workspace's data snapshot holds an invalid native histogram: the file is damaged.");

function readSpans(r: ByteReader): { spans: Int32Array; buckets: number } {
  const n = r.uvarint();
  if (n > 1_000_000) throw damaged();
  const spans = new Int32Array(2 * n);
  let buckets = 0;
  for (let i = 0; i < n; i++) {
    const offset = r.svarint();
    const length = r.uvarint();
    if (Math.abs(offset) >= 2 ** 31 || length >= 2 ** 31) throw damaged();
    spans[2 * i] = offset;
    spans[2 * i + 1] = length;
    buckets += length;
  }
  if (buckets > 10_000_000) throw damaged();
  return { spans, buckets };
}

const HINTS = new Set<number>(Object.values(CounterResetHint));

/** The histogram column of a series of n samples, or undefined when it has none. */
export function readHistogramSection(r: ByteReader, n: number): HistogramColumn | undefined {
  const count = r.uvarint();
  if (count === 0) return undefined;
  if (count > n) throw damaged();
  const out: (FloatHistogram | null)[] = new Array<FloatHistogram | null>(n).fill(null);
  let idx = 0;
  for (let k = 0; k < count; k++) {
    idx += r.uvarint();
    if (idx >= n || (k > 0 && out[idx])) throw damaged();
    const hint = r.byte();
    if (!HINTS.has(hint)) throw damaged();
    const schema = r.svarint();
    const [zeroThreshold, zeroCount, cnt, sum] = r.float64s(4);
    const pos = readSpans(r);
    const positiveBuckets = r.float64s(pos.buckets);
    const neg = readSpans(r);
    const negativeBuckets = r.float64s(neg.buckets);
    const ncv = r.uvarint();
    if (ncv > 1_000_000) throw damaged();
    const cv = r.float64s(ncv);
    const h: FloatHistogram = {
      counterResetHint: hint as CounterResetHint,
      schema,
      zeroThreshold,
      zeroCount,
      count: cnt,
      sum,
      positiveSpans: pos.spans,
      positiveBuckets,
      negativeSpans: neg.spans,
      negativeBuckets,
    };
    if (ncv > 0) h.customValues = cv;
    out[idx] = h;
  }
  return out;
}
