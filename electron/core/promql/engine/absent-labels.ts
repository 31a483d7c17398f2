// The labels absent() and absent_over_time() invent for their output: every label an equality matcher pins
// (except __name__), unless the same label is also constrained another way.
import type { LabelMatcher, Labels } from '../../series/types';

export function absentLabels(matchers: readonly LabelMatcher[]): Labels {
  const out: Record<string, string> = {};
  const has = new Set<string>();
  for (const m of matchers) {
    if (m.name === '__name__') continue;
    if (m.type === '=' && !has.has(m.name)) {
      if (m.value === '') delete out[m.name];
      else out[m.name] = m.value;
      has.add(m.name);
    } else {
      delete out[m.name];
    }
  }
  return out;
}
