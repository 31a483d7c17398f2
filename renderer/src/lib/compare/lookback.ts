// How a chart of the comparison says what its lines mean: the lookback it was evaluated with. A node's tile uses
// 1.5 × its own scrape interval (its line breaks where it missed scrapes); the merged chart uses the query's own,
// as Prometheus would. Pure.
import type { NodeLookback } from '@shared/api/query-types';
import { formatDuration } from '../time-range';

/** "1.5s", "22.5s", "5m": whole units through formatDuration, tenths of a second below a minute. */
export function shortDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000 && ms % 1000 !== 0) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  return formatDuration(ms);
}

export function lookbackLabel(lb: NodeLookback | null | undefined): { text: string; title: string } | null {
  if (!lb) return null;
  if (lb.source === 'scrape-interval' && lb.intervalMs !== null) {
    return {
      text: `lookback ${shortDuration(lb.lookbackMs)}`,
      title: `Evaluated with a lookback of 1.5 × this node's ${shortDuration(lb.intervalMs)} scrape interval (not Prometheus's 5m), so the line breaks where the node missed scrapes. Shaded: its gaps.`,
    };
  }
  return { text: `lookback ${shortDuration(lb.lookbackMs)}`, title: 'Evaluated with the query\'s lookback, as Prometheus would: holes shorter than it are bridged. Shaded: gaps found in the raw samples.' };
}
