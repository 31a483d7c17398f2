// Resolution (step) of range queries: automatic from the range and the chart width, a Prometheus-like factor, or
// fixed by hand. Pure; always answers a whole number of milliseconds ≥ 1 s and never more than 11 000 points.

export type Resolution = { mode: 'auto' } | { mode: 'factor'; pointsAcross: 100 | 250 | 1000 } | { mode: 'fixed'; stepMs: number };

/** Prometheus refuses more than 11 000 points per series; stay under it whatever the user asks. */
export const MAX_POINTS = 11_000;
export const MIN_STEP_MS = 1000;

const NICE_STEPS_MS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** Rounds up to a step people recognise (15s, 1m, 5m…), so timestamps line up with scrape-ish boundaries. */
export function niceStep(ms: number): number {
  for (const s of NICE_STEPS_MS) if (s >= ms) return s;
  return Math.ceil(ms / 86_400_000) * 86_400_000;
}

/**
 * Auto: about one point per 3 pixels of chart (clamped to 100…1000 points), or range/250 like Prometheus when the
 * width is unknown; then rounded to a nice step.
 */
export function autoStepMs(rangeMs: number, widthPx?: number): number {
  const points = widthPx && widthPx > 0 ? Math.min(1000, Math.max(100, Math.round(widthPx / 3))) : 250;
  return niceStep(Math.max(MIN_STEP_MS, rangeMs / points));
}

export function effectiveStepMs(res: Resolution, rangeMs: number, widthPx?: number): number {
  let step: number;
  if (res.mode === 'fixed') step = res.stepMs;
  else if (res.mode === 'factor') step = Math.max(MIN_STEP_MS, Math.ceil(rangeMs / res.pointsAcross / 1000) * 1000);
  else step = autoStepMs(rangeMs, widthPx);
  step = Math.max(1, Math.round(step));
  const floor = Math.ceil(rangeMs / MAX_POINTS);
  return Math.max(step, floor);
}
