// Shared zoom for the comparison: every tile, the overlay and the provenance strip follow one x range (unix
// seconds, uPlot's unit), and a finding zooms them all to its stretch with some padding. Pure.

export interface XRange {
  min: number;
  max: number;
}

/** uPlot cursor.sync key: one per shown result, so two panels' comparisons never move each other's cursors. */
export function syncKey(queryId: string): string {
  return `rrx-compare-${queryId}`;
}

/** The unzoomed x range: the whole query, so missing data at either edge shows. */
export function fullRange(q: { startMs: number; endMs: number }): XRange {
  return { min: q.startMs / 1000, max: q.endMs / 1000 };
}

/**
 * The range that shows a finding with context: its own duration on each side (at least 2 % of the query and
 * 30 s), clamped to the query. A zero-length finding (a reset) gets the minimum padding around its instant.
 */
export function findingRange(f: { startMs: number; endMs: number }, q: { startMs: number; endMs: number }): XRange {
  const span = Math.max(0, f.endMs - f.startMs);
  const pad = Math.max(span, (q.endMs - q.startMs) * 0.02, 30_000);
  const lo = Math.max(q.startMs, f.startMs - pad);
  const hi = Math.min(q.endMs, f.endMs + pad);
  return hi > lo ? { min: lo / 1000, max: hi / 1000 } : fullRange(q);
}

/** The x range as ms for the strip (which works in the result's unit). */
export function toMsRange(r: XRange): { minMs: number; maxMs: number } {
  return { minMs: r.min * 1000, maxMs: r.max * 1000 };
}

export function isZoomed(r: XRange | null, q: { startMs: number; endMs: number }): boolean {
  if (!r) return false;
  const f = fullRange(q);
  return Math.abs(r.min - f.min) > 1e-6 || Math.abs(r.max - f.max) > 1e-6;
}
