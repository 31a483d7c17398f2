// `reset` findings: a counter drop seen on one node while every other node with data around that moment saw the
// counter keep growing. (A real restart of the exporter shows on all replicas and is not reported.)
//
// Node Y "had data" around a reset of X between X's samples p and a if Y has ≥ 2 samples in
// [t_p − interval, t_a + interval]; Y "saw" it if one of Y's resets lands in (t_p, t_a + interval].
import { lowerBound } from '@core/series/memory-store';
import type { AnalysisContext } from './context';
import { findHistogramResets, findResets } from './counter-math';
import type { Finding } from './types';

export function findOneNodeResets(ctx: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  for (const g of ctx.groups) {
    if (!g.isCounter || g.members.length < 2) continue;
    const resets = g.members.map((m) => (m.histograms ? findHistogramResets(m.histograms) : findResets(m.values)).map((r) => ({ tp: m.timestamps[r.prev], ta: m.timestamps[r.at], vp: m.values[r.prev], va: m.values[r.at] })));
    g.members.forEach((x, xi) => {
      for (const r of resets[xi]) {
        const slack = g.intervalMs;
        const judges: number[] = [];
        let seen = false;
        g.members.forEach((y, yi) => {
          if (yi === xi) return;
          const n = lowerBound(y.timestamps, r.ta + slack + 1) - lowerBound(y.timestamps, r.tp - slack);
          if (n < 2) return;
          judges.push(y.order);
          if (resets[yi].some((q) => q.ta > r.tp && q.ta <= r.ta + slack)) seen = true;
        });
        if (seen || judges.length === 0) continue;
        const node = ctx.names[x.order];
        const coveredBy = judges.map((o) => ctx.names[o]);
        out.push({
          kind: 'reset',
          severity: 'medium',
          score: r.vp > 0 ? (r.vp - r.va) / r.vp : 1,
          node,
          labels: g.labels,
          startMs: r.tp,
          endMs: r.ta,
          durationMs: r.ta - r.tp,
          coveredBy,
          detail: x.histograms
            ? `${node}: native histogram reset (observation count ${r.vp} then ${r.va}); ${coveredBy.join(', ')} saw no reset.`
            : `${node}: counter dropped from ${r.vp} to ${r.va}; ${coveredBy.join(', ')} saw no reset.`,
        });
      }
    });
  }
  return out;
}
