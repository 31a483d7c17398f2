import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, ProfileError, migrateDocument } from '@core/profiles';

const v1 = {
  schemaVersion: 1,
  active: 'p1',
  profiles: [
    {
      id: 'p1',
      name: 'old',
      strategy: 'prefer-first',
      timeoutSeconds: 12.5,
      replicaLabel: 'replica',
      nodes: [{ id: 'n1', name: 'a', url: 'http://a:9090/api/v1/read', basicAuth: { username: 'u', password: { secretRef: 'profile/p1/node/n1/basicAuth.password' } } }],
    },
  ],
};

describe('profile document migrations', () => {
  it('is at version 4', () => expect(CURRENT_SCHEMA_VERSION).toBe(4));

  it('1 → 2 nests the endpoint and renames strategy/timeout/active', () => {
    expect(MIGRATIONS[1](structuredClone(v1))).toEqual({
      schemaVersion: 2,
      activeId: 'p1',
      profiles: [
        {
          id: 'p1',
          name: 'old',
          mergeStrategy: 'prefer-first',
          timeoutMs: 12_500,
          replicaLabel: 'replica',
          nodes: [
            { id: 'n1', name: 'a', endpoint: { url: 'http://a:9090/api/v1/read', basicAuth: { username: 'u', password: { secretRef: 'profile/p1/node/n1/basicAuth.password' } } } },
          ],
        },
      ],
    });
  });

  it('2 → 3 fills partialPolicy and compat, keeping set values', () => {
    const v2 = { schemaVersion: 2, activeId: null, profiles: [{ id: 'a' }, { id: 'b', partialPolicy: 'strict', compat: 'prometheus2' }] };
    expect(MIGRATIONS[2](v2)).toEqual({
      schemaVersion: 3,
      activeId: null,
      profiles: [
        { id: 'a', partialPolicy: 'partial', compat: 'prometheus3' },
        { id: 'b', partialPolicy: 'strict', compat: 'prometheus2' },
      ],
    });
  });

  it('3 → 4 adds an empty engines list, keeping engines already there and every node as it was', () => {
    const node = { id: 'n', name: 'a', endpoint: { url: 'http://a:9090/api/v1/read' } };
    const engine = { id: 'e', name: 'thanos', queryApi: { url: 'http://thanos:10902', engine: { dedup: true } } };
    const v3 = { schemaVersion: 3, activeId: 'a', profiles: [{ id: 'a', nodes: [node] }, { id: 'b', nodes: [], engines: [engine] }] };
    expect(MIGRATIONS[3](structuredClone(v3))).toEqual({
      schemaVersion: 4,
      activeId: 'a',
      profiles: [
        { id: 'a', nodes: [node], engines: [] },
        { id: 'b', nodes: [], engines: [engine] },
      ],
    });
  });

  it('chains every step from 1 and does not touch its input', () => {
    const input = structuredClone(v1);
    const { doc, migrated } = migrateDocument(input);
    expect(migrated).toBe(true);
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.profiles[0]).toMatchObject({ mergeStrategy: 'prefer-first', partialPolicy: 'partial', compat: 'prometheus3' });
    expect(input).toEqual(v1);
  });

  it('treats a missing schemaVersion as 1, nothing stored as empty, and refuses newer or foreign documents', () => {
    expect(migrateDocument({ profiles: [] }).doc).toEqual({ schemaVersion: 4, profiles: [], activeId: null });
    expect(migrateDocument(undefined)).toEqual({ doc: { schemaVersion: 4, profiles: [], activeId: null }, migrated: false });
    expect(() => migrateDocument({ schemaVersion: 99, profiles: [] })).toThrowError(/newer version of rrx/);
    try {
      migrateDocument({ hello: 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as ProfileError).kind).toBe('corrupt-document');
    }
  });
});
