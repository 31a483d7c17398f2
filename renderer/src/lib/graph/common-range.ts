// The y extent shared by several results (the compare view's small multiples), so nodes are drawn on one scale and
// a gap or a drop reads the same in every tile. Pure; walks the typed arrays once.
import type { EvaluatedResult } from '@shared/api/query-types';

export function commonYExtent(results: readonly (EvaluatedResult | null | undefined)[]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const r of results) {
    if (!r) continue;
    for (const s of r.series) {
      const v = s.values;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
  }
  // NaN never wins a comparison, so only finite (or ±Inf) values got in; drop the infinite ones.
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null;
  return [min, max];
}
