// ResultSeries (typed arrays, timestamps per series) → uPlot's aligned columns: one shared x column (unix seconds)
// and one y column per series, null where a series has no sample at that time so gaps stay gaps.
// Works on typed arrays end to end; the async variant yields to the event loop so a large result never blocks >50 ms.
import type { ResultSeries } from '@shared/api/query-types';

export interface AlignedSeries {
  /** Shared x column in unix seconds (uPlot's default time unit), ascending, no duplicates. */
  xs: Float64Array;
  /** One column per input series; null = no sample (or a non-finite value, which uPlot cannot scale). */
  ys: (number | null)[][];
  /** For each series, the index of its sample at each x (-1 when none): lets the tooltip find value and provenance. */
  sampleIndex: Int32Array[];
}

/** Sorted union of all series timestamps (ms), de-duplicated. */
export function unionTimestamps(series: readonly ResultSeries[]): Float64Array {
  let total = 0;
  for (const s of series) total += s.timestamps.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const s of series) {
    all.set(s.timestamps, o);
    o += s.timestamps.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i];
  return all.slice(0, n);
}

/** Aligns one series onto the union (two-pointer walk; both sides ascending). */
export function alignOne(s: ResultSeries, unionMs: Float64Array): { y: (number | null)[]; idx: Int32Array } {
  const y: (number | null)[] = new Array(unionMs.length).fill(null);
  const idx = new Int32Array(unionMs.length).fill(-1);
  const ts = s.timestamps;
  const vs = s.values;
  let j = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    while (j < unionMs.length && unionMs[j] < t) j++;
    if (j === unionMs.length) break;
    if (unionMs[j] === t) {
      const v = vs[i];
      y[j] = Number.isFinite(v) ? v : null;
      idx[j] = i;
    }
  }
  return { y, idx };
}

export function alignSeries(series: readonly ResultSeries[]): AlignedSeries {
  const unionMs = unionTimestamps(series);
  const ys: (number | null)[][] = [];
  const sampleIndex: Int32Array[] = [];
  for (const s of series) {
    const a = alignOne(s, unionMs);
    ys.push(a.y);
    sampleIndex.push(a.idx);
  }
  return { xs: toSeconds(unionMs), ys, sampleIndex };
}

function toSeconds(ms: Float64Array): Float64Array {
  const out = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = ms[i] / 1000;
  return out;
}

/** Hands control back to the event loop (input, paint) between chunks of heavy work. */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Same result as alignSeries, but yields whenever a chunk has run for `budgetMs`, so typing and progress stay live
 * while a result with hundreds of thousands of samples is prepared. `signal` abandons stale work.
 */
export async function alignSeriesAsync(series: readonly ResultSeries[], opts: { budgetMs?: number; signal?: AbortSignal; now?: () => number } = {}): Promise<AlignedSeries> {
  const budget = opts.budgetMs ?? 12;
  const now = opts.now ?? (() => performance.now());
  const unionMs = unionTimestamps(series);
  const ys: (number | null)[][] = [];
  const sampleIndex: Int32Array[] = [];
  let chunkStart = now();
  for (const s of series) {
    const a = alignOne(s, unionMs);
    ys.push(a.y);
    sampleIndex.push(a.idx);
    if (now() - chunkStart > budget) {
      await yieldToMain();
      if (opts.signal?.aborted) throw new DOMException('superseded', 'AbortError');
      chunkStart = now();
    }
  }
  return { xs: toSeconds(unionMs), ys, sampleIndex };
}

/**
 * Stacked mode: each visible column becomes the running sum of itself and the visible columns before it. A missing
 * sample counts as 0 for the sums underneath, but the series itself stays a gap there.
 */
export function stackColumns(ys: readonly (number | null)[][], visible: readonly boolean[]): (number | null)[][] {
  const n = ys[0]?.length ?? 0;
  const acc = new Float64Array(n);
  return ys.map((col, s) => {
    if (!visible[s]) return col;
    const out: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null) out[i] = null;
      else {
        acc[i] += v;
        out[i] = acc[i];
      }
    }
    return out;
  });
}
