// Converting between full profiles and their stored form (secrets out to / back from a SecretStore), and checking a
// loaded document holds no secret values (a hand-written CLI file with `password: hunter2` is refused with a hint).
import { endpointSecretRefs, joinEndpointSecrets, nodeSecretPrefix, splitEndpointSecrets } from './endpoint-secrets';
import type { SecretStore } from './secret-store';
import type { ClusterProfile, FieldError, ProfilesDocument, StoredProfile } from './types';

export function toStored(p: ClusterProfile): { stored: StoredProfile; secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  const nodes = p.nodes.map((n) => {
    const { stored, secrets: s } = splitEndpointSecrets(n.endpoint, nodeSecretPrefix(p.id, n.id));
    for (const [k, v] of s) secrets.set(k, v);
    return { ...n, endpoint: stored };
  });
  return { stored: { ...p, nodes }, secrets };
}

export function storedSecretRefs(p: StoredProfile): string[] {
  return p.nodes.flatMap((n) => endpointSecretRefs(n.endpoint));
}

/** Full profile from its stored form; references the store cannot resolve are listed in `missing`. */
export async function fromStored(p: StoredProfile, store: SecretStore): Promise<{ profile: ClusterProfile; missing: string[] }> {
  const values = new Map<string, string>();
  for (const ref of storedSecretRefs(p)) {
    const v = await store.get(ref);
    if (v !== undefined) values.set(ref, v);
  }
  const missing: string[] = [];
  const nodes = p.nodes.map((n) => {
    const j = joinEndpointSecrets(n.endpoint, values);
    missing.push(...j.missing);
    return { ...n, endpoint: j.endpoint };
  });
  return { profile: { ...p, nodes }, missing };
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
  doc.profiles.forEach((p, pi) =>
    (p.nodes ?? []).forEach((n, ni) => {
      const e = (n.endpoint ?? {}) as unknown as Record<string, Record<string, unknown> | undefined>;
      const at = `profiles[${pi}].nodes[${ni}].endpoint`;
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
