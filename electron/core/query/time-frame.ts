// The time frame of a query: a range (start, end, step) or an instant (start = end, step 0), validated once with
// Prometheus's own limits and wording.
export interface TimeFrame {
  startMs: number;
  endMs: number;
  /** 0 for an instant query. */
  stepMs: number;
}

export class QueryFrameError extends Error {
  override readonly name = 'QueryFrameError';
  readonly kind = 'bad_data';
}

/** Prometheus refuses more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

export function rangeFrame(startMs: number, endMs: number, stepMs: number): TimeFrame {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) throw new QueryFrameError('start and end must be valid times');
  if (endMs < startMs) throw new QueryFrameError('end timestamp must not be before start time');
  if (!(stepMs > 0)) throw new QueryFrameError('zero or negative query resolution step widths are not accepted. Try a positive integer');
  // Go divides durations as integers: 11,000.9 points still pass.
  if (Math.floor((endMs - startMs) / stepMs) > MAX_POINTS_PER_SERIES) {
    throw new QueryFrameError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  return { startMs, endMs, stepMs };
}

export function instantFrame(timeMs: number): TimeFrame {
  if (!Number.isFinite(timeMs)) throw new QueryFrameError('the evaluation time must be a valid time');
  return { startMs: timeMs, endMs: timeMs, stepMs: 0 };
}
