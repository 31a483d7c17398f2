// Messages between the window and the line worker (line-worker.ts). One worker serves every chart of the window;
// charts are told apart by id.

export interface LineStyle {
  color: string;
  /** CSS pixels. */
  width: number;
  /** Dash pattern in CSS pixels; empty for solid. */
  dash: number[];
}

/** What a redraw shows: scale ranges, the plot area's canvas size, which lines and how opaque. */
export interface LineView {
  /** Which redraw this is: the worker's "painted" names it, so the window knows the latest one is complete. */
  pass: number;
  /** The data message this view belongs to. */
  dataGen: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  yLog: boolean;
  width: number;
  height: number;
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
