// The CLI's `compare --json` shape of a finding: times in unix seconds, durations in seconds, optional fields only
// when set. The one place findings leave milliseconds behind.
import type { CoverageRow } from '@shared/api/query-types';
import type { Labels } from '@core/series/types';
import type { Finding, FindingKind, NodeCoverage, Severity } from './types';

export interface CompareJsonFinding {
  kind: FindingKind;
  severity: Severity;
  node: string;
  labels: Labels;
  /** Unix seconds. */
  start: number;
  end: number;
  /** Seconds. */
  duration: number;
  coveredBy: string[];
  detail: string;
  seriesCount?: number;
  series?: Labels[];
  comparedWith?: string;
  maxRelDiff?: number;
  /** Seconds. */
  offset?: number;
}

export interface CompareJsonCoverage {
  node: string;
  seriesCount: number;
  sampleCount: number;
  coveragePct: number;
  /** Unix seconds, null without samples. */
  firstSample: number | null;
  lastSample: number | null;
  stale: boolean;
}

export function toCompareJson(f: Finding): CompareJsonFinding {
  return {
    kind: f.kind,
    severity: f.severity,
    node: f.node,
    labels: f.labels,
    start: f.startMs / 1000,
    end: f.endMs / 1000,
    duration: f.durationMs / 1000,
    coveredBy: [...f.coveredBy],
    detail: f.detail,
    ...(f.seriesCount !== undefined ? { seriesCount: f.seriesCount } : {}),
    ...(f.series ? { series: [...f.series] } : {}),
    ...(f.comparedWith !== undefined ? { comparedWith: f.comparedWith } : {}),
    ...(f.maxRelDiff !== undefined ? { maxRelDiff: f.maxRelDiff } : {}),
    ...(f.offsetMs !== undefined ? { offset: f.offsetMs / 1000 } : {}),
  };
}

export function coverageToCompareJson(c: NodeCoverage): CompareJsonCoverage {
  return {
    node: c.node,
    seriesCount: c.seriesCount,
    sampleCount: c.sampleCount,
    coveragePct: c.coveragePct,
    firstSample: c.firstSampleMs === null ? null : c.firstSampleMs / 1000,
    lastSample: c.lastSampleMs === null ? null : c.lastSampleMs / 1000,
    stale: c.stale,
  };
}

/** The query view's coverage row (shared/api/query-types CoverageRow). */
export function toCoverageRow(c: NodeCoverage): CoverageRow {
  return { node: c.node, series: c.seriesCount, samples: c.sampleCount, coveragePct: c.coveragePct, lastSampleMs: c.lastSampleMs, stale: c.stale };
}
