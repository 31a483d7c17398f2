// Per-node read progress of the running query, folded from query.progress events; and what the progress bar shows.
// Pure: the panel keeps the state and replaces it with each event.
import type { NodeReadState, QueryProgressEvent } from '@shared/api/types';

/** One node's progress: the event without its query id. */
export type NodeProgress = Omit<QueryProgressEvent, 'queryId'>;

export type ProgressState = NodeProgress[];

export function initialProgress(nodeNames: readonly string[]): ProgressState {
  return nodeNames.map((node) => ({ node, state: 'pending', bytes: 0, series: 0, samples: 0 }));
}

/** Applies one event of this query (others are ignored by the caller); unknown nodes are appended. */
export function applyProgress(state: ProgressState, ev: QueryProgressEvent): ProgressState {
  const next: NodeProgress = { node: ev.node, state: ev.state, bytes: ev.bytes, series: ev.series, samples: ev.samples, error: ev.error };
  const i = state.findIndex((n) => n.node === ev.node);
  if (i < 0) return [...state, next];
  const out = state.slice();
  out[i] = next;
  return out;
}

const FINISHED: readonly NodeReadState[] = ['done', 'failed', 'cancelled'];

/** 0…1 for the overall bar: finished nodes count fully, a reading node half (bytes have no known total). */
export function progressFraction(state: ProgressState): number {
  if (!state.length) return 0;
  let sum = 0;
  for (const n of state) sum += FINISHED.includes(n.state) ? 1 : n.state === 'reading' ? 0.5 : 0;
  return sum / state.length;
}
