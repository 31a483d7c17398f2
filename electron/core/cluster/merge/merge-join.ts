// The replica merge as a sorted merge-join over streams: each node hands over its series one by one in label order
// (as STREAMED_XOR_CHUNKS arrives), and a series is merged — with exactly mergeNodes' strategies — as soon as every
// node still streaming has passed its labels or ended. So only the series in flight are held, never a whole read.
// Streams out of label order are refused (StreamOrderError): the caller falls back to the whole-snapshot merge.
import { HeldBytes, seriesBytes } from '@core/series/held-bytes';
import { compareLabels } from '@core/series/labels';
import type { RawSeries } from '@core/series/types';
import { mergeNodes } from './merge-nodes';
import type { MergedSeries, MergeStrategy } from './types';

export class StreamOrderError extends Error {
  override readonly name = 'StreamOrderError';
}

export interface MergeJoinOptions {
  strategy: MergeStrategy;
  gapFactor?: number;
  /** Receives each merged series, in label order. */
  onMerged: (s: MergedSeries) => void;
  /** Charged for every series taken in, released once its merged series has been handed on. */
  held?: HeldBytes;
}

interface Stream {
  index: number;
  name: string;
  queue: RawSeries[];
  head: number;
  last?: RawSeries;
  state: 'open' | 'ended' | 'failed';
  /** Some merged series already carries this node's samples. */
  contributed: boolean;
}

export class StreamingMergeJoin {
  private readonly streams: Stream[];
  private readonly held: HeldBytes;
  merged = 0;
  /** Bytes of every series taken in (what a whole-snapshot merge would hold at once). */
  bytesIn = 0;

  /** `nodes` in the order that breaks ties (profile order), as mergeNodes gets them. */
  constructor(
    nodes: readonly { index: number; name: string }[],
    private readonly opts: MergeJoinOptions,
  ) {
    this.streams = nodes.map((n) => ({ index: n.index, name: n.name, queue: [], head: 0, state: 'open', contributed: false }));
    this.held = opts.held ?? new HeldBytes();
  }

  /** The next series of node `order` (position in `nodes`); must sort after the node's previous one. */
  push(order: number, s: RawSeries): void {
    const st = this.streams[order];
    if (st.state !== 'open') throw new Error(`node ${st.name} already ended its stream`);
    if (st.last && compareLabels(st.last.labels, s.labels) >= 0) {
      throw new StreamOrderError(`node ${JSON.stringify(st.name)} streamed its series out of label order`);
    }
    st.last = s;
    if (s.timestamps.length === 0) return;
    const bytes = seriesBytes(s);
    this.bytesIn += bytes;
    this.held.charge(bytes, s);
    st.queue.push(s);
    this.drain();
  }

  /** Node `order` sent everything. */
  end(order: number): void {
    if (this.streams[order].state === 'open') this.streams[order].state = 'ended';
    this.drain();
  }

  /**
   * Node `order` failed mid-stream: its series not merged yet are dropped and it no longer holds the others back.
   * Returns whether merged series already carry its samples (then the answer is not today's partial answer).
   */
  fail(order: number): { contributed: boolean } {
    const st = this.streams[order];
    for (let i = st.head; i < st.queue.length; i++) this.held.release(seriesBytes(st.queue[i]));
    st.queue = [];
    st.head = 0;
    st.state = 'failed';
    this.drain();
    return { contributed: st.contributed };
  }

  /** Every stream ended or failed, and everything was merged. */
  get done(): boolean {
    return this.streams.every((s) => s.state !== 'open' && s.head === s.queue.length);
  }

  private drain(): void {
    for (;;) {
      let min: RawSeries | undefined;
      for (const st of this.streams) {
        if (st.head < st.queue.length) {
          const h = st.queue[st.head];
          if (!min || compareLabels(h.labels, min.labels) < 0) min = h;
        } else if (st.state === 'open') return; // it may still send a series that sorts first
      }
      if (!min) return;
      const members: { index: number; name: string; series: RawSeries[] }[] = [];
      let bytes = 0;
      for (const st of this.streams) {
        if (st.head >= st.queue.length) continue;
        const h = st.queue[st.head];
        if (h !== min && compareLabels(h.labels, min.labels) !== 0) continue;
        members.push({ index: st.index, name: st.name, series: [h] });
        bytes += seriesBytes(h);
        st.contributed = true;
        st.queue[st.head++] = undefined as unknown as RawSeries; // let it go
        if (st.head === st.queue.length) {
          st.queue = [];
          st.head = 0;
        }
      }
      const out = mergeNodes(members, { strategy: this.opts.strategy, gapFactor: this.opts.gapFactor }).series[0];
      this.merged++;
      try {
        this.opts.onMerged(out);
      } finally {
        this.held.release(bytes);
      }
    }
  }
}
