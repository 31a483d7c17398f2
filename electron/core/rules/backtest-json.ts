// The `rrx rules backtest` JSON, a contract for scripts: {"status":"success","data":{"alerts":[{"name","labels",
// "node","intervals":[{"state","start","end"}]}],"recorded":[{"name","node","series"}]},"warnings":[…]}, times in
// unix seconds. Also the warnings every surface shows for failed rule evaluations. Pure.
import type { BacktestResult } from './backtest';
import { MERGED, type AlertTimeline } from './differences';
import type { ClusterBacktest } from './run-backtest';

export interface BacktestJson {
  status: 'success';
  data: {
    alerts: { name: string; labels: Record<string, string>; node: string; intervals: { state: 'pending' | 'firing'; start: number; end: number }[] }[];
    recorded: { name: string; node: string; series: number }[];
  };
  warnings: string[];
}

function liveSeriesCount(r: BacktestResult, name: string, fromMs: number): number {
  // Series that held a sample inside the window (a stale marker alone does not count).
  let n = 0;
  for (const rec of r.recorded)
    if (rec.name === name)
      for (const s of rec.series) {
        for (let i = 0; i < s.timestamps.length; i++)
          if (s.timestamps[i] >= fromMs && !Number.isNaN(s.values[i])) {
            n++;
            break;
          }
      }
  return n;
}

/** Failed evaluations and template problems, one sentence each, prefixed with the view they happened on. */
export function backtestWarnings(bt: ClusterBacktest): string[] {
  const out = [...bt.warnings];
  const views = [...bt.nodes.flatMap((n) => (n.result ? [{ node: n.node, r: n.result }] : [])), { node: MERGED, r: bt.merged }];
  for (const { node, r } of views) {
    for (const e of r.errors) out.push(`${node}: rule "${e.rule}" (group "${e.group}") failed at ${e.count} evaluation${e.count > 1 ? 's' : ''}, first at ${new Date(e.firstMs).toISOString()}: ${e.message}`);
    for (const w of r.warnings) out.push(`${node}: ${w}`);
  }
  return out;
}

export function toBacktestJson(bt: ClusterBacktest, timelines: readonly AlertTimeline[]): BacktestJson {
  const alerts = timelines.map((t) => ({
    name: t.rule,
    labels: { ...t.labels },
    node: t.node,
    intervals: t.intervals.map((iv) => ({ state: iv.state, start: iv.startMs / 1000, end: iv.endMs / 1000 })),
  }));
  const recorded: BacktestJson['data']['recorded'] = [];
  const names = [...new Set(bt.merged.recorded.map((r) => r.name))];
  for (const name of names) {
    for (const n of bt.nodes) if (n.result) recorded.push({ name, node: n.node, series: liveSeriesCount(n.result, name, bt.window.startMs) });
    recorded.push({ name, node: MERGED, series: liveSeriesCount(bt.merged, name, bt.window.startMs) });
  }
  return { status: 'success', data: { alerts, recorded }, warnings: backtestWarnings(bt) };
}
