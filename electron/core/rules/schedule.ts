// When a group is evaluated in a backtest. Prometheus staggers each group by a hash of its file and name
// (EvalTimestamp: base aligned to the interval, plus `hash % interval`); a backtest has no process start to anchor
// to, so rrx aligns every group to multiples of its interval since the unix epoch (offset 0, or one the caller
// gives). A real collector's evaluations therefore differ from ours by less than one interval. Pure.
import type { RuleGroupSpec } from './rule-file';

export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

export function groupIntervalMs(g: RuleGroupSpec, globalIntervalMs = DEFAULT_EVALUATION_INTERVAL_MS): number {
  return g.intervalMs && g.intervalMs > 0 ? g.intervalMs : globalIntervalMs;
}

/** Evaluation timestamps in [startMs, endMs]: every t with (t - offsetMs) a multiple of the interval. */
export function evaluationTimes(startMs: number, endMs: number, intervalMs: number, offsetMs = 0): Float64Array {
  if (!(intervalMs > 0)) throw new RangeError('the evaluation interval must be positive');
  const off = ((offsetMs % intervalMs) + intervalMs) % intervalMs;
  const first = Math.ceil((startMs - off) / intervalMs) * intervalMs + off;
  if (first > endMs) return new Float64Array(0);
  const n = Math.floor((endMs - first) / intervalMs) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = first + i * intervalMs;
  return out;
}
