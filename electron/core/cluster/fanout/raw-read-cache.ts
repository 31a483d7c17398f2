// Cache of raw remote_read results keyed by node, selector and window, under a memory budget (LRU). A cached read
// serves any window inside its own; windows reaching the last few minutes are treated as still changing and are
// re-read, so re-running a query refreshes the recent edge while re-merging never touches the network.
import { lowerBound } from '@core/series/memory-store';
import { matchersKey } from '@core/series/matchers-key';
import type { LabelMatcher, RawSeries } from '@core/series/types';
import { sliceSeries } from '@core/series/slice';

/** Reads whose window ends later than this before "now" (at read time) may still grow. */
export const VOLATILE_WINDOW_MS = 2 * 60_000;

interface Entry {
  nodeKey: string;
  matcherKey: string;
  startMs: number;
  endMs: number;
  readAtMs: number;
  series: RawSeries[];
  bytes: number;
}

export class RawReadCache {
  private entries: Entry[] = [];
  private used = 0;

  constructor(
    private readonly budgetBytes = 512 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Series of a cached read covering [startMs, endMs] for this node and selector, sliced to the window. */
  get(nodeKey: string, matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] | undefined {
    const key = matchersKey(matchers);
    const i = this.entries.findIndex(
      (e) => e.nodeKey === nodeKey && e.matcherKey === key && e.startMs <= startMs && endMs <= e.endMs && !this.stillChanging(e, endMs),
    );
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1);
    this.entries.push(e); // most recently used last
    return e.series
      .map((s) => {
        const lo = lowerBound(s.timestamps, startMs);
        const hi = lowerBound(s.timestamps, endMs + 1);
        return sliceSeries(s, lo, hi);
      })
      .filter((s) => s.timestamps.length > 0);
  }

  get budget(): number {
    return this.budgetBytes;
  }

  /** Keep a read; false (and nothing kept) when it alone is larger than the whole budget. */
  put(nodeKey: string, matchers: readonly LabelMatcher[], startMs: number, endMs: number, series: RawSeries[]): boolean {
    const bytes = retainedBytes(series);
    if (bytes > this.budgetBytes) return false;
    const key = matchersKey(matchers);
    // A wider read of the same selector replaces narrower ones it covers.
    this.entries = this.entries.filter((e) => {
      const covered = e.nodeKey === nodeKey && e.matcherKey === key && startMs <= e.startMs && e.endMs <= endMs;
      if (covered) this.used -= e.bytes;
      return !covered;
    });
    this.entries.push({ nodeKey, matcherKey: key, startMs, endMs, readAtMs: this.now(), series, bytes });
    this.used += bytes;
    while (this.used > this.budgetBytes && this.entries.length) this.used -= this.entries.shift()!.bytes;
    return true;
  }

  clear(): void {
    this.entries = [];
    this.used = 0;
  }

  /** A window that reached near "now" when it was read may have gained samples since. */
  private stillChanging(e: Entry, wantedEndMs: number): boolean {
    return e.endMs > e.readAtMs - VOLATILE_WINDOW_MS && wantedEndMs > e.readAtMs - VOLATILE_WINDOW_MS;
  }
}

/**
 * What a cached read keeps alive: whole array buffers (a series may be a view of a larger one; shared buffers
 * counted once) and its label strings and objects (estimated: V8 strings take ~2 bytes a character plus headers).
 */
export function retainedBytes(series: readonly RawSeries[]): number {
  const buffers = new Set<ArrayBufferLike>();
  let bytes = 0;
  for (const s of series) {
    for (const a of [s.timestamps, s.values]) {
      if (buffers.has(a.buffer)) continue;
      buffers.add(a.buffer);
      bytes += a.buffer.byteLength;
    }
    bytes += 160; // the series object, its two typed-array views and the labels object
    for (const name in s.labels) bytes += 64 + 2 * (name.length + s.labels[name].length);
  }
  return bytes;
}
