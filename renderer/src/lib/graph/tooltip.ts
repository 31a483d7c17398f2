// What the chart tooltip shows at the cursor: the series nearest to the pointer, its full labels, value, time and
// (for raw samples) which node it came from. Pure, so the hit-testing is unit-tested without a canvas.
import type { ResultSeries } from '@shared/api/query-types';
import type { AlignedSeries, YColumn } from './align';

export interface TooltipContent {
  seriesIndex: number;
  timeMs: number;
  value: number;
  labels: Record<string, string>;
  /** Node name when the sample is a raw sample of one node (provenance present). */
  node?: string;
}

/**
 * Nearest visible series to the cursor's data-space y at x index `idx`. Ties go to the lower index; series hidden
 * or without a sample at idx are skipped. Null when nothing is there.
 */
export function nearestSeries(ys: readonly YColumn[], visible: readonly boolean[], idx: number, cursorY: number): number | null {
  let best: number | null = null;
  let bestDist = Infinity;
  for (let s = 0; s < ys.length; s++) {
    if (!visible[s]) continue;
    const v = ys[s][idx];
    if (v === null || v === undefined) continue;
    const d = Math.abs(v - cursorY);
    if (d < bestDist) {
      bestDist = d;
      best = s;
    }
  }
  return best;
}

export function tooltipFor(series: readonly ResultSeries[], aligned: AlignedSeries, s: number, idx: number, nodeNames: readonly string[]): TooltipContent | null {
  const si = aligned.sampleIndex[s]?.[idx] ?? -1;
  if (si < 0) return null;
  const src = series[s];
  const out: TooltipContent = { seriesIndex: s, timeMs: src.timestamps[si], value: src.values[si], labels: src.labels };
  if (src.provenance && si < src.provenance.length) {
    const n = src.provenance[si];
    out.node = nodeNames[n] ?? `node ${n}`;
  }
  return out;
}

export interface CursorRow {
  seriesIndex: number;
  value: number;
}

/** Every visible series with a value at x index `idx`, largest first (as Grafana's "all" tooltip), at most `limit`. */
export function seriesAtCursor(ys: readonly YColumn[], visible: readonly boolean[], idx: number, limit = 20): { rows: CursorRow[]; more: number } {
  const rows: CursorRow[] = [];
  for (let s = 0; s < ys.length; s++) {
    if (!visible[s]) continue;
    const v = ys[s][idx];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    rows.push({ seriesIndex: s, value: v });
  }
  rows.sort((a, b) => b.value - a.value || a.seriesIndex - b.seriesIndex);
  return { rows: rows.slice(0, limit), more: Math.max(0, rows.length - limit) };
}
