// Compensated (Kahan–Babuška) summation of histograms, as Prometheus's sum/avg and sum_over_time/avg_over_time
// do with FloatHistogram.KahanAdd: count, sum, zero count and every bucket carry a compensation term. When an
// operand brings another schema, zero threshold or bucket bounds, the compensation is folded in and the plain
// reconciling addition (combineHistograms) continues from there. avg switches to an incremental mean when the
// running sum would overflow, as upstream.
import type { FloatHistogram } from '../../series/histogram';
import { combineHistograms, copyHistogram, divideHistogram, sameBounds, type CombineResult } from './ops';
import { flatToSpans, spansToFlat, type FlatBuckets } from './flat-buckets';
import { KahanSum } from '../functions/kahan';

const ks = new KahanSum();
function inc(sum: number, c: number, x: number): [number, number] {
  ks.sum = sum;
  ks.c = c;
  ks.add(x);
  return [ks.sum, ks.c];
}

/** Union of two sides' indices with Kahan-added counts; `comp` is aligned with `sum`. */
function kahanSide(sum: FlatBuckets, comp: Float64Array, add: FlatBuckets): { sum: FlatBuckets; comp: Float64Array } {
  const n = sum.idx.length + add.idx.length;
  const idx = new Int32Array(n);
  const cnt = new Float64Array(n);
  const cc = new Float64Array(n);
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < sum.idx.length || j < add.idx.length) {
    if (j >= add.idx.length || (i < sum.idx.length && sum.idx[i] < add.idx[j])) {
      idx[w] = sum.idx[i];
      cnt[w] = sum.cnt[i];
      cc[w++] = comp[i++];
    } else if (i >= sum.idx.length || add.idx[j] < sum.idx[i]) {
      idx[w] = add.idx[j];
      cnt[w] = add.cnt[j++];
      cc[w++] = 0;
    } else {
      const [s, c] = inc(sum.cnt[i], comp[i], add.cnt[j++]);
      idx[w] = sum.idx[i++];
      cnt[w] = s;
      cc[w++] = c;
    }
  }
  return { sum: { idx: idx.subarray(0, w), cnt: cnt.subarray(0, w) }, comp: cc.subarray(0, w) };
}

function hasOverflow(h: FloatHistogram): boolean {
  const inf = (x: number): boolean => x === Infinity || x === -Infinity;
  return inf(h.count) || inf(h.sum) || inf(h.zeroCount) || h.positiveBuckets.some(inf) || h.negativeBuckets.some(inf);
}

export class HistogramKahanSum {
  private s: FloatHistogram | null = null;
  private pos: { sum: FlatBuckets; comp: Float64Array } | null = null;
  private neg: { sum: FlatBuckets; comp: Float64Array } | null = null;
  private cCount = 0;
  private cSum = 0;
  private cZero = 0;
  private n = 0;
  /** After an overflow of the running sum: the mean so far, itself compensated. */
  private mean: HistogramKahanSum | null = null;
  boundsReconciled = false;

  /** Add one histogram; throws IncompatibleSchemaError for a mix of exponential and custom buckets. */
  add(h: FloatHistogram): void {
    this.n++;
    if (!this.s) {
      this.s = copyHistogram(h);
      this.pos = { sum: spansToFlat(h.positiveSpans, h.positiveBuckets.slice()), comp: new Float64Array(h.positiveBuckets.length) };
      this.neg = { sum: spansToFlat(h.negativeSpans, h.negativeBuckets.slice()), comp: new Float64Array(h.negativeBuckets.length) };
      return;
    }
    const prev = this.current();
    const before = this.mean ? null : this.clone();
    const s = this.s;
    const aligned = s.schema === h.schema && s.zeroThreshold === h.zeroThreshold && sameBounds(s.customValues, h.customValues);
    let next: FloatHistogram;
    if (!aligned) {
      next = this.combine(prev, h).h;
      this.start(next);
    } else {
      const r = combineHistograms(s, { ...h, count: 0, sum: 0, zeroCount: 0, positiveBuckets: new Float64Array(0), positiveSpans: new Int32Array(0), negativeBuckets: new Float64Array(0), negativeSpans: new Int32Array(0) }, 1);
      s.counterResetHint = r.h.counterResetHint;
      [s.count, this.cCount] = inc(s.count, this.cCount, h.count);
      [s.sum, this.cSum] = inc(s.sum, this.cSum, h.sum);
      [s.zeroCount, this.cZero] = inc(s.zeroCount, this.cZero, h.zeroCount);
      this.pos = kahanSide(this.pos!.sum, this.pos!.comp, spansToFlat(h.positiveSpans, h.positiveBuckets));
      this.neg = kahanSide(this.neg!.sum, this.neg!.comp, spansToFlat(h.negativeSpans, h.negativeBuckets));
      next = this.current();
    }
    if (!this.mean && before && hasOverflow(next) && !hasOverflow(prev)) {
      // The running sum overflows: the mean continues incrementally from the sum before this sample.
      before.scale(1 / (this.n - 1));
      this.mean = before;
    }
    if (this.mean) {
      // Incremental mean: mean·(n−1)/n + h/n, compensation scaled along.
      this.mean.scale((this.n - 1) / this.n);
      this.mean.add(divideHistogram(h, this.n));
      if (this.mean.boundsReconciled) this.boundsReconciled = true;
    }
  }

  private clone(): HistogramKahanSum {
    const k = new HistogramKahanSum();
    k.s = this.s ? copyHistogram(this.s) : null;
    const side = (p: { sum: FlatBuckets; comp: Float64Array } | null) => (p ? { sum: { idx: p.sum.idx, cnt: p.sum.cnt.slice() }, comp: p.comp.slice() } : null);
    k.pos = side(this.pos);
    k.neg = side(this.neg);
    k.cCount = this.cCount;
    k.cSum = this.cSum;
    k.cZero = this.cZero;
    k.n = this.n;
    return k;
  }

  /** Multiply the running sum and its compensation terms by f (Mul on both, as upstream's incremental mean). */
  private scale(f: number): void {
    const s = this.s!;
    s.count *= f;
    s.sum *= f;
    s.zeroCount *= f;
    this.cCount *= f;
    this.cSum *= f;
    this.cZero *= f;
    for (const p of [this.pos!, this.neg!]) {
      for (let i = 0; i < p.sum.cnt.length; i++) {
        p.sum.cnt[i] *= f;
        p.comp[i] *= f;
      }
    }
  }

  private combine(a: FloatHistogram, b: FloatHistogram): CombineResult {
    const r = combineHistograms(a, b, 1);
    if (r.boundsReconciled) this.boundsReconciled = true;
    return r;
  }

  private start(h: FloatHistogram): void {
    this.s = copyHistogram(h);
    this.cCount = this.cSum = this.cZero = 0;
    this.pos = { sum: spansToFlat(h.positiveSpans, h.positiveBuckets.slice()), comp: new Float64Array(h.positiveBuckets.length) };
    this.neg = { sum: spansToFlat(h.negativeSpans, h.negativeBuckets.slice()), comp: new Float64Array(h.negativeBuckets.length) };
  }

  /** The compensated sum so far. */
  private current(): FloatHistogram {
    const s = this.s!;
    const o = copyHistogram(s);
    const fin = (x: number, c: number): number => (Number.isFinite(x) ? x + c : x);
    o.count = fin(s.count, this.cCount);
    o.sum = fin(s.sum, this.cSum);
    o.zeroCount = fin(s.zeroCount, this.cZero);
    const side = (p: { sum: FlatBuckets; comp: Float64Array }): FlatBuckets => ({
      idx: p.sum.idx,
      cnt: Float64Array.from(p.sum.cnt, (x, k) => fin(x, p.comp[k])),
    });
    const ps = flatToSpans(side(this.pos!));
    const ns = flatToSpans(side(this.neg!));
    o.positiveSpans = ps.spans;
    o.positiveBuckets = ps.buckets;
    o.negativeSpans = ns.spans;
    o.negativeBuckets = ns.buckets;
    return o;
  }

  sum(): FloatHistogram {
    return this.current();
  }

  /** The mean of everything added (the compensated sum ÷ n, or the incremental mean after an overflow). */
  average(): FloatHistogram {
    if (this.mean) return this.mean.current();
    return divideHistogram(this.current(), this.n);
  }
}
