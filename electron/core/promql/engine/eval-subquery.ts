// Subqueries: the inner expression evaluated over its own step grid (aligned to multiples of the subquery step,
// as Prometheus aligns it), turned into range series for the function or the query that consumes them.
import type { SubqueryExpr } from '../parser/ast';
import type { Evaluator } from './evaluator';
import { TooManySubqueryStepsError } from './errors';
import { makeGrid, stepTime, type StepGrid } from './grid';
import { windowEnd } from './eval-selector';
import type { MatrixValue, RangeSeries } from './values';
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';

/** The grid the inner expression runs on so that every outer step's window is covered. */
export function subqueryGrid(ev: Evaluator, sq: SubqueryExpr, grid: StepGrid): StepGrid {
  const interval = sq.stepMs > 0 ? sq.stepMs : ev.opts.noStepSubqueryIntervalMs;
  const firstEnd = windowEnd(grid.startMs, sq.offsetMs, sq.timestamp);
  const lastEnd = windowEnd(stepTime(grid, Math.max(0, grid.steps - 1)), sq.offsetMs, sq.timestamp);
  // First multiple of the interval after the window start (Go's truncating division, then bump). Prometheus 3's
  // windows are open on the left, so a point exactly at the start is outside; 2.42 keeps it (its windows are
  // closed on the left, and its engine bumps only when the multiple lies before the start).
  const from = firstEnd - sq.rangeMs;
  let start = interval * Math.trunc(from / interval);
  if (start < from || (start === from && !ev.opts.leftClosedWindows)) start += interval;
  // Count before making anything: `[100y:1ms]` must fail here, not loop over 3e12 empty steps.
  const steps = lastEnd < start ? 0 : Math.floor((lastEnd - start) / interval) + 1;
  if (steps > ev.opts.maxSubquerySteps) throw new TooManySubqueryStepsError(steps, ev.opts.maxSubquerySteps);
  return makeGrid(start, lastEnd, interval);
}

/** Evaluate the inner expression once for all outer steps; points are at the inner grid's step times. */
export function evalSubqueryRange(ev: Evaluator, sq: SubqueryExpr, grid: StepGrid): RangeSeries[] {
  const inner = subqueryGrid(ev, sq, grid);
  const v = ev.withStatsDecoding(false, () => ev.vector(sq.expr, inner));
  const out: RangeSeries[] = [];
  const p2 = ev.opts.compat === 'prometheus2';
  for (const s of v.series) {
    ev.checkAbort();
    let n = 0;
    for (let i = 0; i < s.present.length; i++) n += s.present[i];
    if (n === 0) continue;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    const histograms = s.histograms ? new Array<FloatHistogram | null>(n) : undefined;
    let w = 0;
    for (let i = 0; i < s.present.length; i++) {
      if (!s.present[i]) continue;
      timestamps[w] = stepTime(inner, i);
      // 2.42 read a subquery's result back through a storage iterator, which left a histogram's V at 0.
      values[w] = p2 && s.histograms?.[i] ? 0 : s.values[i];
      if (histograms) histograms[w] = unknownHint(s.histograms![i] ?? null);
      w++;
    }
    const r: RangeSeries = { labels: s.labels, dropName: s.dropName, timestamps, values };
    if (histograms && histograms.some((h) => h !== null)) r.histograms = histograms;
    out.push(r);
  }
  return out;
}

/** A subquery as the whole (instant) query: its points in the one window. */
export function evalSubqueryInstant(ev: Evaluator, sq: SubqueryExpr, grid: StepGrid): MatrixValue {
  return { type: 'matrix', series: evalSubqueryRange(ev, sq, grid) };
}

/**
 * Subquery points lose NotCounterReset / CounterReset hints: the subquery may skip or repeat the underlying samples
 * the hint was about (as upstream's subquery evaluation does).
 */
function unknownHint(h: FloatHistogram | null): FloatHistogram | null {
  if (!h || (h.counterResetHint !== CounterResetHint.NotCounterReset && h.counterResetHint !== CounterResetHint.CounterReset)) return h;
  return { ...h, counterResetHint: CounterResetHint.Unknown };
}
