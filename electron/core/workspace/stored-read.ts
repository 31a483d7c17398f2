// One stored read: what a panel's query fetched from every node (its RawSnapshot) plus the query it was made for.
// A workspace's data snapshot is a list of these; offline evaluation answers any query they cover.
import type { RawSnapshot } from '@core/query/raw-snapshot';
import type { TimeFrame } from '@core/query/time-frame';

export interface StoredRead {
  /** The panel the read was made for (informational: any panel may be answered from any covering read). */
  panelId?: string;
  expr: string;
  frame: TimeFrame;
  lookbackDeltaMs?: number;
  snapshot: RawSnapshot;
}
