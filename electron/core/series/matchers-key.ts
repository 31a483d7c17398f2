// A canonical key for a set of label matchers (order-free): how the planner de-duplicates selectors, the raw-read
// cache finds earlier reads, and the evaluation store finds the read made for a selector.
import type { LabelMatcher } from './types';

export function matchersKey(ms: readonly LabelMatcher[]): string {
  return ms
    .map((m) => `${m.name}\u0000${m.type}\u0000${m.value}`)
    .sort()
    .join('\u0001');
}
