// Messages between the window and the line worker (line-worker.ts). One worker serves every chart of the window;
// charts are told apart by id.
import type { PlotMapping } from './line-geometry';

export interface LineStyle {
  color: string;
  /** CSS pixels. */
  width: number;
  /** Dash pattern in CSS pixels; empty for solid. */
  dash: number[];
}

/** What a redraw shows: scale ranges and the plot area's canvas size (the mapping), which lines, how opaque. */
export interface LineView extends PlotMapping {
  /** Which redraw this is: the worker's "painted" names it, so the window knows the latest one is complete. */
  pass: number;
  /** The data message this view belongs to. */
  dataGen: number;
  pxRatio: number;
  show: boolean[];
  alpha: number[];
}

export type LineWorkerRequest =
  | { type: 'ping' }
  | { type: 'attach'; id: number; canvas: OffscreenCanvas }
  | { type: 'data'; id: number; dataGen: number; xs: Float64Array; ys: Float64Array[]; styles: LineStyle[] }
  | { type: 'view'; id: number; view: LineView }
  | { type: 'snapshot'; id: number; reqId: number }
  | { type: 'detach'; id: number };

export type LineWorkerReply = { type: 'pong' } | { type: 'painted'; id: number; pass: number } | { type: 'snapshot'; reqId: number; bitmap: ImageBitmap | null };
