import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommand } from '@core/cli/commands/read';
import { UsageError, type CliIO } from '@core/cli/command';
import { runCli } from '@core/cli/main';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { T0, makeSeries } from './fixtures';

let server: RemoteReadServer;
beforeAll(async () => {
  server = await startRemoteReadServer({ series: makeSeries(2, 40) });
});
afterAll(() => server.close());

function io(): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: (t: string) => void (o.out += t),
    stderr: (t: string) => void (o.err += t),
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
  };
  return o;
}

const window = ['--start', String(T0 / 1000), '--end', String((T0 + 150_000) / 1000)];

describe('rrx read', () => {
  it.each(['chunks', 'samples'])('prints the JSON contract (%s)', async (rt) => {
    const o = io();
    const code = await readCommand.run(
      ['--endpoint', server.url, '--match', 'test_metric{instance="host-0:9100"}', ...window, '--response-type', rt],
      o,
    );
    expect(code).toBe(0);
    expect(o.out.startsWith(`{"endpoint": "${server.url}", "series": [{"labels": {"__name__": "test_metric", `)).toBe(true);
    const parsed = JSON.parse(o.out);
    expect(parsed.series).toHaveLength(1);
    const samples = parsed.series[0].samples as [number, number | string][];
    expect(samples).toHaveLength(11);
    expect(samples[0][0]).toBe(T0);
    expect(samples[7][1]).toBe('NaN'); // the stale marker
    expect(samples[8][1]).toBe('+Inf');
    expect(samples[9][1]).toBe('-Inf');
    expect(samples[10][1]).toBe('NaN');
    expect(typeof samples[1][1]).toBe('number');
  });

  it('prints CSV and text', async () => {
    const o = io();
    expect(await readCommand.run(['--endpoint', server.url, '--match', 'up', ...window, '--format', 'csv'], o)).toBe(0);
    expect(o.out.split('\n')[0]).toBe('series,timestamp_ms,value');
    expect(o.out.split('\n')[1]).toBe(`"up{instance=""host-0:9100"", job=""node""}",${T0},1`);
    const t = io();
    expect(await readCommand.run(['--endpoint', server.url, '--match', 'up', ...window, '--format', 'text'], t)).toBe(0);
    expect(t.out).toContain('up{instance="host-0:9100", job="node"} (11 samples)');
  });

  it('rejects bad usage with UsageError (exit 2 through the runner)', async () => {
    await expect(readCommand.run(['--match', 'up'], io())).rejects.toBeInstanceOf(UsageError);
    await expect(readCommand.run(['--endpoint', server.url, '--match', 'up[5m]'], io())).rejects.toBeInstanceOf(UsageError);
    await expect(readCommand.run(['--endpoint', server.url, '--match', 'up', '--start', 'yesterday'], io())).rejects.toBeInstanceOf(
      UsageError,
    );
    const o = io();
    expect(await runCli(['read', '--endpoint', server.url], o)).toBe(2);
    expect(o.err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 with one sentence on a failed read', async () => {
    const o = io();
    const code = await runCli(['read', '--endpoint', 'http://127.0.0.1:1/api/v1/read', '--match', 'up'], o);
    expect(code).toBe(1);
    expect(o.err).toMatch(/^rrx read: Remote read could not connect to 127\.0\.0\.1:1: connection refused\.\n$/);
  });
});
