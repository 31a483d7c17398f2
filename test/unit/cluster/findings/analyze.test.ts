import { describe, expect, it } from 'vitest';
import { analyzeReplicas, toCompareJson, coverageToCompareJson, toCoverageRow, type Finding } from '@core/cluster/findings';
import type { Finding as SharedFinding } from '@shared/api/query-types';
import { nodeOf, rawSeries, replicaFixture, scrapeTimes, gaugeValues } from '../../../helpers/series-fixtures';

const t0 = 1_700_000_000_000;
const WINDOW = { startMs: t0, endMs: t0 + 600_000 };
const UP = { __name__: 'up', job: 'node' };
const TEMP = { __name__: 'temp_celsius', job: 'node' };
const REQS = { __name__: 'http_requests_total', job: 'node' };
const EXTRA = { __name__: 'extra_gauge', job: 'node' };
const brief = (f: Finding) => ({ kind: f.kind, severity: f.severity, node: f.node, startMs: f.startMs - t0, endMs: f.endMs - t0, coveredBy: f.coveredBy });

describe('analyzeReplicas, two nodes', () => {
  const nodes = replicaFixture({
    ...WINDOW,
    intervalMs: 15_000,
    series: [UP, TEMP, REQS],
    nodes: [
      { name: 'a', gaps: [[t0 + 120_000, t0 + 140_000]] }, // collector down 20 s: misses the 120 s and 135 s scrapes
      { name: 'b', phaseMs: 5_000 },
    ],
  });
  const r = analyzeReplicas({ nodes, ...WINDOW });

  it('reports a 20 s collector outage as ONE gap for the node, covered by the other, plus the scrape offset', () => {
    expect(r.findings.map(brief)).toEqual([
      { kind: 'gap', severity: 'medium', node: 'a', startMs: 105_000, endMs: 150_000, coveredBy: ['b'] },
      { kind: 'offset', severity: 'low', node: 'b', startMs: 0, endMs: 600_000, coveredBy: [] },
    ]);
    const [gap, offset] = r.findings;
    expect(gap.labels).toEqual({ job: 'node' });
    expect(gap.seriesCount).toBe(3);
    expect(gap.durationMs).toBe(45_000);
    expect(gap.series).toEqual([UP, TEMP, REQS]);
    expect(gap.detail).toBe('a: no samples for 3 of 3 series for 45 s; b had data meanwhile.');
    expect(offset.offsetMs).toBe(5_000);
    expect(offset.comparedWith).toBe('a');
    expect(offset.detail).toBe('b scrapes 5 s after a (median of 114 samples over 3 series).');
  });

  it('summarises coverage per node: a lost 37.5 s of the 600 s window', () => {
    expect(r.coverage).toEqual([
      { node: 'a', index: 0, seriesCount: 3, sampleCount: 114, coveragePct: 93.75, firstSampleMs: t0, lastSampleMs: t0 + 585_000, stale: false },
      {
        node: 'b',
        index: 1,
        seriesCount: 3,
        sampleCount: 120,
        coveragePct: (100 * 597_500) / 600_000,
        firstSampleMs: t0 + 5_000,
        lastSampleMs: t0 + 590_000,
        stale: false,
      },
    ]);
  });

  it('maps to the CLI compare JSON (seconds) and to the shared contract types', () => {
    expect(toCompareJson(r.findings[0])).toEqual({
      kind: 'gap',
      severity: 'medium',
      node: 'a',
      labels: { job: 'node' },
      start: t0 / 1000 + 105,
      end: t0 / 1000 + 150,
      duration: 45,
      coveredBy: ['b'],
      detail: 'a: no samples for 3 of 3 series for 45 s; b had data meanwhile.',
      seriesCount: 3,
      series: r.findings[0].series,
    });
    expect(toCompareJson(r.findings[1]).offset).toBe(5);
    expect(coverageToCompareJson(r.coverage[0])).toMatchObject({ node: 'a', firstSample: t0 / 1000, lastSample: t0 / 1000 + 585, stale: false });
    expect(toCoverageRow(r.coverage[1])).toEqual({ node: 'b', series: 3, samples: 120, coveragePct: r.coverage[1].coveragePct, lastSampleMs: t0 + 590_000, stale: false });
    const shared: SharedFinding[] = [...r.findings]; // compile-time: core findings fit the IPC contract
    expect(shared).toHaveLength(2);
  });
});

describe('analyzeReplicas, three nodes with planted gap, reset, divergence and one-sided series', () => {
  const nodes = replicaFixture({
    ...WINDOW,
    intervalMs: 15_000,
    series: [UP, TEMP, REQS, EXTRA],
    nodes: [
      { name: 'a', gaps: [[t0 + 120_000, t0 + 140_000]] },
      { name: 'b', phaseMs: 5_000, resetsAt: [t0 + 300_000] },
      { name: 'c', phaseMs: 10_000 },
    ],
  });
  // c: temp reads 1.5× too high for 60 s, and c never scrapes extra_gauge.
  const c = nodes[2];
  const temp = c.series[1];
  const bent = temp.values.slice();
  temp.timestamps.forEach((t, i) => {
    if (t >= t0 + 400_000 && t < t0 + 460_000) bent[i] *= 1.5;
  });
  nodes[2] = nodeOf(2, 'c', [c.series[0], rawSeries(temp.labels, temp.timestamps, bent), c.series[2]]);
  const r = analyzeReplicas({ nodes, ...WINDOW });

  it('finds exactly the planted problems, sorted by severity and kind', () => {
    expect(r.findings.map(brief)).toEqual([
      { kind: 'gap', severity: 'medium', node: 'a', startMs: 105_000, endMs: 150_000, coveredBy: ['b', 'c'] },
      { kind: 'divergence', severity: 'medium', node: 'c', startMs: 400_000, endMs: 450_000, coveredBy: [] },
      { kind: 'reset', severity: 'medium', node: 'b', startMs: 290_000, endMs: 305_000, coveredBy: ['a', 'c'] },
      { kind: 'one-sided', severity: 'medium', node: 'c', startMs: 0, endMs: 600_000, coveredBy: ['a', 'b'] },
      { kind: 'offset', severity: 'low', node: 'b', startMs: 0, endMs: 600_000, coveredBy: [] },
      { kind: 'offset', severity: 'low', node: 'c', startMs: 0, endMs: 600_000, coveredBy: [] },
    ]);
    const [gap, div, reset, oneSided, offB, offC] = r.findings;
    expect(gap.seriesCount).toBe(4);
    expect(div.labels).toEqual(TEMP);
    expect(div.comparedWith).toBe('a');
    expect(div.maxRelDiff).toBeGreaterThan(0.3);
    expect(div.maxRelDiff).toBeLessThan(0.36);
    expect(div.detail).toMatch(/^c: differs from a by up to 3\d(\.\d)? % at 4 points\.$/);
    expect(reset.labels).toEqual(REQS);
    expect(reset.detail).toBe('b: counter dropped from 1290 to 5; a, c saw no reset.');
    expect(oneSided.labels).toEqual(EXTRA);
    expect(oneSided.detail).toBe('1 series only on a, b, never on c in 600 s.');
    expect(offB.offsetMs).toBe(5_000);
    // c scrapes 10 s after a on a 15 s grid: the nearest a scrape is 5 s later, so c reads as 5 s early.
    expect(offC.offsetMs).toBe(-5_000);
  });

  it('summarises coverage for all three nodes', () => {
    expect(r.coverage.map((c) => [c.node, c.seriesCount, c.sampleCount, c.coveragePct])).toEqual([
      ['a', 4, 152, 93.75],
      ['b', 4, 160, (100 * 597_500) / 600_000],
      ['c', 3, 120, (100 * 597_500) / 600_000],
    ]);
  });
});

describe('analyzeReplicas, grouping and severity', () => {
  it('groups a 20 s outage over 40 jittered series into one finding', () => {
    const series = Array.from({ length: 40 }, (_, i) => ({ __name__: 'up', job: 'node', instance: `host-${i}` }));
    const nodes = replicaFixture({
      ...WINDOW,
      intervalMs: 15_000,
      series,
      nodes: [
        { name: 'a', jitterMs: 800, gaps: [[t0 + 300_000, t0 + 320_000]] },
        { name: 'b', phaseMs: 4_000, jitterMs: 800 },
      ],
    });
    const gaps = analyzeReplicas({ nodes, ...WINDOW }).findings.filter((f) => f.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ node: 'a', severity: 'medium', seriesCount: 40, labels: { __name__: 'up', job: 'node' }, coveredBy: ['b'] });
    expect(gaps[0].series).toHaveLength(40);
    // Exact bounds: from the earliest last-sample-before to the latest first-sample-after over the 40 series.
    const before = nodes[0].series.map((s) => Math.max(...s.timestamps.filter((t) => t < t0 + 300_000)));
    const after = nodes[0].series.map((s) => Math.min(...s.timestamps.filter((t) => t >= t0 + 320_000)));
    expect(gaps[0].startMs).toBe(Math.min(...before));
    expect(gaps[0].endMs).toBe(Math.max(...after));
  });

  it('rates a gap no node covers as high and a single covered series gap as low', () => {
    const ts = (phase: number, gaps: [number, number][]) => scrapeTimes({ startMs: t0, endMs: t0 + 300_000, intervalMs: 15_000, phaseMs: phase, gaps });
    const g = (t: Float64Array) => gaugeValues(t, () => 1);
    const both = [t0 + 100_000, t0 + 160_000] as [number, number];
    const nodes = [
      nodeOf(0, 'a', [rawSeries(UP, ts(0, [both]), g(ts(0, [both]))), rawSeries(TEMP, ts(0, [[t0 + 200_000, t0 + 230_000]]), g(ts(0, [[t0 + 200_000, t0 + 230_000]])))]),
      nodeOf(1, 'b', [rawSeries(UP, ts(5_000, [both]), g(ts(5_000, [both]))), rawSeries(TEMP, ts(5_000, []), g(ts(5_000, [])))]),
    ];
    const f = analyzeReplicas({ nodes, startMs: t0, endMs: t0 + 300_000 }).findings.filter((x) => x.kind === 'gap');
    expect(f.map(brief)).toEqual([
      { kind: 'gap', severity: 'high', node: 'a', startMs: 90_000, endMs: 165_000, coveredBy: [] },
      { kind: 'gap', severity: 'high', node: 'b', startMs: 95_000, endMs: 170_000, coveredBy: [] },
      { kind: 'gap', severity: 'low', node: 'a', startMs: 195_000, endMs: 240_000, coveredBy: ['b'] },
    ]);
    expect(f[0].labels).toEqual(UP);
    expect(f[0].detail).toBe('a: no samples for 75 s; no other node had data either.');
  });

  it('says so when another node covers only part of a gap (the merged view keeps a hole: high)', () => {
    const ta = scrapeTimes({ startMs: t0, endMs: t0 + 300_000, intervalMs: 15_000, gaps: [[t0 + 100_000, t0 + 200_000]] });
    const tb = scrapeTimes({ startMs: t0, endMs: t0 + 300_000, intervalMs: 15_000, phaseMs: 5_000, gaps: [[t0 + 150_000, t0 + 250_000]] });
    const nodes = [nodeOf(0, 'a', [rawSeries(UP, ta, gaugeValues(ta, () => 1))]), nodeOf(1, 'b', [rawSeries(UP, tb, gaugeValues(tb, () => 1))])];
    const f = analyzeReplicas({ nodes, startMs: t0, endMs: t0 + 300_000 }).findings.filter((x) => x.kind === 'gap');
    expect(f.map(brief)).toEqual([
      { kind: 'gap', severity: 'high', node: 'a', startMs: 90_000, endMs: 210_000, coveredBy: ['b'] },
      { kind: 'gap', severity: 'high', node: 'b', startMs: 140_000, endMs: 260_000, coveredBy: ['a'] },
    ]);
    expect(f[0].detail).toBe('a: no samples for 2 min; b had only part of it.');
  });

  it('reports a node silent for the whole window once, not as one-sided series', () => {
    const nodes = replicaFixture({ ...WINDOW, intervalMs: 15_000, series: [UP, TEMP], nodes: [{ name: 'a' }, { name: 'b', phaseMs: 5_000 }] });
    const r = analyzeReplicas({ nodes: [nodeOf(0, 'a', []), nodes[1]], ...WINDOW });
    expect(r.findings.map(brief)).toEqual([{ kind: 'gap', severity: 'medium', node: 'a', startMs: 0, endMs: 600_000, coveredBy: ['b'] }]);
    expect(r.findings[0].seriesCount).toBe(2);
    expect(r.coverage[0]).toEqual({ node: 'a', index: 0, seriesCount: 0, sampleCount: 0, coveragePct: 0, firstSampleMs: null, lastSampleMs: null, stale: true });
  });

  it('flags a node whose data stops early as stale, with a trailing gap covered by the other', () => {
    const nodes = replicaFixture({
      ...WINDOW,
      intervalMs: 15_000,
      series: [UP],
      nodes: [{ name: 'a', gaps: [[t0 + 500_000, t0 + 600_000]] }, { name: 'b', phaseMs: 5_000 }],
    });
    const r = analyzeReplicas({ nodes, ...WINDOW });
    expect(r.findings.filter((f) => f.kind === 'gap').map(brief)).toEqual([
      { kind: 'gap', severity: 'low', node: 'a', startMs: 495_000, endMs: 600_000, coveredBy: ['b'] },
    ]);
    expect(r.coverage.map((c) => c.stale)).toEqual([true, false]);
  });

  it('compares counters by rate: a replica counting twice as fast diverges over the whole window (high)', () => {
    const ta = scrapeTimes({ startMs: t0, endMs: t0 + 600_000, intervalMs: 15_000 });
    const tb = scrapeTimes({ startMs: t0, endMs: t0 + 600_000, intervalMs: 15_000, phaseMs: 5_000 });
    const nodes = [
      nodeOf(0, 'a', [rawSeries(REQS, ta, gaugeValues(ta, (t) => (t - t0) / 1000))]),
      nodeOf(1, 'b', [rawSeries(REQS, tb, gaugeValues(tb, (t) => (2 * (t - t0)) / 1000))]),
    ];
    const f = analyzeReplicas({ nodes, ...WINDOW }).findings.filter((x) => x.kind === 'divergence');
    expect(f.map(brief)).toEqual([{ kind: 'divergence', severity: 'high', node: 'b', startMs: 0, endMs: 600_000, coveredBy: [] }]);
    expect(f[0].maxRelDiff).toBe(0.5);
    expect(f[0].detail).toBe('b: rate differs from a by up to 50 % in 4 window(s).');
  });

  it('does not report a reset that every replica saw (exporter restart)', () => {
    const nodes = replicaFixture({
      ...WINDOW,
      intervalMs: 15_000,
      series: [REQS],
      nodes: [
        { name: 'a', resetsAt: [t0 + 300_000] },
        { name: 'b', phaseMs: 5_000, resetsAt: [t0 + 300_000] },
      ],
    });
    expect(analyzeReplicas({ nodes, ...WINDOW }).findings.map((f) => f.kind)).toEqual(['offset']);
  });
});
