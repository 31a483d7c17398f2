// Profiles with PromQL engines: a node's own query API and group, engine-only nodes with Thanos/Mimir options —
// secrets in the store (never on disk, never in the view), the spec the pipeline runs on, CLI env variables.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '@shared/api/profile-types';
import { profileInputSchema } from '@shared/api/schemas';
import { JsonFileProfileStorage, MemoryProfileStorage, MemorySecretStore, ProfileRepository, clusterSpecOf, loadCliProfile } from '@core/profiles';

const input = (): ProfileInput => ({
  name: 'fleet',
  nodes: [
    {
      name: 'a',
      group: 'shard-1',
      endpoint: { url: 'http://127.0.0.1:9091/api/v1/read' },
      queryApi: { url: 'http://127.0.0.1:9091', basicAuth: { username: 'q' }, secrets: { basicAuthPassword: { action: 'set', value: 'qpw-a' } } },
    },
    { name: 'b', group: 'shard-1', endpoint: { url: 'http://127.0.0.1:9092/api/v1/read' }, queryApi: { url: 'http://127.0.0.1:9092' } },
  ],
  engines: [
    {
      name: 'thanos',
      queryApi: {
        url: 'http://127.0.0.1:10902',
        engine: { dedup: true, partialResponse: false, replicaLabels: ['replica'], tenant: 'team-a' },
        headerNames: ['X-Extra'],
        secrets: { headers: { action: 'set', value: { 'X-Extra': 'hdr-secret' } } },
      },
    },
  ],
  mergeStrategy: 'union',
  timeoutMs: 30_000,
  partialPolicy: 'partial',
  compat: 'prometheus2',
});

describe('profiles with engine nodes', () => {
  it('the contract schema accepts query APIs, groups and engines', () => {
    expect(profileInputSchema.check(input(), '')).toEqual([]);
    const bad = { ...input(), engines: [{ name: 'x', queryApi: { url: 'http://x', engine: { dedup: 'yes' } } }] };
    expect(profileInputSchema.check(bad, '').map((i) => i.path)).toEqual(['engines[0].queryApi.engine.dedup']);
  });

  it('stores secrets by reference, shows only flags, and gives the pipeline both addresses, groups and engines', async () => {
    let n = 0;
    const storage = new MemoryProfileStorage();
    const secrets = new MemorySecretStore();
    const repo = new ProfileRepository(storage, secrets, () => `id${++n}`);
    const view = await repo.save(input());
    const disk = JSON.stringify(storage.peek());
    expect(disk).not.toContain('qpw-a');
    expect(disk).not.toContain('hdr-secret');
    expect(view.nodes[0].queryApi).toMatchObject({ url: 'http://127.0.0.1:9091', basicAuth: { username: 'q' }, secrets: { basicAuthPassword: { set: true } } });
    expect(view.nodes[0].group).toBe('shard-1');
    expect(view.engines?.[0].queryApi).toMatchObject({ url: 'http://127.0.0.1:10902', engine: { dedup: true, partialResponse: false, replicaLabels: ['replica'], tenant: 'team-a' }, headerNames: ['X-Extra'], secrets: { headers: { set: true } } });
    expect(JSON.stringify(view)).not.toContain('hdr-secret');
    expect(secrets.refs()).toContain(`profile/${view.id}/node/${view.nodes[0].id}/queryApi/basicAuth.password`);
    expect(secrets.refs()).toContain(`profile/${view.id}/engine/${view.engines![0].id}/headers/X-Extra`);

    const { profile } = await repo.get('fleet');
    const spec = clusterSpecOf(profile);
    expect(spec.nodes[0]).toMatchObject({ group: 'shard-1', queryApi: { url: 'http://127.0.0.1:9091', basicAuth: { username: 'q', password: 'qpw-a' } } });
    expect(spec.engines).toEqual([{ name: 'thanos', queryApi: expect.objectContaining({ headers: { 'X-Extra': 'hdr-secret' }, engine: { dedup: true, partialResponse: false, replicaLabels: ['replica'], tenant: 'team-a' } }) }]);

    // Saving the view back with "keep" keeps every secret.
    const again = await repo.save({ ...input(), id: view.id, nodes: view.nodes.map((x, i) => ({ ...input().nodes[i], id: x.id, queryApi: x.queryApi && { url: x.queryApi.url, basicAuth: x.queryApi.basicAuth } })), engines: [{ id: view.engines![0].id, name: 'thanos', queryApi: { url: 'http://127.0.0.1:10902', headerNames: ['X-Extra'] } }] });
    expect(again.nodes[0].queryApi?.secrets.basicAuthPassword).toEqual({ set: true });
    expect(again.engines?.[0].queryApi.secrets.headers).toEqual({ set: true });
  });

  it('refuses a query API URL that is not http(s), naming the field', async () => {
    const repo = new ProfileRepository(new MemoryProfileStorage(), new MemorySecretStore());
    const bad = input();
    bad.nodes[1].queryApi = { url: 'ftp://x' };
    await expect(repo.save(bad)).rejects.toMatchObject({ kind: 'invalid', fieldErrors: [{ path: 'nodes[1].queryApi.url', message: 'must start with http:// or https://' }] });
  });

  it('the CLI resolves query API and engine secrets from RRX_<NODE>_QUERY_API_* and RRX_<ENGINE>_* variables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rrx-profiles-'));
    const path = join(dir, 'profiles.json');
    let n = 0;
    await new ProfileRepository(new JsonFileProfileStorage(path), new MemorySecretStore(), () => `f${++n}`).save(input());
    const { profile, missingSecrets } = await loadCliProfile(path, 'fleet', { RRX_A_QUERY_API_PASSWORD: 'env-q', RRX_FLEET_THANOS_HEADER_X_EXTRA: 'env-h' });
    expect(missingSecrets).toEqual([]);
    expect(profile.nodes[0].queryApi?.basicAuth?.password).toBe('env-q');
    expect(profile.engines?.[0].queryApi.headers).toEqual({ 'X-Extra': 'env-h' });
  });
});
