// `rrx read` over several nodes: the series merged by the chosen strategy, each sample naming its node, and a dead
// node as a warning (or a failure with --strict). Real sockets, in-repo remote_read servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import { freePort } from '../../helpers/free-port';
import { rrx } from '../../helpers/run-cli';

const T0 = Date.UTC(2026, 0, 1);

function up(times: number[]): RawSeries {
  const timestamps = new Float64Array(times.length);
  const values = new Float64Array(times.length);
  times.forEach((t, i) => {
    timestamps[i] = T0 + t * 1000;
    values[i] = 1;
  });
  return { labels: { __name__: 'up', job: 'node' }, timestamps, values };
}

describe('rrx read over a cluster', () => {
  let a: RemoteReadServer;
  let b: RemoteReadServer;
  beforeAll(async () => {
    a = await startRemoteReadServer({ series: [up([0, 15, 30, 45, 60])] });
    b = await startRemoteReadServer({ series: [up([5, 20, 35, 50, 65, 80, 95])] });
  });
  afterAll(async () => Promise.all([a.close(), b.close()]));

  const window = ['--start', String(T0 / 1000), '--end', String(T0 / 1000 + 120)];

  it('merges with union and names each sample’s node', async () => {
    const run = await rrx(['read', '--endpoint', a.url, '--endpoint', b.url, '--match', 'up', ...window]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { endpoint: null; nodes: string[]; strategy: string; series: { samples: [number, number][]; nodes: number[] }[] };
    expect(out.endpoint).toBeNull();
    expect(out.strategy).toBe('union');
    expect(out.series).toHaveLength(1);
    expect(out.series[0].samples.map(([t]) => (t - T0) / 1000)).toEqual([0, 5, 15, 20, 30, 35, 45, 50, 60, 65, 80, 95]);
    expect(out.series[0].nodes).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1]);
  });

  it('prefer-first keeps the first node and fills only its gaps', async () => {
    const run = await rrx(['read', '--endpoint', a.url, '--endpoint', b.url, '--match', 'up', '--dedup', 'prefer-first', ...window]);
    const out = JSON.parse(run.stdout) as { series: { samples: [number, number][]; nodes: number[] }[] };
    // A's five samples stay; B's data reaching 35 s past A's end (more than 1.5 intervals) fills that tail.
    expect(out.series[0].samples.map(([t]) => (t - T0) / 1000)).toEqual([0, 15, 30, 45, 60, 65, 80, 95]);
    expect(out.series[0].nodes).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('a dead node is a warning, or a failure with --strict', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/api/v1/read`;
    const run = await rrx(['read', '--endpoint', a.url, '--endpoint', dead, '--match', 'up', ...window]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { warnings: string[]; series: unknown[] };
    expect(out.warnings.join(' ')).toContain(new URL(dead).host);
    expect(run.stderr).toContain(new URL(dead).host);
    const strict = await rrx(['read', '--endpoint', a.url, '--endpoint', dead, '--match', 'up', '--strict', ...window]);
    expect(strict.code).toBe(1);
  });

  it('one endpoint keeps the exact single-node JSON shape', async () => {
    const run = await rrx(['read', '--endpoint', a.url, '--match', 'up', ...window]);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(['endpoint', 'series']);
  });
});
