// "Test connection", node by node, against a real Prometheus 2.42, a closed port and a server that rejects the
// password: each report says in plain words what worked and what did not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNodeConnection } from '@core/cluster/connection-test';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { freePort } from '../../helpers/free-port';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';

describe('test connection', () => {
  let prom: PrometheusServer;
  let guarded: RemoteReadServer;
  beforeAll(async () => {
    prom = await startPrometheus({
      configYaml: `global:\n  scrape_interval: 1s\n  external_labels:\n    cluster: eu1\n    replica: a\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:{{PORT}}']\n`,
    });
    guarded = await startRemoteReadServer({ series: [], auth: { basic: { username: 'u', password: 'right' } } });
    for (let i = 0; i < 100; i++) {
      const body = (await (await fetch(`${prom.baseUrl}/api/v1/query?query=up`)).json()) as { data: { result: unknown[] } };
      if (body.data.result.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await prom?.stop();
    await guarded?.close();
  });

  it('a healthy Prometheus: every step ok, both response types, latency and external labels', async () => {
    const r = await testNodeConnection({ id: 'a', name: 'collector-a', endpoint: { url: prom.readUrl } });
    expect(r.ok, r.summary).toBe(true);
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['auth', true],
      ['read', true],
      ['read', true],
    ]);
    expect(r.responseTypes.sort()).toEqual(['SAMPLES', 'STREAMED_XOR_CHUNKS']);
    expect(r.latencyMs).toBeGreaterThan(0);
    expect(r.externalLabels).toEqual({ cluster: 'eu1', replica: 'a' });
    expect(r.summary).toMatch(/^OK: answered a remote_read in \d+ ms; serves streamed chunks and samples\.$/);
  });

  it('a closed port: the TCP step fails and says so', async () => {
    const port = await freePort();
    const r = await testNodeConnection({ id: 'b', name: 'collector-b', endpoint: { url: `http://127.0.0.1:${port}/api/v1/read` } });
    expect(r.ok).toBe(false);
    expect(r.steps.at(-1)).toMatchObject({ step: 'tcp', ok: false });
    expect(r.summary).toBe(`Nothing answers on 127.0.0.1:${port}.`);
  });

  it('a wrong password: the auth step fails, never echoing the password', async () => {
    const r = await testNodeConnection({ id: 'c', name: 'guarded', endpoint: { url: guarded.url, basicAuth: { username: 'u', password: 'wrong-pass-123' } } });
    expect(r.ok).toBe(false);
    expect(r.steps.at(-1)).toMatchObject({ step: 'auth', ok: false });
    expect(JSON.stringify(r)).not.toContain('wrong-pass-123');
  });
});
