// The one counter of raw-sample bytes a streaming query holds in flight (decoded series waiting to be merged,
// merged series waiting to be folded): charged where they are taken in, released once folded, with the peak kept.
// A per-query memory budget can hook `onCharge` to stop the query early; this file knows nothing of budgets.
import type { RawSeries } from './types';

export class HeldBytes {
  held = 0;
  peak = 0;
  /** Every byte charged (what a whole-snapshot path would have held at once, for the same reads). */
  total = 0;

  constructor(private readonly onCharge?: (held: number, series: RawSeries) => void) {}

  charge(n: number, series: RawSeries): void {
    this.held += n;
    this.total += n;
    if (this.held > this.peak) this.peak = this.held;
    this.onCharge?.(this.held, series);
  }

  release(n: number): void {
    this.held -= n;
  }
}

/** Bytes a series holds: its typed arrays (views counted by their length) plus an estimate for its labels. */
export function seriesBytes(s: RawSeries): number {
  let n = s.timestamps.byteLength + s.values.byteLength + 160;
  for (const k in s.labels) n += 64 + 2 * (k.length + s.labels[k].length);
  return n;
}
