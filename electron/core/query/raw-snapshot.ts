// What one fan-out brought back for one query: the planner's selectors and, per node, the series of each selector
// (or why the node failed). Everything downstream — merging under any strategy, per-node evaluation, findings,
// offline workspaces — works from this, never from the network.
import type { NodeOutcome } from '@core/cluster/fanout/types';
import type { SelectorRequest } from '@core/series/types';

export interface RawSnapshot {
  requests: SelectorRequest[];
  outcomes: NodeOutcome[];
  /** When the reads finished (unix ms). */
  readAtMs: number;
}
