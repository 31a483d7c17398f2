// Where the in-repo server cuts a series into chunks, the way Prometheus's head does: at most 120 samples each; a
// new chunk whenever the sample type changes (float ↔ native histogram), a histogram's bucket layout changes, or a
// counter histogram resets (that chunk's header says CounterReset). Gauge histograms go in Gauge-headed chunks.
// Stale markers stay in the chunk of the run they end. Integer-valued histograms use HISTOGRAM, others FLOAT_HISTOGRAM.
import { ChunkEncodingNumber } from '@core/remote-read/proto/schema';
import { CounterResetHeader } from '@core/remote-read/histogram-chunk';
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';

export interface ChunkRange {
  from: number;
  to: number;
  encoding: number;
  /** Counter-reset header byte for histogram chunks. */
  header: number;
}

function sameArray(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function sameLayout(a: FloatHistogram, b: FloatHistogram): boolean {
  return (
    a.schema === b.schema &&
    Object.is(a.zeroThreshold, b.zeroThreshold) &&
    sameArray(a.positiveSpans, b.positiveSpans) &&
    sameArray(a.negativeSpans, b.negativeSpans) &&
    sameArray(a.customValues, b.customValues)
  );
}

/** A counter reset between two histograms of the same layout, as Prometheus's appender detects it. */
export function resetBetween(prev: FloatHistogram, next: FloatHistogram): boolean {
  if (next.counterResetHint === CounterResetHint.CounterReset) return true;
  if (next.count < prev.count || next.zeroCount < prev.zeroCount) return true;
  for (let i = 0; i < next.positiveBuckets.length; i++) if (next.positiveBuckets[i] < prev.positiveBuckets[i]) return true;
  for (let i = 0; i < next.negativeBuckets.length; i++) if (next.negativeBuckets[i] < prev.negativeBuckets[i]) return true;
  return false;
}

function integral(h: FloatHistogram): boolean {
  if (!Number.isInteger(h.count) || !Number.isInteger(h.zeroCount)) return false;
  for (const v of h.positiveBuckets) if (!Number.isInteger(v)) return false;
  for (const v of h.negativeBuckets) if (!Number.isInteger(v)) return false;
  return true;
}

/** The chunk ranges of a whole series. */
export function cutChunks(s: RawSeries, samplesPerChunk: number): ChunkRange[] {
  const n = s.timestamps.length;
  const hs = s.histograms;
  if (!hs) {
    const out: ChunkRange[] = [];
    for (let from = 0; from < n; from += samplesPerChunk) {
      out.push({ from, to: Math.min(n, from + samplesPerChunk), encoding: ChunkEncodingNumber.XOR, header: 0 });
    }
    return out;
  }
  const out: ChunkRange[] = [];
  let from = 0;
  while (from < n) {
    const first = hs[from];
    // A run opened by a float or a stale marker is an XOR chunk (a stale marker belongs to no bucket layout).
    const isHist = first !== null;
    let header: number = CounterResetHeader.Unknown;
    if (first?.counterResetHint === CounterResetHint.Gauge) header = CounterResetHeader.Gauge;
    else if (first && from > 0) {
      const prev = lastHistogramBefore(hs, from);
      if (prev && sameLayout(prev, first) && resetBetween(prev, first)) header = CounterResetHeader.CounterReset;
    }
    let last: FloatHistogram | null = first;
    let ints = first ? integral(first) : true;
    let to = from + 1;
    while (to < n && to - from < samplesPerChunk) {
      const h = hs[to];
      if (!h) {
        // A float sample ends a histogram run; stale markers stay in whatever run they follow.
        if (isHist && !isStaleAt(s.values, to)) break;
        to++;
        continue;
      }
      if (!isHist || !last || !sameLayout(last, h)) break;
      if (header !== CounterResetHeader.Gauge && (h.counterResetHint === CounterResetHint.Gauge || resetBetween(last, h))) break;
      if (header === CounterResetHeader.Gauge && h.counterResetHint !== CounterResetHint.Gauge) break;
      ints &&= integral(h);
      last = h;
      to++;
    }
    const encoding = !isHist ? ChunkEncodingNumber.XOR : ints ? ChunkEncodingNumber.HISTOGRAM : ChunkEncodingNumber.FLOAT_HISTOGRAM;
    out.push({ from, to, encoding, header: isHist ? header : 0 });
    from = to;
  }
  return out;
}

function lastHistogramBefore(hs: readonly (FloatHistogram | null)[], i: number): FloatHistogram | null {
  return hs[i - 1] ?? null;
}
