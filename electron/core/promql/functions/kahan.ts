// Kahan–Babuška compensated summation exactly as Prometheus's util/kahansum does it, so sums and means agree with
// upstream to the last bit. Holds two numbers; never allocates per added value.
export class KahanSum {
  sum = 0;
  c = 0;

  constructor(initial = 0) {
    this.sum = initial;
  }

  add(inc: number): void {
    const sum = this.sum;
    const t = sum + inc;
    if (t > Number.MAX_VALUE || t < -Number.MAX_VALUE) this.c = 0;
    else if (Math.abs(sum) >= Math.abs(inc)) this.c += sum - t + inc;
    else this.c += inc - t + sum;
    this.sum = t;
  }

  /** sum + compensation, except when the sum overflowed (then the compensation is meaningless). */
  value(): number {
    if (!Number.isFinite(this.sum)) return this.sum;
    return this.sum + this.c;
  }
}

/** One Kahan step on explicit state: returns [newSum, newC] via the out array (no allocation). */
export function kahanInc(inc: number, sum: number, c: number, out: Float64Array): void {
  const t = sum + inc;
  if (t > Number.MAX_VALUE || t < -Number.MAX_VALUE) c = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  out[0] = t;
  out[1] = c;
}
