// Keep-alive connection pools against a real Prometheus 2.42: consecutive reads share one TCP connection (counted by
// Prometheus itself, net_conntrack_listener_conn_accepted_total), and a node restarted between two reads still
// answers them, on a new connection.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import { closeConnectionPools, idleSocketCount } from '@core/remote-read/transport/connection-pool';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';

let prom: PrometheusServer;

beforeAll(async () => {
  prom = await startPrometheus();
  // Wait (bounded) until self-scrapes give `up` samples.
  for (let i = 0; i < 40 && (await readUp()).results[0].length === 0; i++) await new Promise((r) => setTimeout(r, 500));
}, 90_000);

afterAll(async () => {
  closeConnectionPools();
  await prom?.stop();
});

/** Connections Prometheus has accepted on its web listener, read over a connection of its own (agent: false). */
function acceptedConnections(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${prom.baseUrl}/metrics`, { agent: false, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        const m = /^net_conntrack_listener_conn_accepted_total\{listener_name="http"\} (\d+)/m.exec(text);
        if (m) resolve(Number(m[1]));
        else reject(new Error('no net_conntrack_listener_conn_accepted_total in /metrics'));
      });
    });
    req.on('timeout', () => req.destroy(new Error('metrics timed out')));
    req.on('error', reject);
  });
}

function readUp(): ReturnType<typeof remoteRead> {
  const now = Date.now();
  return remoteRead({ url: prom.readUrl, remoteTimeoutMs: 10_000 }, [{ matchers: [{ type: '=', name: '__name__', value: 'up' }], startMs: now - 60_000, endMs: now }]);
}

describe('connection pool (real Prometheus 2.42)', () => {
  it('two consecutive reads, both answer types, use one TCP connection', async () => {
    closeConnectionPools();
    const before = await acceptedConnections();
    const a = await readUp();
    const b = await readUp();
    const samples = remoteRead({ url: prom.readUrl, acceptedResponseTypes: ['SAMPLES'], remoteTimeoutMs: 10_000 }, [{ matchers: [{ type: '=', name: '__name__', value: 'up' }], startMs: Date.now() - 60_000, endMs: Date.now() }]);
    const c = await samples;
    const after = await acceptedConnections();
    for (const r of [a, b, c]) expect(r.results[0].length).toBe(1);
    expect(a.responseType).toBe('STREAMED_XOR_CHUNKS');
    expect(c.responseType).toBe('SAMPLES');
    // One connection for the three reads, plus the one that read /metrics the second time.
    expect(after - before).toBe(2);
    expect(idleSocketCount()).toBe(1);
  });

  it('a node restarted between two reads still answers the second', async () => {
    const first = await readUp();
    expect(first.results[0].length).toBe(1);
    expect(idleSocketCount()).toBe(1);
    await prom.stopProcess();
    await prom.start();
    const second = await readUp();
    expect(second.results[0].length).toBe(1);
    expect(second.results[0][0].labels).toEqual(first.results[0][0].labels);
    // The restarted server accepted the read on a fresh connection, which is pooled again.
    expect(idleSocketCount()).toBe(1);
  }, 90_000);
});
