// Where the nodes would have alerted differently: per alert instance, the stretches where it fired on some nodes
// and not on others, with the likely reason when the replica analysis saw a gap on a silent node. Pure.
import { labelsKey } from '@core/series/labels';
import type { Labels } from '@core/series/types';
import type { AlertInstance, StateInterval } from './alert-state';
import type { ClusterBacktest } from './run-backtest';

export const MERGED = 'merged';

/** One alert instance on one view (a node or "merged"), intervals clipped to the window. */
export interface AlertTimeline {
  rule: string;
  group: string;
  expr: string;
  labels: Labels;
  node: string;
  intervals: StateInterval[];
  annotations: Record<string, string>;
}

export interface AlertDifference {
  rule: string;
  labels: Labels;
  startMs: number;
  endMs: number;
  firingOn: string[];
  silentOn: string[];
  /** A sentence for people: "fired on demo-b only, 12:04–12:09: demo-a had a gap". */
  detail: string;
}

/** A gap a node had in the raw data (from the replica analysis), to explain a difference. */
export interface NodeGap {
  node: string;
  startMs: number;
  endMs: number;
}

function clip(iv: readonly StateInterval[], startMs: number, endMs: number): StateInterval[] {
  return iv.filter((x) => x.endMs > startMs && x.startMs <= endMs).map((x) => ({ state: x.state, startMs: Math.max(x.startMs, startMs), endMs: Math.min(x.endMs, endMs) }));
}

/** Every alert instance seen anywhere, with one timeline per node and one for merged (empty when it never fired there). */
export function alertTimelines(bt: ClusterBacktest): AlertTimeline[] {
  const views: { node: string; result: ClusterBacktest['merged'] }[] = [
    ...bt.nodes.flatMap((n) => (n.result ? [{ node: n.node, result: n.result }] : [])),
    { node: MERGED, result: bt.merged },
  ];
  const out: AlertTimeline[] = [];
  const ruleCount = bt.merged.alerts.length;
  for (let ri = 0; ri < ruleCount; ri++) {
    const rule = bt.merged.alerts[ri];
    const keys = new Map<string, Labels>();
    const byView = views.map((v) => {
      const m = new Map<string, AlertInstance>();
      for (const inst of v.result.alerts[ri]?.instances ?? []) {
        const k = labelsKey(inst.labels);
        m.set(k, inst);
        if (!keys.has(k)) keys.set(k, inst.labels);
      }
      return m;
    });
    const sorted = [...keys.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [k, labels] of sorted) {
      views.forEach((v, vi) => {
        const inst = byView[vi].get(k);
        out.push({
          rule: rule.rule,
          group: rule.group,
          expr: rule.expr,
          labels,
          node: v.node,
          intervals: clip(inst?.intervals ?? [], bt.window.startMs, bt.window.endMs),
          annotations: inst?.annotations ?? {},
        });
      });
    }
  }
  return out;
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/** Stretches where the nodes (not merged) disagree on firing. */
export function alertDifferences(timelines: readonly AlertTimeline[], gaps: readonly NodeGap[] = []): AlertDifference[] {
  const groups = new Map<string, AlertTimeline[]>();
  for (const t of timelines) {
    if (t.node === MERGED) continue;
    const k = `${t.rule}\u0000${labelsKey(t.labels)}`;
    const list = groups.get(k) ?? [];
    list.push(t);
    groups.set(k, list);
  }
  const out: AlertDifference[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const firing = list.map((t) => t.intervals.filter((x) => x.state === 'firing'));
    const cuts = [...new Set(firing.flat().flatMap((x) => [x.startMs, x.endMs]))].sort((a, b) => a - b);
    let open: { start: number; on: string[] } | undefined;
    const flush = (end: number): void => {
      if (!open) return;
      const silentOn = list.map((t) => t.node).filter((n) => !open!.on.includes(n));
      const why = list
        .map((t) => t.node)
        .map((n) => (gaps.some((g) => g.node === n && g.startMs < end && g.endMs > open!.start) ? `${n} had a gap` : ''))
        .filter(Boolean);
      const only = open.on.length === 1 ? `${open.on[0]} only` : open.on.join(', ');
      out.push({
        rule: list[0].rule,
        labels: list[0].labels,
        startMs: open.start,
        endMs: end,
        firingOn: open.on,
        silentOn,
        detail: `fired on ${only}, ${hhmm(open.start)}–${hhmm(end)}${why.length ? `: ${why.join(', ')}` : ''}`,
      });
      open = undefined;
    };
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i];
      const on = list.filter((_, j) => firing[j].some((x) => x.startMs <= a && x.endMs > a)).map((t) => t.node);
      const differs = on.length > 0 && on.length < list.length;
      if (open && (!differs || on.join() !== open.on.join())) flush(a);
      if (differs && !open) open = { start: a, on };
    }
    flush(cuts[cuts.length - 1]);
  }
  return out;
}
