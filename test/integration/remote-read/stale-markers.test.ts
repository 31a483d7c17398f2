// Prometheus writes its stale marker (NaN 0x7ff0000000000002) when a target disappears; remote_read must deliver
// it bit-exact over both response types, while the query API (which drops stale samples) agrees on the rest.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteRead } from '@core/remote-read/client';
import { isStaleAt } from '@core/series/stale-marker';

let prom: PrometheusServer;
let target: http.Server;
let goneAtMs = 0;

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end('# TYPE rrx_test_gauge gauge\nrrx_test_gauge{kind="a"} 42.5\n');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  const targetPort = (target.address() as net.AddressInfo).port;
  prom = await startPrometheus({
    configYaml: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: vanishing\n    static_configs:\n      - targets: ['127.0.0.1:${targetPort}']\n`,
  });
  // Wait for scrapes to land, then take the target away: the next failed scrape writes stale markers.
  for (let i = 0; i < 60; i++) {
    const r = await remoteRead({ url: prom.readUrl }, [{ matchers: [{ type: '=', name: '__name__', value: 'rrx_test_gauge' }], startMs: 0, endMs: Date.now() }]);
    if ((r.results[0][0]?.timestamps.length ?? 0) >= 3) break;
    await new Promise((res) => setTimeout(res, 500));
  }
  goneAtMs = Date.now();
  target.close();
  target.closeAllConnections();
  await new Promise((r) => setTimeout(r, 4000));
});
afterAll(async () => {
  await prom?.stop();
  target?.close();
});

describe.each(['STREAMED_XOR_CHUNKS', 'SAMPLES'] as const)('stale markers from Prometheus over %s', (type) => {
  it('arrive bit-exact after the target vanished', async () => {
    const res = await remoteRead({ url: prom.readUrl, acceptedResponseTypes: [type] }, [
      { matchers: [{ type: '=', name: '__name__', value: 'rrx_test_gauge' }], startMs: goneAtMs - 60_000, endMs: Date.now() },
    ]);
    const s = res.results[0][0];
    expect(s.labels).toMatchObject({ __name__: 'rrx_test_gauge', kind: 'a', job: 'vanishing' });
    const last = s.timestamps.length - 1;
    expect(isStaleAt(s.values, last)).toBe(true);
    expect(s.timestamps[last]).toBeGreaterThanOrEqual(goneAtMs - 1000);
    for (let i = 0; i < last; i++) expect(s.values[i]).toBe(42.5);
  });
});
