// Gap filling shared by `prefer-first` and `prefer-max`: keep one primary node's samples untouched and insert other
// nodes' samples only strictly inside the primary's gaps. Never moves or drops a primary sample.
//
// A gap is a spacing > gapFactor × the primary's median interval for this series (GAP_FACTOR = 1.5, see
// scrape-interval.ts). The edges count too: when a filler's data starts more than one threshold before the
// current first sample (or ends more than one after the last), the open stretch before (after) is a gap. Fillers go
// one after the other, in node order; each sees the series as filled so far, so a later node only fills what the
// earlier ones left open.
import { lowerBound, upperBound } from '@core/series/memory-store';
import type { GroupMember } from './group';
import { SampleBuffer } from './sample-buffer';
import { GAP_FACTOR, medianSpacing, pooledMedianSpacing } from './scrape-interval';
import type { MergedColumns } from './union';

export function fillGaps(primary: GroupMember, fillers: readonly GroupMember[], gapFactor = GAP_FACTOR): MergedColumns {
  let interval = medianSpacing(primary.timestamps);
  // A primary with < 2 samples has no interval of its own: borrow the pooled one. None at all: nothing is a gap.
  if (Number.isNaN(interval)) interval = pooledMedianSpacing([primary, ...fillers].map((m) => m.timestamps));
  const threshold = Number.isNaN(interval) ? Infinity : gapFactor * interval;

  const first = new SampleBuffer(primary.timestamps.length);
  first.pushRange(primary.timestamps, primary.values, 0, primary.timestamps.length, primary.node);
  let cols = first.finish();
  for (const f of fillers) {
    if (f.timestamps.length === 0) continue;
    cols = cols.timestamps.length === 0 ? copyAll(f) : fillFrom(cols, f, threshold);
  }
  return cols;
}

function copyAll(f: GroupMember): MergedColumns {
  const b = new SampleBuffer(f.timestamps.length);
  b.pushRange(f.timestamps, f.values, 0, f.timestamps.length, f.node);
  return b.finish();
}

/** Current columns plus the filler's samples strictly inside every gap of the current columns. */
function fillFrom(cur: MergedColumns, f: GroupMember, threshold: number): MergedColumns {
  const ts = cur.timestamps;
  const fts = f.timestamps;
  const n = ts.length;
  const out = new SampleBuffer(n + fts.length);
  // Leading edge: the filler's data begins more than a threshold before ours.
  if (ts[0] - fts[0] > threshold) out.pushRange(fts, f.values, 0, lowerBound(fts, ts[0]), f.node);
  let runStart = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (ts[i + 1] - ts[i] <= threshold) continue;
    out.pushMerged(ts, cur.values, cur.provenance, runStart, i + 1);
    out.pushRange(fts, f.values, upperBound(fts, ts[i]), lowerBound(fts, ts[i + 1]), f.node);
    runStart = i + 1;
  }
  out.pushMerged(ts, cur.values, cur.provenance, runStart, n);
  // Trailing edge.
  if (fts[fts.length - 1] - ts[n - 1] > threshold) out.pushRange(fts, f.values, upperBound(fts, ts[n - 1]), fts.length, f.node);
  return out.finish();
}
