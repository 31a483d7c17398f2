// `divergence` findings: the same series on two nodes with values that disagree beyond a tolerance. Every node is
// compared with the reference node (the first, in node order, that has the series in the window).
//
// Gauges: pairs of samples at nearest timestamps (at most half an interval apart); relative difference
// |a−b| / max(|a|,|b|) > gaugeRelTolerance (default 5 %) is divergent; runs of ≥ minDivergentPoints (default 2)
// consecutive divergent pairs are reported. Counters (_total/_count/_sum/_bucket): raw values may legitimately
// differ by one scrape of growth, so per-second rates are compared over windows of counterWindowIntervals
// (default 10) intervals aligned to the window start; relative rate difference > counterRelTolerance (default 20 %)
// is divergent and runs of divergent windows are reported.
import { lowerBound } from '@core/series/memory-store';
import type { GroupMember } from '@core/cluster/merge/group';
import type { AnalysisContext, WindowGroup } from './context';
import { rateOver } from './counter-math';
import { nearestIndex } from './nearest';
import type { Finding } from './types';

interface Stretch {
  start: number;
  end: number;
  maxRel: number;
  points: number;
}

export function findDivergence(ctx: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  for (const g of ctx.groups) {
    if (g.members.length < 2) continue;
    const ref = g.members[0];
    for (const other of g.members.slice(1)) {
      const stretches = g.isCounter ? counterStretches(ctx, g, ref, other) : gaugeStretches(ctx, g, ref, other);
      for (const s of stretches) out.push(toFinding(ctx, g, ref, other, s));
    }
  }
  return out;
}

function relDiff(a: number, b: number): number {
  const d = Math.max(Math.abs(a), Math.abs(b));
  return d === 0 ? 0 : Math.abs(a - b) / d;
}

function gaugeStretches(ctx: AnalysisContext, g: WindowGroup, ref: GroupMember, other: GroupMember): Stretch[] {
  const tol = ctx.options.gaugeRelTolerance ?? 0.05;
  const minPoints = ctx.options.minDivergentPoints ?? 2;
  const maxDist = g.intervalMs / 2;
  const rts = ref.timestamps;
  const out: Stretch[] = [];
  let run: Stretch | null = null;
  const close = () => {
    if (run && run.points >= minPoints) out.push(run);
    run = null;
  };
  for (let i = 0; i < other.timestamps.length; i++) {
    const t = other.timestamps[i];
    const v = other.values[i];
    if (v !== v) continue;
    const j = nearestIndex(rts, t);
    if (j < 0 || Math.abs(rts[j] - t) > maxDist) continue; // unpaired: neither breaks nor extends a run
    const w = ref.values[j];
    if (w !== w) continue;
    const rel = relDiff(v, w);
    if (rel <= tol) {
      close();
      continue;
    }
    const lo = Math.min(t, rts[j]);
    const hi = Math.max(t, rts[j]);
    if (!run) run = { start: lo, end: hi, maxRel: rel, points: 1 };
    else {
      const r: Stretch = run;
      r.end = Math.max(r.end, hi);
      r.maxRel = Math.max(r.maxRel, rel);
      r.points++;
    }
  }
  close();
  return out;
}

function counterStretches(ctx: AnalysisContext, g: WindowGroup, ref: GroupMember, other: GroupMember): Stretch[] {
  const tol = ctx.options.counterRelTolerance ?? 0.2;
  const width = Math.max(1000, (ctx.options.counterWindowIntervals ?? 10) * g.intervalMs);
  const out: Stretch[] = [];
  let run: Stretch | null = null;
  for (let ws = ctx.startMs; ws < ctx.endMs; ws += width) {
    const we = Math.min(ws + width, ctx.endMs + 1);
    const ra = rateIn(ref, ws, we);
    const rb = rateIn(other, ws, we);
    const rel = Number.isNaN(ra) || Number.isNaN(rb) ? NaN : relDiff(ra, rb);
    if (!(rel > tol)) {
      if (run) out.push(run);
      run = null;
      continue;
    }
    if (!run) run = { start: ws, end: Math.min(we, ctx.endMs), maxRel: rel, points: 1 };
    else {
      run.end = Math.min(we, ctx.endMs);
      run.maxRel = Math.max(run.maxRel, rel);
      run.points++;
    }
  }
  if (run) out.push(run);
  return out;
}

/** Rate of a member over samples with ws ≤ t < we. */
function rateIn(m: GroupMember, ws: number, we: number): number {
  return rateOver(m.timestamps, m.values, lowerBound(m.timestamps, ws), lowerBound(m.timestamps, we));
}

function toFinding(ctx: AnalysisContext, g: WindowGroup, ref: GroupMember, other: GroupMember, s: Stretch): Finding {
  const node = ctx.names[other.order];
  const refName = ctx.names[ref.order];
  const pct = `${+(s.maxRel * 100).toFixed(1)} %`;
  const what = g.isCounter ? `rate differs from ${refName} by up to ${pct} in ${s.points} window(s)` : `differs from ${refName} by up to ${pct} at ${s.points} points`;
  return {
    kind: 'divergence',
    severity: s.maxRel >= 0.5 ? 'high' : 'medium',
    score: s.maxRel,
    node,
    labels: g.labels,
    startMs: s.start,
    endMs: s.end,
    durationMs: s.end - s.start,
    coveredBy: [],
    comparedWith: refName,
    maxRelDiff: s.maxRel,
    detail: `${node}: ${what}.`,
  };
}
