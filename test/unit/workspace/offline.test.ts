// Offline evaluation: a panel answered from stored reads equals the live pipeline on the same raw data; an edit is
// answered when stored reads cover its selectors exactly, and otherwise names what is missing.
import { describe, expect, it } from 'vitest';
import { evaluateSnapshot, parseQuery } from '@core/query/run-cluster-query';
import { MERGE_STRATEGIES } from '@core/cluster/merge/types';
import { clusterSpecOf, evaluatePanelOffline, SnapshotMissingError } from '@core/workspace';
import { bits, FRAME, makePanel, makeRead, PROFILE, T0 } from './fixtures';

const EXPR = 'sum by (instance) (rate(node_cpu_seconds_total[2m])) / on(instance) node_load1';

describe('offline evaluation', () => {
  it('equals evaluateSnapshot on the original read under every strategy (merged, per node, findings)', () => {
    const read = makeRead(EXPR, FRAME, { panelId: 'p1' });
    for (const strategy of MERGE_STRATEGIES) {
      const panel = makePanel('p1', EXPR, FRAME, { strategy });
      const live = evaluateSnapshot(clusterSpecOf(PROFILE, strategy), parseQuery(EXPR), { expr: EXPR, frame: FRAME }, read.snapshot, { strategy, perNode: true, findings: true });
      const off = evaluatePanelOffline(PROFILE, panel, [read]).result;
      expect(off.strategy).toBe(strategy);
      expect(off.merged.series.map((s) => s.labels)).toEqual(live.merged.series.map((s) => s.labels));
      off.merged.series.forEach((s, i) => expect(bits(s.values)).toEqual(bits(live.merged.series[i].values)));
      expect(off.perNode?.map((r) => r?.series.length)).toEqual(live.perNode?.map((r) => r?.series.length));
      expect(off.findings).toEqual(live.findings);
      expect(off.coverage).toEqual(live.coverage);
      expect(off.findings?.length).toBeGreaterThan(0);
    }
  });

  it('answers an edit whose selectors are covered (same matchers, window inside a stored read)', () => {
    const read = makeRead('node_load1', FRAME);
    const narrow = { startMs: T0 + 5 * 60_000, endMs: FRAME.endMs, stepMs: 30_000 };
    const ev = evaluatePanelOffline(PROFILE, makePanel('e', 'max_over_time(node_load1[1m])', narrow), [read]);
    expect(ev.result.merged.series).toHaveLength(2);
    for (const o of ev.snapshot.outcomes) for (const s of o.results[0]) expect(s.timestamps[0]).toBeGreaterThanOrEqual(ev.snapshot.requests[0].startMs);
  });

  it('names the selectors and ranges a query needs but the snapshot lacks', () => {
    const read = makeRead('node_load1', FRAME);
    const wider = { ...FRAME, startMs: FRAME.startMs - 3_600_000 };
    const attempt = (expr: string, frame = FRAME) => () => evaluatePanelOffline(PROFILE, makePanel('e', expr, frame), [read]);
    expect(attempt('node_load1 + node_load5')).toThrow(SnapshotMissingError);
    expect(attempt('node_load1 + node_load5')).toThrow(/node_load5\{\} from 2023-11-14T22:08:20.001Z to 2023-11-14T22:23:20.000Z/);
    expect(attempt('node_load1', wider)).toThrow(/node_load1\{\} from/);
    expect(attempt('node_load1{job="node"}')).toThrow(/node_load1\{job="node"\}/);
    try {
      attempt('up + node_load15')();
    } catch (e) {
      expect((e as SnapshotMissingError).kind).toBe('snapshot-missing');
      expect((e as SnapshotMissingError).missing.map((m) => m.selector)).toEqual(['up{}', 'node_load15{}']);
    }
  });

  it('keeps a failed node failed, with its reason, offline', () => {
    const read = makeRead('up', FRAME, { failNode: 1 });
    const res = evaluatePanelOffline(PROFILE, makePanel('p', 'up'), [read]).result;
    expect(res.partial).toEqual([{ node: 'replica-b', host: '127.0.0.1:9092', reason: 'connection refused' }]);
    expect(res.perNode?.[1]).toBeNull();
  });
});
