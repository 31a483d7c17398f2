// Labels for a finding over many series: the label pairs every affected series shares (e.g. {job="node"} when a
// whole scrape job vanished). Empty when they share nothing; never invents values.
import type { Labels } from '@core/series/types';

export function commonLabels(sets: readonly Labels[]): Labels {
  if (sets.length === 0) return {};
  const out: Record<string, string> = { ...sets[0] };
  for (let i = 1; i < sets.length; i++) {
    for (const k of Object.keys(out)) if (sets[i][k] !== out[k]) delete out[k];
  }
  return out;
}
