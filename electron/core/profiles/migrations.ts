// Versioned migrations of the persisted profiles document, from schemaVersion 1 to CURRENT_SCHEMA_VERSION. Each
// step is a pure function of the previous version's JSON and has its own test; never edits the input object.
//
// v1 (first prototype): endpoint fields flat on the node (`url`, `basicAuth`, `headers`, …), merge strategy as
//     `strategy`, request timeout as `timeoutSeconds`, active profile as `active`.
// v2: endpoint nested under `node.endpoint` (EndpointConfig), `mergeStrategy`, `timeoutMs`, `activeId`.
// v3: `partialPolicy` (default 'partial') and `compat` (default 'prometheus3') always present.
// v4: PromQL engines — `engines` (engine-only nodes: {id, name, queryApi}) always present, default []; nodes may
//     carry `queryApi` (their own PromQL HTTP API) and `group` (HA group), both optional and absent after migrating.
import { ProfileError, type ProfilesDocument } from './types';

export const CURRENT_SCHEMA_VERSION = 4;

type Json = Record<string, unknown>;
type Migration = (doc: Json) => Json;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

const ENDPOINT_KEYS_V1 = [
  'url',
  'remoteTimeoutMs',
  'headers',
  'basicAuth',
  'authorization',
  'oauth2',
  'tlsConfig',
  'proxyUrl',
  'noProxy',
  'proxyFromEnvironment',
  'proxyConnectHeader',
  'followRedirects',
  'enableHttp2',
  'requiredMatchers',
  'filterExternalLabels',
  'acceptedResponseTypes',
];

/** MIGRATIONS[v] turns a version-v document into version v+1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (doc) => ({
    schemaVersion: 2,
    activeId: typeof doc.active === 'string' ? doc.active : null,
    profiles: list(doc.profiles).map((p) => {
      const { strategy, timeoutSeconds, nodes, ...rest } = p;
      return {
        ...rest,
        mergeStrategy: strategy ?? 'union',
        timeoutMs: typeof timeoutSeconds === 'number' ? Math.round(timeoutSeconds * 1000) : 30_000,
        nodes: list(nodes).map((n) => {
          const endpoint: Json = {};
          const node: Json = {};
          for (const [k, v] of Object.entries(n)) (ENDPOINT_KEYS_V1.includes(k) ? endpoint : node)[k] = v;
          return { ...node, endpoint };
        }),
      };
    }),
  }),
  2: (doc) => ({
    ...doc,
    schemaVersion: 3,
    profiles: list(doc.profiles).map((p) => ({ ...p, partialPolicy: p.partialPolicy ?? 'partial', compat: p.compat ?? 'prometheus3' })),
  }),
  3: (doc) => ({
    ...doc,
    schemaVersion: 4,
    profiles: list(doc.profiles).map((p) => ({ ...p, engines: Array.isArray(p.engines) ? p.engines : [] })),
  }),
};

/** An empty document at the current version. */
export function emptyDocument(): ProfilesDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, profiles: [], activeId: null };
}

/**
 * Bring a loaded document to the current version. `undefined` (nothing stored yet) gives an empty document; a
 * newer version than we know, or something that is not a profiles document, is a ProfileError.
 */
export function migrateDocument(raw: unknown): { doc: ProfilesDocument; migrated: boolean } {
  if (raw === undefined || raw === null) return { doc: emptyDocument(), migrated: false };
  if (!isObject(raw) || !Array.isArray(raw.profiles)) throw new ProfileError('corrupt-document', 'the profiles file is not a profiles document');
  let doc: Json = raw;
  let v = raw.schemaVersion === undefined ? 1 : raw.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ProfileError('corrupt-document', `unknown profiles schemaVersion ${JSON.stringify(v)}`);
  if (v > CURRENT_SCHEMA_VERSION) {
    throw new ProfileError('unsupported-version', `the profiles file is from a newer version of rrx (schema ${v}; this one reads up to ${CURRENT_SCHEMA_VERSION})`);
  }
  const from = v;
  while (v < CURRENT_SCHEMA_VERSION) {
    doc = MIGRATIONS[v](doc);
    v++;
  }
  const activeId = typeof doc.activeId === 'string' ? doc.activeId : null;
  return { doc: { schemaVersion: v, profiles: list(doc.profiles) as unknown as ProfilesDocument['profiles'], activeId }, migrated: v !== from };
}
