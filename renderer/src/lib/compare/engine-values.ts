// An engine column beside rrx merged, point by point, for the highlighted series: the numbers a user checks when
// an engine's line and the merged one disagree (Thanos's penalty dedup, the 9090's interleaving). Pure.
import type { EvaluatedResult } from '@shared/api/query-types';
import { findSeries } from './series';

export interface EngineValueRow {
  tMs: number;
  engine: number;
  /** rrx merged at the same step, null where merged has no point. */
  merged: number | null;
  /** Not the same number (NaN equals NaN here: both answered "not a number"). */
  differs: boolean;
}

/** The engine's points of the series with this key, each beside merged's point at the same time; at most `limit`. */
export function engineValueRows(engine: EvaluatedResult | null, merged: EvaluatedResult, key: string, limit = 500): EngineValueRow[] {
  const e = engine?.series[findSeries(engine, key)];
  if (!e) return [];
  const m = merged.series[findSeries(merged, key)];
  const byTime = new Map<number, number>();
  if (m) for (let i = 0; i < m.timestamps.length; i++) byTime.set(m.timestamps[i], m.values[i]);
  const rows: EngineValueRow[] = [];
  for (let i = 0; i < e.timestamps.length && rows.length < limit; i++) {
    const tMs = e.timestamps[i];
    const v = e.values[i];
    const mv = byTime.get(tMs);
    const merged = mv === undefined ? null : mv;
    rows.push({ tMs, engine: v, merged, differs: merged === null || !(v === merged || (Number.isNaN(v) && Number.isNaN(merged))) });
  }
  return rows;
}

/** Human label of an engine column's kind. */
export function engineKindLabel(kind: 'engine' | 'node-engine'): string {
  return kind === 'engine' ? 'engine node' : "node's own engine";
}
