// What the table shows for a native histogram sample, as Prometheus 3's UI does: its count and sum, and a small bar
// chart of its buckets (negative, zero, positive, in bound order; bar height ∝ count; equal widths, since bucket
// widths on a log scale would hide the narrow ones). Pure: the component draws the bars as SVG rects.
import type { HistogramSample } from '@shared/api/query-types';
import { histogramBuckets } from '@shared/histogram/buckets';

export interface BucketBar {
  /** Left edge and width in the chart's 0..width coordinates; height from the bottom, 0..height. */
  x: number;
  width: number;
  height: number;
  /** Tooltip text: the bucket's bounds (with Prometheus's brackets) and count. */
  title: string;
}

const OPEN = ['(', '[', '(', '['] as const;
const CLOSE = [']', ')', ')', ']'] as const;

/** Bars for every non-empty bucket of h inside a width × height box (1 px gaps once bars are wide enough). */
export function bucketBars(h: HistogramSample, width: number, height: number): BucketBar[] {
  const buckets = histogramBuckets(h);
  if (!buckets.length) return [];
  let max = 0;
  for (const b of buckets) if (b.count > max) max = b.count;
  const step = width / buckets.length;
  const gap = step >= 3 ? 1 : 0;
  return buckets.map((b, i) => ({
    x: i * step,
    width: Math.max(0.5, step - gap),
    height: max > 0 ? Math.max(1, (b.count / max) * height) : 0,
    title: `${OPEN[b.rule]}${b.lower}, ${b.upper}${CLOSE[b.rule]}: ${b.count}`,
  }));
}

/** "count 14 · sum 7.5" — the text beside the bars (and the TSV/sample-line value of a histogram). */
export function histogramSummary(h: HistogramSample): string {
  return `count ${h.count} · sum ${h.sum}`;
}
