// Public surface of the replica analysis. Import from here.
export { analyzeReplicas } from './analyze';
export { toCompareJson, coverageToCompareJson, toCoverageRow } from './compare-json';
export type { CompareJsonCoverage, CompareJsonFinding } from './compare-json';
export { isCounterName, FALLBACK_INTERVAL_MS } from './context';
export { MAX_LISTED_SERIES } from './types';
export type { Finding, FindingKind, FindingsInput, FindingsOptions, NodeCoverage, ReplicaAnalysis, Severity } from './types';
