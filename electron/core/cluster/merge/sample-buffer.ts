// A growable column buffer (timestamps, values, provenance) that the merge strategies append to. Values are copied
// slot to slot between Float64Arrays so stale-marker NaN payloads survive; never route a value through a JS array.

export class SampleBuffer {
  private ts: Float64Array;
  private vals: Float64Array;
  private prov: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    const c = Math.max(4, capacity);
    this.ts = new Float64Array(c);
    this.vals = new Float64Array(c);
    this.prov = new Uint8Array(c);
  }

  /** Append sample i of (srcTs, srcVals), attributed to `node`. */
  push(srcTs: Float64Array, srcVals: Float64Array, i: number, node: number): void {
    if (this.length === this.ts.length) this.grow(this.length + 1);
    const k = this.length++;
    this.ts[k] = srcTs[i];
    this.vals[k] = srcVals[i];
    this.prov[k] = node;
  }

  /** Append samples [lo, hi) of one node's arrays. */
  pushRange(srcTs: Float64Array, srcVals: Float64Array, lo: number, hi: number, node: number): void {
    if (hi <= lo) return;
    const n = hi - lo;
    if (this.length + n > this.ts.length) this.grow(this.length + n);
    this.ts.set(srcTs.subarray(lo, hi), this.length);
    this.vals.set(srcVals.subarray(lo, hi), this.length);
    this.prov.fill(node, this.length, this.length + n);
    this.length += n;
  }

  /** Append samples [lo, hi) of already-merged columns, keeping their provenance. */
  pushMerged(srcTs: Float64Array, srcVals: Float64Array, srcProv: Uint8Array, lo: number, hi: number): void {
    if (hi <= lo) return;
    const n = hi - lo;
    if (this.length + n > this.ts.length) this.grow(this.length + n);
    this.ts.set(srcTs.subarray(lo, hi), this.length);
    this.vals.set(srcVals.subarray(lo, hi), this.length);
    this.prov.set(srcProv.subarray(lo, hi), this.length);
    this.length += n;
  }

  /**
   * Exact-length columns. When the buffer is exactly full they are handed over without a copy (the common case:
   * capacities are sized to the output), so the buffer must not be used after finish().
   */
  finish(): { timestamps: Float64Array; values: Float64Array; provenance: Uint8Array } {
    if (this.length === this.ts.length) return { timestamps: this.ts, values: this.vals, provenance: this.prov };
    return {
      timestamps: this.ts.slice(0, this.length),
      values: this.vals.slice(0, this.length),
      provenance: this.prov.slice(0, this.length),
    };
  }

  private grow(min: number): void {
    const c = Math.max(min, this.ts.length * 2);
    const ts = new Float64Array(c);
    const vals = new Float64Array(c);
    const prov = new Uint8Array(c);
    ts.set(this.ts.subarray(0, this.length));
    vals.set(this.vals.subarray(0, this.length));
    prov.set(this.prov.subarray(0, this.length));
    this.ts = ts;
    this.vals = vals;
    this.prov = prov;
  }
}
