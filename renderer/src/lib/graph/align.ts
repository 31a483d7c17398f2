// ResultSeries (typed arrays, timestamps per series) → uPlot's aligned columns: one shared x column (unix seconds)
// and one y column per series, null where a series has no sample at that time so gaps stay gaps.
// Works on typed arrays end to end; the async variant yields to the event loop so a large result never blocks >50 ms.
import type { ResultSeries } from '@shared/api/query-types';
import { runSteps, runStepsAsync, yieldToMain, type StepOptions } from './steps';

/**
 * One y column for uPlot. A series with a finite sample at every x is a Float64Array: no boxed numbers, which for a
 * 500 × 2 000 result is a million fewer heap objects and the garbage collections that pause the window. Only a
 * column with gaps needs a plain array, since uPlot reads a gap as null.
 */
export type YColumn = Float64Array | (number | null)[];

export interface AlignedSeries {
  /** Shared x column in unix seconds (uPlot's default time unit), ascending, no duplicates. */
  xs: Float64Array;
  /** One column per input series; null = no sample (or a non-finite value, which uPlot cannot scale). */
  ys: YColumn[];
  /** For each series, the index of its sample at each x (-1 when none): lets the tooltip find value and provenance. */
  sampleIndex: Int32Array[];
}

/** Sorted union of all series timestamps (ms), de-duplicated. */
export function unionTimestamps(series: readonly ResultSeries[]): Float64Array {
  return runSteps(unionSteps(series));
}

/**
 * The union as a merge of sorted runs, pairwise, one merge per step: O(n log k) rather than one sort of every
 * timestamp, and the async alignment can yield between steps (one sort of a million timestamps is ~100 ms).
 */
function* unionSteps(series: readonly ResultSeries[]): Generator<void, Float64Array> {
  let runs: Float64Array[] = [];
  for (const s of series) {
    runs.push(ascending(s.timestamps));
    // Checking a few hundred runs is itself a million comparisons: let the caller yield between batches.
    if (runs.length % 64 === 0) yield;
  }
  if (runs.length === 0) return new Float64Array(0);
  while (runs.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i < runs.length; i += 2) {
      next.push(i + 1 < runs.length ? mergeUnique(runs[i], runs[i + 1]) : runs[i]);
      yield;
    }
    runs = next;
  }
  return mergeUnique(runs[0], new Float64Array(0));
}

/** The run itself when ascending (results always are), else a sorted copy. */
function ascending(ts: Float64Array): Float64Array {
  for (let i = 1; i < ts.length; i++) if (ts[i] < ts[i - 1]) return ts.slice().sort();
  return ts;
}

/** Merges two ascending runs, dropping repeats (within either run too). */
function mergeUnique(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (n === 0 || out[n - 1] !== v) out[n++] = v;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** Aligns one series onto the union (two-pointer walk; both sides ascending). */
export function alignOne(s: ResultSeries, unionMs: Float64Array): { y: YColumn; idx: Int32Array } {
  const n = unionMs.length;
  const dense = new Float64Array(n);
  const idx = new Int32Array(n).fill(-1);
  const ts = s.timestamps;
  const vs = s.values;
  let complete = true;
  let j = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    while (j < n && unionMs[j] < t) j++;
    if (j === n) break;
    if (unionMs[j] === t) {
      const v = vs[i];
      if (Number.isFinite(v)) dense[j] = v;
      else complete = false;
      idx[j] = i;
    }
  }
  if (complete) for (let k = 0; k < n && complete; k++) complete = idx[k] >= 0;
  return { y: complete ? dense : withGaps(dense, idx, vs), idx };
}

/** The plain-array column: null where there is no sample or a non-finite one. */
function withGaps(dense: Float64Array, idx: Int32Array, vs: Float64Array): (number | null)[] {
  const y: (number | null)[] = new Array(dense.length);
  for (let k = 0; k < dense.length; k++) y[k] = idx[k] >= 0 && Number.isFinite(vs[idx[k]]) ? dense[k] : null;
  return y;
}

export function alignSeries(series: readonly ResultSeries[]): AlignedSeries {
  return runSteps(alignSteps(series));
}

/** The union, then one series aligned per step. */
function* alignSteps(series: readonly ResultSeries[]): Generator<void, AlignedSeries> {
  const unionMs = yield* unionSteps(series);
  const ys: YColumn[] = [];
  const sampleIndex: Int32Array[] = [];
  for (const s of series) {
    const a = alignOne(s, unionMs);
    ys.push(a.y);
    sampleIndex.push(a.idx);
    yield;
  }
  return { xs: toSeconds(unionMs), ys, sampleIndex };
}

function toSeconds(ms: Float64Array): Float64Array {
  const out = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = ms[i] / 1000;
  return out;
}

/**
 * Same result as alignSeries, but yields whenever a chunk has run for `budgetMs`, so typing and progress stay live
 * while a result with hundreds of thousands of samples is prepared. `signal` abandons stale work.
 */
export async function alignSeriesAsync(series: readonly ResultSeries[], opts: StepOptions = {}): Promise<AlignedSeries> {
  const aligned = await runStepsAsync(alignSteps(series), { ...opts, budgetMs: opts.budgetMs ?? 12 });
  // The caller builds a chart next: let it start in a task of its own rather than after this chunk.
  await yieldToMain();
  if (opts.signal?.aborted) throw new DOMException('superseded', 'AbortError');
  return aligned;
}

/**
 * Stacked mode: each visible column becomes the running sum of itself and the visible columns before it. A missing
 * sample counts as 0 for the sums underneath, but the series itself stays a gap there.
 */
export function stackColumns(ys: readonly YColumn[], visible: readonly boolean[]): YColumn[] {
  const n = ys[0]?.length ?? 0;
  const acc = new Float64Array(n);
  return ys.map((col, s) => {
    if (!visible[s]) return col;
    if (col instanceof Float64Array) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = acc[i] += col[i];
      return out;
    }
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
