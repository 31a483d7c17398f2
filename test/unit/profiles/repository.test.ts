import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '@shared/api/profile-types';
import { JsonFileProfileStorage, MemoryProfileStorage, MemorySecretStore, ProfileError, ProfileRepository, clusterSpecOf, loadCliProfile } from '@core/profiles';

function setup() {
  let n = 0;
  const storage = new MemoryProfileStorage();
  const secrets = new MemorySecretStore();
  const repo = new ProfileRepository(storage, secrets, () => `id${++n}`);
  return { storage, secrets, repo };
}

const input = (): ProfileInput => ({
  name: 'HA pair',
  nodes: [
    {
      name: 'a',
      endpoint: {
        url: 'http://127.0.0.1:9091/api/v1/read',
        basicAuth: { username: 'reader' },
        headerNames: ['X-Scope-OrgID'],
        secrets: { basicAuthPassword: { action: 'set', value: 'pw-a' }, headers: { action: 'set', value: { 'X-Scope-OrgID': 'tenant' } } },
      },
    },
    { name: 'b', endpoint: { url: 'http://127.0.0.1:9092/api/v1/read', authorization: { type: 'Bearer' }, secrets: { authorizationCredentials: { action: 'set', value: 'tok-b' } } } },
  ],
  replicaLabel: 'replica',
  mergeStrategy: 'penalty',
  timeoutMs: 30_000,
  partialPolicy: 'partial',
  compat: 'prometheus3',
});

describe('ProfileRepository', () => {
  it('creates a profile: the document holds references, the store holds values, the view only flags', async () => {
    const { storage, secrets, repo } = setup();
    const view = await repo.save(input());
    expect(view.id).toBe('id3'); // node ids first, then the profile's
    expect(view.nodes.map((n) => n.id)).toEqual(['id1', 'id2']);
    expect(view.nodes[0].endpoint.secrets.basicAuthPassword).toEqual({ set: true });
    expect(view.nodes[0].endpoint.headerNames).toEqual(['X-Scope-OrgID']);
    const disk = JSON.stringify(storage.peek());
    expect(disk).not.toContain('pw-a');
    expect(disk).not.toContain('tok-b');
    expect(disk).not.toContain('tenant');
    expect(secrets.refs()).toEqual([
      'profile/id3/node/id1/basicAuth.password',
      'profile/id3/node/id1/headers/X-Scope-OrgID',
      'profile/id3/node/id2/authorization.credentials',
    ]);
    const state = await repo.state();
    expect(state.activeId).toBe('id3');
    expect(state.secretStorage).toEqual({ persistent: false, backend: 'memory', note: 'Secrets are kept in memory only and must be entered again after a restart.' });
    const { profile } = await repo.get('HA pair');
    expect(profile.nodes[0].endpoint.basicAuth).toEqual({ username: 'reader', password: 'pw-a' });
    expect(clusterSpecOf(profile)).toMatchObject({ name: 'HA pair', strategy: 'penalty', replicaLabel: 'replica', nodes: [{ index: 0, name: 'a' }, { index: 1, name: 'b' }] });
  });

  it('updates with secret patches: keep, replace, clear', async () => {
    const { secrets, repo } = setup();
    const created = await repo.save(input());
    const update = input();
    update.id = created.id;
    update.nodes[0].id = created.nodes[0].id;
    update.nodes[1].id = created.nodes[1].id;
    update.nodes[0].endpoint.secrets = { basicAuthPassword: { action: 'keep' } }; // headers: absent = keep
    update.nodes[1].endpoint.secrets = { authorizationCredentials: { action: 'clear' } };
    await repo.save(update);
    let { profile } = await repo.get(created.id);
    expect(profile.nodes[0].endpoint.basicAuth?.password).toBe('pw-a');
    expect(profile.nodes[0].endpoint.headers).toEqual({ 'X-Scope-OrgID': 'tenant' });
    expect(profile.nodes[1].endpoint.authorization).toEqual({ type: 'Bearer' });
    expect(secrets.refs()).not.toContain(`profile/${created.id}/node/${created.nodes[1].id}/authorization.credentials`);

    update.nodes[0].endpoint.secrets = { basicAuthPassword: { action: 'set', value: 'new-pw' } };
    await repo.save(update);
    ({ profile } = await repo.get(created.id));
    expect(profile.nodes[0].endpoint.basicAuth?.password).toBe('new-pw');
  });

  it('reports invalid input with field paths and a typed error', async () => {
    const { repo } = setup();
    const bad = input();
    bad.nodes[1].endpoint.url = 'not a url';
    bad.nodes[0].endpoint.headerNames = ['X-New'];
    bad.nodes[0].endpoint.secrets = {};
    try {
      await repo.save(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      expect((e as ProfileError).fieldErrors).toEqual([{ path: 'nodes[0].endpoint.headers.X-New', message: 'enter a value for this header' }]);
    }
    delete bad.nodes[0].endpoint.headerNames;
    await expect(repo.save(bad)).rejects.toMatchObject({ kind: 'invalid', fieldErrors: [{ path: 'nodes[1].endpoint.url', message: 'must start with http:// or https://' }] });
  });

  it('duplicates with new ids and its own secret copies; deletes remove secrets; setActive checks the id', async () => {
    const { secrets, repo } = setup();
    const a = await repo.save(input());
    const b = await repo.duplicate(a.id);
    expect(b.name).toBe('HA pair (copy)');
    expect(b.id).not.toBe(a.id);
    expect((await repo.duplicate(a.id)).name).toBe('HA pair (copy 2)');
    expect((await repo.get(b.id)).profile.nodes[1].endpoint.authorization?.credentials).toBe('tok-b');
    await repo.delete(a.id);
    expect(secrets.refs().some((r) => r.startsWith(`profile/${a.id}/`))).toBe(false);
    expect((await repo.get(b.id)).profile.nodes[0].endpoint.basicAuth?.password).toBe('pw-a');
    expect((await repo.state()).activeId).toBe(b.id);
    await repo.setActive(b.id);
    await expect(repo.setActive('nope')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(repo.delete('nope')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lists a secret as not set when a non-persistent store lost it (after a restart)', async () => {
    const { storage, repo } = setup();
    await repo.save(input());
    const restarted = new ProfileRepository(storage, new MemorySecretStore());
    const [view] = (await restarted.state()).profiles;
    expect(view.nodes[0].endpoint.secrets.basicAuthPassword).toEqual({ set: false });
    expect((await restarted.get(view.id)).missingSecrets).toHaveLength(3);
  });

  it('migrates an old stored document once and writes it back', async () => {
    const storage = new MemoryProfileStorage({ schemaVersion: 2, activeId: null, profiles: [{ id: 'p', name: 'old', nodes: [{ id: 'n', name: 'a', endpoint: { url: 'http://a/api/v1/read' } }], mergeStrategy: 'union', timeoutMs: 1000 }] });
    const repo = new ProfileRepository(storage, new MemorySecretStore());
    expect((await repo.state()).profiles[0]).toMatchObject({ partialPolicy: 'partial', compat: 'prometheus3' });
    expect((storage.peek() as { schemaVersion: number }).schemaVersion).toBe(4);
  });

  it('works the same over a JSON file; the CLI reads it with secrets from RRX_* variables only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rrx-profiles-'));
    const path = join(dir, 'profiles.json');
    const repo = new ProfileRepository(new JsonFileProfileStorage(path), new MemorySecretStore(), (() => {
      let n = 0;
      return () => `f${++n}`;
    })());
    await repo.save(input());
    expect(await readFile(path, 'utf8')).not.toContain('pw-a');
    const { profile, missingSecrets } = await loadCliProfile(path, 'HA pair', { RRX_A_PASSWORD: 'env-pw', RRX_HA_PAIR_B_CREDENTIALS: 'env-tok' });
    expect(profile.nodes[0].endpoint.basicAuth?.password).toBe('env-pw');
    expect(profile.nodes[1].endpoint.authorization?.credentials).toBe('env-tok');
    expect(missingSecrets).toEqual([
      { ref: 'profile/f3/node/f1/headers/X-Scope-OrgID', variables: ['RRX_HA_PAIR_A_HEADER_X_SCOPE_ORGID', 'RRX_A_HEADER_X_SCOPE_ORGID'] },
    ]);
    await expect(loadCliProfile(path, 'nope', {})).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses a hand-written CLI file with an inline secret, saying where and what to use instead', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rrx-profiles-'));
    const path = join(dir, 'profiles.json');
    const doc = {
      schemaVersion: 3,
      profiles: [
        {
          id: 'p',
          name: 'hand',
          mergeStrategy: 'union',
          timeoutMs: 1000,
          partialPolicy: 'partial',
          nodes: [
            { id: 'a', name: 'a', endpoint: { url: 'http://a/api/v1/read', basicAuth: { username: 'u', password: 'hunter2' } } },
            { id: 'b', name: 'b', endpoint: { url: 'http://b/api/v1/read', authorization: { credentials: { secretRef: 'env:B_TOKEN' } } } },
          ],
        },
      ],
    };
    await writeFile(path, JSON.stringify(doc));
    await expect(loadCliProfile(path, 'hand', {})).rejects.toMatchObject({
      kind: 'invalid',
      fieldErrors: [
        {
          path: 'profiles[0].nodes[0].endpoint.basicAuth.password',
          message: 'secret values are not kept in profile files; use passwordFile or {"secretRef": "env:VARIABLE"}',
        },
      ],
    });
    doc.profiles[0].nodes[0].endpoint.basicAuth = { username: 'u', passwordFile: '/run/secrets/a' } as never;
    await writeFile(path, JSON.stringify(doc));
    const { profile } = await loadCliProfile(path, 'hand', { B_TOKEN: 'tb' });
    expect(profile.nodes[0].endpoint.basicAuth).toEqual({ username: 'u', passwordFile: '/run/secrets/a' });
    expect(profile.nodes[1].endpoint.authorization).toEqual({ credentials: 'tb' });
  });
});
