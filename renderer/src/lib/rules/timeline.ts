// Geometry and wording of the Rules panel's timelines: pending and firing intervals as bands in percent of the
// backtest window, and the range a query panel opens at when a band is clicked. Pure, no DOM.
import type { RulesBacktestInterval } from '@shared/api/rules-types';

export interface Band {
  state: 'pending' | 'firing';
  /** Percent of the window from its start, and width in percent (at least a sliver so short bands stay visible). */
  left: number;
  width: number;
  startMs: number;
  endMs: number;
}

export const MIN_BAND_PCT = 0.3;

export function bandsFor(intervals: readonly RulesBacktestInterval[], startMs: number, endMs: number): Band[] {
  const span = Math.max(1, endMs - startMs);
  return intervals
    .filter((iv) => iv.endMs >= startMs && iv.startMs <= endMs)
    .map((iv) => {
      const a = Math.max(iv.startMs, startMs);
      const b = Math.min(iv.endMs, endMs);
      const left = ((a - startMs) / span) * 100;
      return { state: iv.state, left, width: Math.min(100 - left, Math.max(MIN_BAND_PCT, ((b - a) / span) * 100)), startMs: iv.startMs, endMs: iv.endMs };
    });
}

/** The range a query panel opens with for a clicked band: the band with as much again on each side (≥ 5 min). */
export function rangeAround(band: { startMs: number; endMs: number }): { startMs: number; endMs: number } {
  const pad = Math.max(5 * 60_000, band.endMs - band.startMs);
  return { startMs: Math.floor(band.startMs - pad), endMs: Math.ceil(band.endMs + pad) };
}

export function formatLabelSet(labels: Record<string, string>): string {
  const inner = Object.entries(labels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return `{${inner}}`;
}

/** "12:04:30–12:09:00 (4m30s)" in local time. */
export function describeInterval(startMs: number, endMs: number): string {
  const t = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);
  const s = Math.round((endMs - startMs) / 1000);
  const d = s >= 3600 ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}` : `${s}s`;
  return `${t(startMs)}–${t(endMs)} (${d})`;
}
