// The heatmap's data: one column per histogram sample of a series, one row per bucket (distinct lower/upper bounds)
// that is non-empty in at least one sample, values in one Float64Array. Built in resumable slices (advance with a
// deadline) so a long range never holds the main thread. Bounds and boundary rules as shared/histogram/buckets.ts
// gives them (a bucket overlapping the zero bucket cut at the threshold), so a cell's bounds equal Prometheus's JSON.
// Walks spans directly: no object per bucket per sample. Pure.
import type { HistogramSample } from '@shared/api/query-types';
import { bucketBound, CUSTOM_BUCKETS_SCHEMA } from '@shared/histogram/bounds';
import type { BoundaryRule } from '@shared/histogram/buckets';

export interface HeatRow {
  lower: number;
  upper: number;
  rule: BoundaryRule;
  /** The zero bucket [-threshold, threshold]. */
  zero: boolean;
}

export interface HeatGrid {
  /** Unix ms of each column (only samples that are histograms). */
  timestamps: Float64Array;
  /** Rows by ascending lower bound (then upper). */
  rows: HeatRow[];
  /** values[col * rows.length + row]: the bucket's count (or rate); 0 where that sample lacks the bucket. */
  values: Float64Array;
  /** Largest value, and smallest value above 0 (Infinity when none). */
  max: number;
  minPositive: number;
  /** Every sample had custom buckets (schema -53). */
  custom: boolean;
  /** Index into the source series' timestamps of each column (for the sample's count and sum). */
  sourceIndex: Int32Array;
}

function rule(lowerInclusive: boolean, upperInclusive: boolean): BoundaryRule {
  if (lowerInclusive) return upperInclusive ? 3 : 1;
  return upperInclusive ? 0 : 2;
}

/** Resumable builder: `advance(deadline)` until it answers true, then `grid()`. */
export class HeatGridBuilder {
  private i = 0;
  private readonly rowsByUpper = new Map<number, Map<number, number>>();
  private readonly rowList: HeatRow[] = [];
  // Per sample, the (row, value) pairs it contributes, in growable typed arrays.
  private cellRow = new Int32Array(1024);
  private cellVal = new Float64Array(1024);
  private cells = 0;
  private readonly colStart: number[] = [];
  private readonly colTs: number[] = [];
  private readonly colSrc: number[] = [];
  private allCustom = true;

  constructor(
    private readonly timestamps: ArrayLike<number>,
    private readonly histograms: ReadonlyArray<HistogramSample | null>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Processes samples until `deadline` (in `now()` units) or the end; true when every sample is in. */
  advance(deadline = Infinity): boolean {
    const n = Math.min(this.timestamps.length, this.histograms.length);
    while (this.i < n) {
      const h = this.histograms[this.i];
      if (h) this.addSample(this.i, h);
      this.i++;
      // A sample holds ~100 buckets: the clock's cost is small beside it, and a slice never overruns by more than one.
      if (this.now() >= deadline) return this.i >= n;
    }
    return true;
  }

  private rowFor(lower: number, upper: number, r: BoundaryRule, zero: boolean): number {
    let byLower = this.rowsByUpper.get(upper);
    if (!byLower) this.rowsByUpper.set(upper, (byLower = new Map()));
    let idx = byLower.get(lower);
    if (idx === undefined) {
      idx = this.rowList.length;
      byLower.set(lower, idx);
      this.rowList.push({ lower, upper, rule: r, zero });
    }
    return idx;
  }

  private push(row: number, v: number): void {
    if (this.cells === this.cellRow.length) {
      const r = new Int32Array(this.cells * 2);
      r.set(this.cellRow);
      this.cellRow = r;
      const c = new Float64Array(this.cells * 2);
      c.set(this.cellVal);
      this.cellVal = c;
    }
    this.cellRow[this.cells] = row;
    this.cellVal[this.cells++] = v;
  }

  private addSample(src: number, h: HistogramSample): void {
    this.colStart.push(this.cells);
    this.colTs.push(this.timestamps[src]);
    this.colSrc.push(src);
    const custom = h.schema === CUSTOM_BUCKETS_SCHEMA;
    if (!custom) this.allCustom = false;
    const zt = h.zeroThreshold;
    // Negative buckets: bucket idx covers [-bound(idx), -bound(idx-1)).
    walk(h.negativeSpans, h.negativeBuckets, (idx, count) => {
      const lower = -bucketBound(idx, h.schema, h.customValues);
      let upper = -bucketBound(idx - 1, h.schema, h.customValues);
      if (upper < 0 && upper > -zt) upper = -zt;
      this.push(this.rowFor(lower, upper, custom ? rule(idx === 0, true) : rule(lower < 0, upper > 0), false), count);
    });
    if (!custom && h.zeroCount > 0) this.push(this.rowFor(-zt, zt, 3, true), h.zeroCount);
    walk(h.positiveSpans, h.positiveBuckets, (idx, count) => {
      let lower = bucketBound(idx - 1, h.schema, h.customValues);
      const upper = bucketBound(idx, h.schema, h.customValues);
      if (lower > 0 && lower < zt) lower = zt;
      this.push(this.rowFor(lower, upper, custom ? rule(idx === 0, true) : rule(lower < 0, upper > 0), false), count);
    });
  }

  grid(): HeatGrid {
    const order = this.rowList.map((_, i) => i).sort((a, b) => this.rowList[a].lower - this.rowList[b].lower || this.rowList[a].upper - this.rowList[b].upper);
    const rank = new Int32Array(order.length);
    order.forEach((r, k) => (rank[r] = k));
    const rows = order.map((r) => this.rowList[r]);
    const nCols = this.colStart.length;
    const nRows = rows.length;
    const values = new Float64Array(nCols * nRows);
    let max = 0;
    let minPositive = Infinity;
    for (let c = 0; c < nCols; c++) {
      const end = c + 1 < nCols ? this.colStart[c + 1] : this.cells;
      for (let k = this.colStart[c]; k < end; k++) {
        const v = this.cellVal[k];
        values[c * nRows + rank[this.cellRow[k]]] = v;
        if (v > max) max = v;
        if (v > 0 && v < minPositive) minPositive = v;
      }
    }
    return {
      timestamps: Float64Array.from(this.colTs),
      rows,
      values,
      max,
      minPositive,
      custom: nCols > 0 && this.allCustom,
      sourceIndex: Int32Array.from(this.colSrc),
    };
  }
}

/** Calls fn(absolute bucket index, count) for every bucket with a count other than 0. */
function walk(spans: Int32Array, buckets: Float64Array, fn: (idx: number, count: number) => void): void {
  let idx = 0;
  let k = 0;
  for (let s = 0; s < spans.length && k < buckets.length; s += 2) {
    idx += spans[s];
    for (let j = 0; j < spans[s + 1] && k < buckets.length; j++, idx++, k++) if (buckets[k] !== 0) fn(idx, buckets[k]);
  }
}

/** The whole grid at once (tests, small series). */
export function buildHeatGrid(timestamps: ArrayLike<number>, histograms: ReadonlyArray<HistogramSample | null>): HeatGrid {
  const b = new HeatGridBuilder(timestamps, histograms);
  b.advance();
  return b.grid();
}

/**
 * The grid built a slice of `budgetMs` per task (a few thousand samples × ~100 buckets takes a few slices), so the
 * window keeps answering meanwhile; rejects with an AbortError when `signal` aborts first.
 */
export function buildHeatGridAsync(
  timestamps: ArrayLike<number>,
  histograms: ReadonlyArray<HistogramSample | null>,
  opts: { signal?: AbortSignal; budgetMs?: number } = {},
): Promise<HeatGrid> {
  const budget = opts.budgetMs ?? 8;
  const b = new HeatGridBuilder(timestamps, histograms);
  return new Promise((resolve, reject) => {
    const slice = (): void => {
      if (opts.signal?.aborted) return reject(new DOMException('superseded', 'AbortError'));
      if (b.advance(performance.now() + budget)) resolve(b.grid());
      else setTimeout(slice, 0);
    };
    slice();
  });
}

/** Indexes of the series of a result that carry native histogram samples. */
export function histogramSeriesIndexes(series: readonly { histograms?: ReadonlyArray<HistogramSample | null> }[]): number[] {
  const out: number[] = [];
  series.forEach((s, i) => {
    if (s.histograms?.some((h) => h !== null)) out.push(i);
  });
  return out;
}

/** Every distinct row of several grids, by bound: the reference rows that put tiles of a comparison on one axis. */
export function unionRows(grids: readonly (HeatGrid | null)[]): HeatRow[] {
  const seen = new Map<string, HeatRow>();
  for (const g of grids) for (const r of g?.rows ?? []) seen.set(`${r.lower}/${r.upper}`, r);
  return [...seen.values()].sort((a, b) => a.lower - b.lower || a.upper - b.upper);
}

/** The value range over several grids (one colour scale for all tiles, so equal colours mean equal values). */
export function sharedValueRange(grids: readonly (HeatGrid | null)[]): { max: number; minPositive: number } {
  let max = 0;
  let minPositive = Infinity;
  for (const g of grids) {
    if (!g) continue;
    max = Math.max(max, g.max);
    minPositive = Math.min(minPositive, g.minPositive);
  }
  return { max, minPositive };
}
