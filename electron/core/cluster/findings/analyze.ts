// Entry point of the replica analysis: one window, every node's raw series → sorted findings + per-node coverage.
// Pure; reads the input arrays, never modifies them.
import { prepareContext } from './context';
import { nodeCoverage } from './coverage';
import { findDivergence } from './divergence';
import { findGaps } from './gaps';
import { findScrapeOffsets } from './offset';
import { findOneSided } from './one-sided';
import { findOneNodeResets } from './resets';
import { compareFindings } from './severity';
import type { FindingsInput, FindingsOptions, ReplicaAnalysis } from './types';

export function analyzeReplicas(input: FindingsInput, options: FindingsOptions = {}): ReplicaAnalysis {
  const ctx = prepareContext(input, options);
  const findings = [
    ...findGaps(ctx),
    ...findDivergence(ctx),
    ...findOneSided(ctx),
    ...findOneNodeResets(ctx),
    ...findScrapeOffsets(ctx),
  ].sort((a, b) => compareFindings(a, b, ctx.names));
  return { findings, coverage: nodeCoverage(ctx) };
}
