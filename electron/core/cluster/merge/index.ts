// Public surface of the replica merge. Import from here, not from the strategy files.
export { mergeNodes } from './merge-nodes';
export { toRawSeries, mergedStore } from './to-raw';
export { GAP_FACTOR, medianInPlace, medianSpacing, pooledMedianSpacing } from './scrape-interval';
export { INITIAL_PENALTY_MS } from './penalty';
export { MERGE_STRATEGIES, MergeError } from './types';
export type { MergeErrorKind, MergeOptions, MergeResult, MergeStrategy, MergedSeries, NodeSeries } from './types';
export { provenanceRuns, mergedRawSummary } from './provenance-runs';
