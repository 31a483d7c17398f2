// Converting between full profiles and their stored form (secrets out to / back from a SecretStore), and checking a
// loaded document holds no secret values (a hand-written CLI file with `password: hunter2` is refused with a hint).
import type { QueryApiConfig } from '@core/engine-node/types';
import { endpointSecretRefs, engineSecretPrefix, joinEndpointSecrets, nodeSecretPrefix, queryApiSecretPrefix, splitEndpointSecrets } from './endpoint-secrets';
import type { SecretStore } from './secret-store';
import type { ClusterProfile, FieldError, ProfilesDocument, StoredProfile, StoredQueryApi } from './types';

export function toStored(p: ClusterProfile): { stored: StoredProfile; secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  const split = (e: QueryApiConfig, prefix: string) => {
    const { stored, secrets: s } = splitEndpointSecrets(e, prefix);
    for (const [k, v] of s) secrets.set(k, v);
    return stored as StoredQueryApi;
  };
  const nodes = p.nodes.map((n) => {
    const { queryApi, ...rest } = n;
    const endpoint = split(n.endpoint, nodeSecretPrefix(p.id, n.id));
    return { ...rest, endpoint, ...(queryApi ? { queryApi: split(queryApi, queryApiSecretPrefix(p.id, n.id)) } : {}) };
  });
  const { engines, ...profile } = p;
  const stored: StoredProfile = { ...profile, nodes };
  if (engines) stored.engines = engines.map((e) => ({ ...e, queryApi: split(e.queryApi, engineSecretPrefix(p.id, e.id)) }));
  return { stored, secrets };
}

export function storedSecretRefs(p: StoredProfile): string[] {
  return [
    ...p.nodes.flatMap((n) => [...endpointSecretRefs(n.endpoint), ...(n.queryApi ? endpointSecretRefs(n.queryApi) : [])]),
    ...(p.engines ?? []).flatMap((e) => endpointSecretRefs(e.queryApi)),
  ];
}

/** Full profile from its stored form; references the store cannot resolve are listed in `missing`. */
export async function fromStored(p: StoredProfile, store: SecretStore): Promise<{ profile: ClusterProfile; missing: string[] }> {
  const values = new Map<string, string>();
  for (const ref of storedSecretRefs(p)) {
    const v = await store.get(ref);
    if (v !== undefined) values.set(ref, v);
  }
  const missing: string[] = [];
  const join = (e: StoredQueryApi): QueryApiConfig => {
    const j = joinEndpointSecrets(e, values);
    missing.push(...j.missing);
    return j.endpoint;
  };
  const nodes = p.nodes.map((n) => {
    const { queryApi, ...rest } = n;
    return { ...rest, endpoint: join(n.endpoint), ...(queryApi ? { queryApi: join(queryApi) } : {}) };
  });
  const { engines, ...profile } = p;
  const full: ClusterProfile = { ...profile, nodes };
  if (engines) full.engines = engines.map((e) => ({ ...e, queryApi: join(e.queryApi) }));
  return { profile: full, missing };
}

const SECRET_SLOTS: ReadonlyArray<readonly [string, string, string]> = [
  ['basicAuth', 'password', 'passwordFile'],
  ['authorization', 'credentials', 'credentialsFile'],
  ['oauth2', 'clientSecret', 'clientSecretFile'],
  ['tlsConfig', 'key', 'keyFile'],
];

const isRef = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { secretRef?: unknown }).secretRef === 'string';

/** Every place a loaded document holds a secret value instead of a reference. */
export function inlineSecretErrors(doc: ProfilesDocument): FieldError[] {
  const errors: FieldError[] = [];
  const hint = (file: string) => `secret values are not kept in profile files; use ${file} or {"secretRef": "env:VARIABLE"}`;
  const blocks = (p: StoredProfile, pi: number) => [
    ...(p.nodes ?? []).flatMap((n, ni) => [
      { e: n.endpoint, at: `profiles[${pi}].nodes[${ni}].endpoint` },
      ...(n.queryApi ? [{ e: n.queryApi, at: `profiles[${pi}].nodes[${ni}].queryApi` }] : []),
    ]),
    ...(p.engines ?? []).map((g, gi) => ({ e: g.queryApi, at: `profiles[${pi}].engines[${gi}].queryApi` })),
  ];
  doc.profiles.forEach((p, pi) =>
    blocks(p, pi).forEach(({ e: block, at }) => {
      const e = (block ?? {}) as unknown as Record<string, Record<string, unknown> | undefined>;
      for (const [block, field, file] of SECRET_SLOTS) {
        const v = e[block]?.[field];
        if (v !== undefined && !isRef(v)) errors.push({ path: `${at}.${block}.${field}`, message: hint(file) });
      }
      for (const block of ['headers', 'proxyConnectHeader']) {
        for (const [k, v] of Object.entries(e[block] ?? {})) {
          if (!isRef(v)) errors.push({ path: `${at}.${block}.${k}`, message: hint('an RRX_* environment variable') });
        }
      }
    }),
  );
  return errors;
}
