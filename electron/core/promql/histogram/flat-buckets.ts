// Buckets of one side of a histogram as two parallel typed arrays (absolute bucket index, count), sorted by
// index: the form in which schemas are reduced and histograms are added. Spans are only the storage layout.

export interface FlatBuckets {
  idx: Int32Array;
  cnt: Float64Array;
}

export const EMPTY_SPANS = new Int32Array(0);
export const EMPTY_BUCKETS = new Float64Array(0);

/** Absolute indices of the buckets described by [offset, length] span pairs. */
export function spansToFlat(spans: Int32Array, buckets: Float64Array): FlatBuckets {
  const idx = new Int32Array(buckets.length);
  let at = 0;
  let cur = 0;
  for (let s = 0; s + 1 < spans.length; s += 2) {
    cur += spans[s];
    for (let k = 0; k < spans[s + 1] && at < idx.length; k++) idx[at++] = cur++;
  }
  return { idx, cnt: buckets };
}

/** Spans and buckets for sorted flat buckets, leaving out empty buckets (Prometheus's Compact(0)). */
export function flatToSpans(f: FlatBuckets): { spans: Int32Array; buckets: Float64Array } {
  let n = 0;
  for (let i = 0; i < f.cnt.length; i++) if (f.cnt[i] !== 0) n++;
  if (n === 0) return { spans: EMPTY_SPANS, buckets: EMPTY_BUCKETS };
  const buckets = new Float64Array(n);
  const spans: number[] = [];
  let prevEnd = 0;
  let w = 0;
  for (let i = 0; i < f.cnt.length; i++) {
    if (f.cnt[i] === 0) continue;
    const x = f.idx[i];
    if (spans.length > 0 && x === prevEnd) spans[spans.length - 1]++;
    else spans.push(spans.length === 0 ? x : x - prevEnd, 1);
    prevEnd = x + 1;
    buckets[w++] = f.cnt[i];
  }
  return { spans: Int32Array.from(spans), buckets };
}

/** Merge buckets into a lower resolution; the index mapping is monotonic, so merging stays a single pass. */
export function reduceFlat(f: FlatBuckets, map: (idx: number) => number): FlatBuckets {
  const idx = new Int32Array(f.idx.length);
  const cnt = new Float64Array(f.idx.length);
  let n = -1;
  for (let i = 0; i < f.idx.length; i++) {
    const t = map(f.idx[i]);
    if (n >= 0 && idx[n] === t) cnt[n] += f.cnt[i];
    else {
      n++;
      idx[n] = t;
      cnt[n] = f.cnt[i];
    }
  }
  return { idx: idx.subarray(0, n + 1), cnt: cnt.subarray(0, n + 1) };
}

/** a + sign·b over the union of indices; buckets of b for which `skipB` holds are left out. */
export function addFlat(a: FlatBuckets, b: FlatBuckets, sign: 1 | -1, skipB: (idx: number) => boolean): FlatBuckets {
  const idx = new Int32Array(a.idx.length + b.idx.length);
  const cnt = new Float64Array(a.idx.length + b.idx.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.idx.length || j < b.idx.length) {
    if (j < b.idx.length && skipB(b.idx[j])) {
      j++;
      continue;
    }
    if (j >= b.idx.length || (i < a.idx.length && a.idx[i] < b.idx[j])) {
      idx[n] = a.idx[i];
      cnt[n++] = a.cnt[i++];
    } else if (i >= a.idx.length || b.idx[j] < a.idx[i]) {
      idx[n] = b.idx[j];
      cnt[n++] = sign * b.cnt[j++];
    } else {
      idx[n] = a.idx[i];
      cnt[n++] = a.cnt[i++] + sign * b.cnt[j++];
    }
  }
  return { idx: idx.subarray(0, n), cnt: cnt.subarray(0, n) };
}
