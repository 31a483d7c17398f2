// Backpressure for streaming reads: the main thread follows, on labels and byte counts only, what the merge-join
// still holds per node — series a node streamed ahead of the slowest open node — and asks a node's read to stop
// pulling bytes while that exceeds a bound. The node everybody waits on holds nothing ahead, so it never waits:
// no deadlock. Series data never passes through here.
import { compareLabels } from '@core/series/labels';
import type { Labels } from '@core/series/types';

/** A node may run this far ahead (bytes of series not mergeable yet) before its read pauses. */
export const AHEAD_LIMIT_BYTES = 8 << 20;

interface Lane {
  queue: { labels: Labels; bytes: number }[];
  head: number;
  bytes: number;
  open: boolean;
  waiting?: () => void;
}

export class StreamFrontier {
  private readonly lanes: Lane[];

  constructor(
    nodes: number,
    private readonly limit: number = AHEAD_LIMIT_BYTES,
  ) {
    this.lanes = Array.from({ length: nodes }, () => ({ queue: [], head: 0, bytes: 0, open: true }));
  }

  push(order: number, labels: Labels, bytes: number): void {
    const l = this.lanes[order];
    l.queue.push({ labels, bytes });
    l.bytes += bytes;
    this.drain();
  }

  /** The node's stream ended or failed. */
  close(order: number): void {
    const l = this.lanes[order];
    l.open = false;
    if (l.queue.length === l.head) l.queue = [];
    this.drain();
  }

  /** Bytes node `order` holds ahead of the others. */
  ahead(order: number): number {
    return this.lanes[order].bytes;
  }

  /** A promise while node `order` is too far ahead; resolves once it is back under half the bound. */
  waitForRoom(order: number): Promise<void> | undefined {
    const l = this.lanes[order];
    if (l.bytes <= this.limit) return undefined;
    return new Promise((resolve) => {
      l.waiting = resolve;
    });
  }

  /** Release everything (the query stopped): nobody may stay paused. */
  releaseAll(): void {
    for (const l of this.lanes) {
      l.open = false;
      l.waiting?.();
      l.waiting = undefined;
    }
  }

  /** The merge-join's emission rule, on labels: pop the smallest head while every open lane has one. */
  private drain(): void {
    for (;;) {
      let min: Labels | undefined;
      for (const l of this.lanes) {
        if (l.head < l.queue.length) {
          const h = l.queue[l.head].labels;
          if (!min || compareLabels(h, min) < 0) min = h;
        } else if (l.open) {
          min = undefined;
          break;
        }
      }
      if (!min) break;
      for (const l of this.lanes) {
        if (l.head < l.queue.length && compareLabels(l.queue[l.head].labels, min) === 0) {
          l.bytes -= l.queue[l.head].bytes;
          l.head++;
          if (l.head === l.queue.length) {
            l.queue = [];
            l.head = 0;
          } else if (l.head > 1024) {
            l.queue = l.queue.slice(l.head);
            l.head = 0;
          }
        }
      }
    }
    for (const l of this.lanes) {
      if (l.waiting && l.bytes <= this.limit / 2) {
        const w = l.waiting;
        l.waiting = undefined;
        w();
      }
    }
  }
}
