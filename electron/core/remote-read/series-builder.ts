// Growable typed-array storage for one series being decoded: timestamps and values (written as raw 32-bit words so
// NaN payloads such as the stale marker stay bit-exact). No object per float sample, ever; a native histogram
// sample is one FloatHistogram (typed arrays inside) in a side column that exists only once one arrives.
import type { FloatHistogram } from '@core/series/histogram';
import type { Labels, RawSeries } from '@core/series/types';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index offsets of the high and low 32-bit word of a float64 inside a Uint32Array view. */
export const WORD_HI = LITTLE_ENDIAN ? 1 : 0;
export const WORD_LO = LITTLE_ENDIAN ? 0 : 1;

export class SeriesBuilder {
  timestamps: Float64Array;
  values: Float64Array;
  /** Uint32 view of `values`: slot i is words [2i + WORD_LO, 2i + WORD_HI]. */
  valueWords: Uint32Array;
  length = 0;
  /** False once a timestamp arrived that is not after the previous one (overlapping chunks); fixed in finish(). */
  sorted = true;
  /**
   * Histogram samples by slot, created by the first pushHistogram. It may be shorter than `length` (float samples
   * appended by the XOR decoder after it leave no entry): missing slots are floats, filled with null in finish().
   */
  histograms: (FloatHistogram | null)[] | undefined;

  constructor(
    readonly labels: Labels,
    capacity = 16,
  ) {
    this.timestamps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.valueWords = new Uint32Array(this.values.buffer);
  }

  get lastTimestamp(): number {
    return this.length ? this.timestamps[this.length - 1] : -Infinity;
  }

  /** Make room for `extra` more samples (amortised doubling). */
  ensureCapacity(extra: number): void {
    const need = this.length + extra;
    if (need <= this.timestamps.length) return;
    // Exactly what is asked for when that is more than doubling: a decoder that sizes a series from its chunks'
    // sample counts gets arrays finish() can hand over without a copy.
    const cap = Math.max(need, 16, this.timestamps.length * 2);
    const ts = new Float64Array(cap);
    ts.set(this.timestamps.subarray(0, this.length));
    const vs = new Float64Array(cap);
    // Copy words, not numbers: a number round-trip may quiet a NaN payload.
    const words = new Uint32Array(vs.buffer);
    words.set(this.valueWords.subarray(0, this.length * 2));
    this.timestamps = ts;
    this.values = vs;
    this.valueWords = words;
  }

  /** Append one sample from its raw float64 bits. Capacity must have been ensured. */
  pushBits(t: number, hi: number, lo: number): void {
    const n = this.length;
    if (n > 0 && t <= this.timestamps[n - 1]) this.sorted = false;
    this.timestamps[n] = t;
    this.valueWords[2 * n + WORD_HI] = hi;
    this.valueWords[2 * n + WORD_LO] = lo;
    this.length = n + 1;
  }

  /** Append one sample by copying 8 little-endian bytes (protobuf double) straight into the value slot. */
  pushBytesLE(t: number, bytes: Uint8Array, offset: number): void {
    const n = this.length;
    if (n > 0 && t <= this.timestamps[n - 1]) this.sorted = false;
    this.timestamps[n] = t;
    const lo = bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24);
    const hi = bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] << 24);
    this.valueWords[2 * n + WORD_HI] = hi;
    this.valueWords[2 * n + WORD_LO] = lo;
    this.length = n + 1;
  }

  /** Append one histogram sample (its value slot holds NaN). Capacity must have been ensured. */
  pushHistogram(t: number, h: FloatHistogram): void {
    const n = this.length;
    if (n > 0 && t <= this.timestamps[n - 1]) this.sorted = false;
    this.timestamps[n] = t;
    this.values[n] = NaN;
    const hs = (this.histograms ??= []);
    while (hs.length < n) hs.push(null);
    hs[n] = h;
    this.length = n + 1;
  }

  /**
   * The finished series: sorted by time with duplicate timestamps dropped (first one wins, as Prometheus's chunk
   * merge keeps one), trimmed so that no more than a quarter of the buffer is slack.
   */
  finish(): RawSeries {
    if (!this.sorted) this.sortAndDedupe();
    const n = this.length;
    const histograms = this.finishHistograms(n);
    if (n * 1.25 >= this.timestamps.length) {
      const out = { labels: this.labels, timestamps: this.timestamps.subarray(0, n), values: this.values.subarray(0, n) };
      return histograms ? { ...out, histograms } : out;
    }
    const values = new Float64Array(n);
    new Uint32Array(values.buffer).set(this.valueWords.subarray(0, 2 * n));
    const out = { labels: this.labels, timestamps: this.timestamps.slice(0, n), values };
    return histograms ? { ...out, histograms } : out;
  }

  /** The histogram column padded to n slots, or undefined when no histogram sample is left. */
  private finishHistograms(n: number): (FloatHistogram | null)[] | undefined {
    const hs = this.histograms;
    if (!hs) return undefined;
    hs.length = Math.min(hs.length, n);
    let any = false;
    for (let i = 0; i < hs.length; i++) if (hs[i]) any = true;
    if (!any) return undefined;
    while (hs.length < n) hs.push(null);
    return hs;
  }

  private sortAndDedupe(): void {
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const ts = this.timestamps;
    // Stable sort by timestamp so the first occurrence of a duplicate wins.
    const sortedOrder = Array.from(order).sort((a, b) => ts[a] - ts[b] || a - b);
    const outTs = new Float64Array(n);
    const outVals = new Float64Array(n);
    const outWords = new Uint32Array(outVals.buffer);
    const hs = this.histograms;
    const outHs: (FloatHistogram | null)[] | undefined = hs ? [] : undefined;
    let m = 0;
    for (const i of sortedOrder) {
      if (m > 0 && outTs[m - 1] === ts[i]) continue;
      outTs[m] = ts[i];
      outWords[2 * m] = this.valueWords[2 * i];
      outWords[2 * m + 1] = this.valueWords[2 * i + 1];
      if (outHs && hs) outHs[m] = hs[i] ?? null;
      m++;
    }
    this.histograms = outHs;
    this.timestamps = outTs;
    this.values = outVals;
    this.valueWords = outWords;
    this.length = m;
    this.sorted = true;
  }
}
