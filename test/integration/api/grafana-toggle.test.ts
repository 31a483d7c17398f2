// The desktop toggle "serve this cluster to Grafana": through the API, a profile's cluster becomes a
// Prometheus-compatible endpoint on loopback, and stopping it closes the port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import { dispatchCall } from '@core/api/dispatch';
import type { ApiHandlers } from '@core/api/handlers';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import type { GrafanaServerStatus } from '@shared/api/types';
import type { ProfileView } from '@shared/api/profile-types';
import { testCoreServices } from '../../helpers/core-services';

function upSeries(nowMs: number): RawSeries {
  const n = 40;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = nowMs - (n - i) * 15_000;
    values[i] = 1;
  }
  return { labels: { __name__: 'up', job: 'node', instance: 'n1:9100' }, timestamps, values };
}

describe('grafana.start / stop', () => {
  let servers: RemoteReadServer[];
  let handlers: ApiHandlers;
  let profile: ProfileView;
  beforeAll(async () => {
    servers = [await startRemoteReadServer({ series: () => [upSeries(Date.now())] }), await startRemoteReadServer({ series: () => [upSeries(Date.now())] })];
    handlers = createApiHandlers(await testCoreServices());
    const saved = await dispatchCall(handlers, 'profiles.save', {
      profile: {
        name: 'pair',
        nodes: servers.map((s, i) => ({ name: `n${i}`, endpoint: { url: s.url } })),
        mergeStrategy: 'union',
        timeoutMs: 10_000,
        partialPolicy: 'partial',
        compat: 'prometheus3',
      },
    });
    expect(saved.ok).toBe(true);
    profile = (saved as { value: ProfileView }).value;
  });
  afterAll(async () => {
    await dispatchCall(handlers, 'grafana.stop', { profileId: profile.id });
    await Promise.all(servers.map((s) => s.close()));
  });

  it('serves the merged cluster on a loopback URL until stopped', async () => {
    const started = await dispatchCall(handlers, 'grafana.start', { profileId: profile.id, port: 0 });
    expect(started.ok).toBe(true);
    const status = (started as { value: GrafanaServerStatus }).value;
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${status.url}/api/v1/query?query=count(up)`);
    expect(await r.json()).toMatchObject({ status: 'success', data: { resultType: 'vector', result: [{ value: [expect.any(Number), '1'] }] } });
    expect(await dispatchCall(handlers, 'grafana.list', undefined)).toMatchObject({ ok: true, value: [{ profileId: profile.id, url: status.url }] });
    await dispatchCall(handlers, 'grafana.stop', { profileId: profile.id });
    await expect(fetch(`${status.url}/-/ready`)).rejects.toThrow();
    expect(await dispatchCall(handlers, 'grafana.list', undefined)).toMatchObject({ ok: true, value: [] });
  });
});
