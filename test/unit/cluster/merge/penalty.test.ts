import { describe, expect, it } from 'vitest';
import { INITIAL_PENALTY_MS, mergeNodes } from '@core/cluster/merge';
import { nodeOf, rawSeries, replicaFixture, scrapeTimes, seriesOf } from '../../../helpers/series-fixtures';

const up = { __name__: 'up', job: 'node' };
const s = (ts: Float64Array) => rawSeries(up, ts, ts.map((t) => t / 1000));
const tsOf = (xs: Float64Array) => Array.from(xs, (t) => t / 1000); // seconds, to keep expectations readable

describe('penalty merge (Thanos rule)', () => {
  it('follows the replica with the earliest sample and switches only across a gap, losing the penalised samples', () => {
    const a = s(scrapeTimes({ startMs: 0, endMs: 135_000, intervalMs: 15_000, gaps: [[45_000, 90_000]] }));
    const b = s(scrapeTimes({ startMs: 0, endMs: 135_000, intervalMs: 15_000, phaseMs: 5_000 }));
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'penalty' }).series[0];
    // a: 0 15 30 | gap | 90 …; b is penalised to ≥ 30+1+2·15 s, so its 35 and 50 are skipped; then b stays.
    expect(tsOf(m.timestamps)).toEqual([0, 15, 30, 65, 80, 95, 110, 125]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(m.values)).toEqual([0, 15, 30, 65, 80, 95, 110, 125]);
  });

  it('switches back when the followed replica has a gap of its own', () => {
    const a = s(scrapeTimes({ startMs: 0, endMs: 200_000, intervalMs: 15_000, gaps: [[45_000, 90_000]] }));
    const b = s(
      Float64Array.from([...scrapeTimes({ startMs: 0, endMs: 135_000, intervalMs: 15_000, phaseMs: 5_000 }), 215_000, 230_000, 245_000, 260_000]),
    );
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'penalty' }).series[0];
    // Back on a at 165 (b's next is 215), b is penalised to ≥ 165+1+2·40 s: its 215, 230 and 245 are skipped for
    // good (seeks never go back), so after a ends at 195 the merge resumes with b's 260.
    expect(tsOf(m.timestamps)).toEqual([0, 15, 30, 65, 80, 95, 110, 125, 165, 180, 195, 260]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1]);
  });

  it('merges three replicas: the one with the next sample after a gap takes over', () => {
    const a = s(scrapeTimes({ startMs: 0, endMs: 200_000, intervalMs: 15_000, gaps: [[45_000, 90_000]] }));
    const b = s(scrapeTimes({ startMs: 0, endMs: 190_000, intervalMs: 15_000, phaseMs: 2_000, gaps: [[60_000, 120_000]] }));
    const c = s(scrapeTimes({ startMs: 0, endMs: 140_000, intervalMs: 15_000, phaseMs: 4_000 }));
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b]), nodeOf(2, 'c', [c])], { strategy: 'penalty' }).series[0];
    expect(tsOf(m.timestamps)).toEqual([0, 15, 30, 64, 79, 94, 109, 124, 139, 180, 195]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 2, 2, 2, 2, 2, 2, 0, 0]);
  });

  it(`applies the ${INITIAL_PENALTY_MS} ms initial penalty only to the first pick: a replica 10 s later takes over`, () => {
    const a = s(scrapeTimes({ startMs: 0, endMs: 60_000, intervalMs: 15_000 }));
    const b = s(scrapeTimes({ startMs: 0, endMs: 60_000, intervalMs: 15_000, phaseMs: 10_000 }));
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'penalty' }).series[0];
    expect(tsOf(m.timestamps)).toEqual([0, 10, 25, 40, 55]);
    expect(Array.from(m.provenance)).toEqual([0, 1, 1, 1, 1]);
  });

  it('breaks an equal first timestamp by node order', () => {
    const a = seriesOf(up, [0, 15_000], [1, 2]);
    const b = seriesOf(up, [0, 15_000], [3, 4]);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'penalty' });
    expect(Array.from(m.series[0].values)).toEqual([1, 2]);
    expect(Array.from(m.series[0].provenance)).toEqual([0, 0]);
    expect(m.tieBreaks).toBe(2);
  });

  it('on a jittered fixture with an outage and a one-node reset: a until its gap, then b from the first unpenalised sample', () => {
    const t0 = 1_700_000_000_000;
    const nodes = replicaFixture({
      startMs: t0,
      endMs: t0 + 600_000,
      intervalMs: 15_000,
      series: [{ __name__: 'http_requests_total', job: 'api' }],
      nodes: [
        { name: 'a', jitterMs: 300, gaps: [[t0 + 120_000, t0 + 180_000]] },
        { name: 'b', phaseMs: 3_000, jitterMs: 300, resetsAt: [t0 + 400_000] },
      ],
    });
    const [sa, sb] = [nodes[0].series[0], nodes[1].series[0]];
    const m = mergeNodes(nodes, { strategy: 'penalty' }).series[0];
    let k = 0; // index of a's last sample before the outage
    while (sa.timestamps[k + 1] < t0 + 120_000) k++;
    const lastA = sa.timestamps[k];
    const from = lastA + 1 + 2 * (lastA - sa.timestamps[k - 1]);
    const bStart = sb.timestamps.findIndex((t) => t >= from);
    expect(Array.from(m.timestamps)).toEqual([...sa.timestamps.subarray(0, k + 1), ...sb.timestamps.subarray(bStart)]);
    expect(Array.from(m.values)).toEqual([...sa.values.subarray(0, k + 1), ...sb.values.subarray(bStart)]);
    expect(Array.from(m.provenance)).toEqual([...Array(k + 1).fill(0), ...Array(sb.timestamps.length - bStart).fill(1)]);
  });
});
