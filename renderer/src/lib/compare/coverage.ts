// Coverage summary rows for display: per node series, samples, coverage % and last sample time ("12:03:04, 5 s
// ago"), with stale nodes flagged so they stand out. Pure: "now" comes from the caller.
import type { CoverageRow } from '@shared/api/query-types';
import { formatCount } from '../format';
import { formatDuration } from '../time-range';
import { formatTime } from './findings';
import { nodeColorByName } from './colors';

export interface CoverageDisplay {
  node: string;
  color: string;
  series: string;
  samples: string;
  pct: string;
  /** 0..100 for the bar. */
  pctValue: number;
  last: string;
  stale: boolean;
}

export function formatPct(p: number): string {
  if (!Number.isFinite(p)) return '—';
  // 99.95 must not round up to a reassuring "100 %": a tiny hole is still a hole.
  if (p < 100 && p >= 99.9) return '99.9 %';
  return `${p.toFixed(p >= 10 ? 1 : 2)} %`;
}

export function formatLastSample(ms: number | null, nowMs: number): string {
  if (ms === null) return 'no samples';
  const age = Math.round((nowMs - ms) / 1000) * 1000;
  return age >= 1000 ? `${formatTime(ms)} (${formatDuration(age)} ago)` : formatTime(ms);
}

export function coverageDisplay(rows: readonly CoverageRow[], nodes: readonly { index: number; name: string }[], nowMs: number): CoverageDisplay[] {
  return rows.map((r) => ({
    node: r.node,
    color: nodeColorByName(nodes, r.node),
    series: formatCount(r.series),
    samples: formatCount(r.samples),
    pct: formatPct(r.coveragePct),
    pctValue: Math.max(0, Math.min(100, r.coveragePct)),
    last: formatLastSample(r.lastSampleMs, nowMs),
    stale: r.stale,
  }));
}
