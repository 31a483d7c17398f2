// Ordering of findings: severity first, then a fixed kind order (scores of different kinds do not compare), then
// score (bigger first), node, start and labels, so the same input always lists the same way.
import { labelsKey } from '@core/series/labels';
import type { Finding, FindingKind, Severity } from './types';

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const KIND_RANK: Record<FindingKind, number> = { gap: 0, divergence: 1, reset: 2, 'one-sided': 3, offset: 4 };

export function compareFindings(a: Finding, b: Finding, nodeOrder: readonly string[]): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    b.score - a.score ||
    nodeOrder.indexOf(a.node) - nodeOrder.indexOf(b.node) ||
    a.startMs - b.startMs ||
    (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : labelsKey(a.labels) > labelsKey(b.labels) ? 1 : 0)
  );
}
