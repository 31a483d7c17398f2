// Runtime schemas of the structured requests (profiles, queries). Kept next to the types they must match; the
// `satisfies` checks below make the compiler prove schema and type agree.
import { s, type Infer, type Schema } from '../schema';
import { MERGE_STRATEGY_NAMES, type EndpointInput, type ProfileInput } from './profile-types';
import { MAX_MEMORY_BUDGET_BYTES, MIN_MEMORY_BUDGET_BYTES, type QueryRequest } from './query-types';

export const strategySchema = s.enum(MERGE_STRATEGY_NAMES);

const str = (max = 4096) => s.string({ maxLength: max });
const optStr = (max = 4096) => s.optional(str(max));
const stringMap = s.optional(s.record(str()));

const secretPatch = s.optional(
  s.union(s.object({ action: s.literal('keep') }), s.object({ action: s.literal('set'), value: str(1_000_000) }), s.object({ action: s.literal('clear') })),
);

const endpointShape = {
  url: s.string({ minLength: 1, maxLength: 4096 }),
  name: optStr(200),
  remoteTimeoutMs: s.optional(s.number({ integer: true, min: 1, max: 3_600_000 })),
  headerNames: s.optional(s.array(str(256), { maxItems: 100 })),
  basicAuth: s.optional(s.object({ username: optStr(), passwordFile: optStr() })),
  authorization: s.optional(s.object({ type: optStr(100), credentialsFile: optStr() })),
  oauth2: s.optional(
    s.object({
      clientId: str(),
      clientSecretFile: optStr(),
      tokenUrl: str(),
      scopes: s.optional(s.array(str(256), { maxItems: 100 })),
      endpointParams: stringMap,
    }),
  ),
  tlsConfig: s.optional(
    s.object({
      ca: optStr(1_000_000),
      caFile: optStr(),
      cert: optStr(1_000_000),
      certFile: optStr(),
      keyFile: optStr(),
      serverName: optStr(),
      insecureSkipVerify: s.optional(s.boolean()),
      minVersion: s.optional(s.enum(['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const)),
    }),
  ),
  proxyUrl: optStr(),
  noProxy: optStr(),
  proxyFromEnvironment: s.optional(s.boolean()),
  followRedirects: s.optional(s.boolean()),
  enableHttp2: s.optional(s.boolean()),
  requiredMatchers: stringMap,
  filterExternalLabels: s.optional(s.boolean()),
  acceptedResponseTypes: s.optional(s.array(s.enum(['SAMPLES', 'STREAMED_XOR_CHUNKS'] as const), { maxItems: 2 })),
  secrets: s.optional(
    s.object({
      basicAuthPassword: secretPatch,
      authorizationCredentials: secretPatch,
      oauth2ClientSecret: secretPatch,
      tlsKey: secretPatch,
      headers: s.optional(
        s.union(s.object({ action: s.literal('keep') }), s.object({ action: s.literal('set'), value: s.record(str()) }), s.object({ action: s.literal('clear') })),
      ),
    }),
  ),
};
export const endpointInputSchema = s.object(endpointShape);

const engineOptionsSchema = s.optional(
  s.object({ dedup: s.optional(s.boolean()), partialResponse: s.optional(s.boolean()), replicaLabels: s.optional(s.array(str(256), { maxItems: 20 })), tenant: optStr(256) }),
);
const queryApiInputSchema = s.object({ ...endpointShape, engine: engineOptionsSchema });

export const profileInputSchema = s.object({
  id: optStr(200),
  name: s.string({ minLength: 1, maxLength: 200 }),
  nodes: s.array(
    s.object({ id: optStr(200), name: s.string({ minLength: 1, maxLength: 200 }), endpoint: endpointInputSchema, queryApi: s.optional(queryApiInputSchema), group: optStr(200) }),
    { maxItems: 64 },
  ),
  engines: s.optional(s.array(s.object({ id: optStr(200), name: s.string({ minLength: 1, maxLength: 200 }), queryApi: queryApiInputSchema }), { maxItems: 16 })),
  replicaLabel: optStr(256),
  mergeStrategy: strategySchema,
  timeoutMs: s.number({ integer: true, min: 100, max: 3_600_000 }),
  queryTimeoutMs: s.optional(s.number({ integer: true, min: 1000, max: 3_600_000 })),
  maxMemoryBytes: s.optional(s.number({ integer: true, min: MIN_MEMORY_BUDGET_BYTES, max: MAX_MEMORY_BUDGET_BYTES })),
  partialPolicy: s.enum(['partial', 'strict'] as const),
  compat: s.enum(['prometheus3', 'prometheus2'] as const),
});

export const queryRequestSchema = s.object({
  queryId: s.string({ minLength: 1, maxLength: 200 }),
  profileId: s.string({ minLength: 1, maxLength: 200 }),
  expr: s.string({ maxLength: 100_000 }),
  kind: s.enum(['range', 'instant'] as const),
  startMs: s.optional(s.number()),
  endMs: s.optional(s.number()),
  stepMs: s.optional(s.number({ min: 1 })),
  timeMs: s.optional(s.number()),
  strategy: s.optional(strategySchema),
  perNode: s.optional(s.boolean()),
  findings: s.optional(s.boolean()),
  partialPolicy: s.optional(s.enum(['partial', 'strict'] as const)),
  lookbackDeltaMs: s.optional(s.number({ min: 1 })),
  mode: s.optional(s.enum(['local', 'pushdown', 'delegate', 'auto'] as const)),
  delegateTo: s.optional(s.string({ minLength: 1, maxLength: 4096 })),
  maxMemoryBytes: s.optional(s.number({ integer: true, min: MIN_MEMORY_BUDGET_BYTES, max: MAX_MEMORY_BUDGET_BYTES })),
});

// Compile-time proof that each schema describes exactly its contract type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _endpointOk: Same<Infer<typeof endpointInputSchema>, EndpointInput> = true;
const _profileOk: Same<Infer<typeof profileInputSchema>, ProfileInput> = true;
const _queryOk: Same<Infer<typeof queryRequestSchema>, QueryRequest> = true;
void _endpointOk;
void _profileOk;
void _queryOk;
export type { Schema };
