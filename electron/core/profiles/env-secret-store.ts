// The CLI's secret store: read-only, values from environment variables. A profiles file for the CLI holds no
// secret values; each secret reference is resolved from the environment:
//   - `{ "secretRef": "env:NAME" }` reads $NAME (explicit, for hand-written files);
//   - an app-style reference (profile/<id>/node/<id>/<field>) reads, first found:
//       RRX_<PROFILE>_<NODE>_<FIELD>, then RRX_<NODE>_<FIELD>
//     with PROFILE/NODE the names upper-cased, every run of other characters than A-Z0-9 turned into `_`, and FIELD
//     PASSWORD (basic_auth.password), CREDENTIALS (authorization.credentials), CLIENT_SECRET (oauth2.client_secret),
//     TLS_KEY (tls_config.key), PROXY_USERINFO (user:password of proxy_url), HEADER_<NAME>, PROXY_HEADER_<NAME>
//     (proxy_connect_header, a JSON array of strings). A node's query API adds QUERY_API_ before FIELD
//     (RRX_<NODE>_QUERY_API_PASSWORD); an engine-only node is named like a node (RRX_<ENGINE>_<FIELD>).
// Files (*_file fields) need nothing here: the remote_read client reads them at request time, as Prometheus does.
import { endpointSecretRefs } from './endpoint-secrets';
import type { SecretStore } from './secret-store';
import { ProfileError, type ProfilesDocument } from './types';

export function envSlug(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The FIELD part for a reference's last path segment. */
export function envFieldOf(field: string): string | undefined {
  switch (field) {
    case 'basicAuth.password':
      return 'PASSWORD';
    case 'authorization.credentials':
      return 'CREDENTIALS';
    case 'oauth2.clientSecret':
      return 'CLIENT_SECRET';
    case 'tlsConfig.key':
      return 'TLS_KEY';
    case 'proxyUrl.userinfo':
      return 'PROXY_USERINFO';
  }
  if (field.startsWith('headers/')) return `HEADER_${envSlug(decodeURIComponent(field.slice(8)))}`;
  if (field.startsWith('proxyConnectHeader/')) return `PROXY_HEADER_${envSlug(decodeURIComponent(field.slice(19)))}`;
  return undefined;
}

export class EnvSecretStore implements SecretStore {
  readonly backend = 'environment';
  private readonly candidates = new Map<string, string[]>();

  /** `doc` tells which profile and node names an app-style reference belongs to. */
  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    doc?: ProfilesDocument,
  ) {
    for (const p of doc?.profiles ?? []) {
      const add = (name: string, refs: string[], prefix: string) => {
        for (const ref of refs) {
          const m = /^profile\/[^/]+\/(?:node|engine)\/[^/]+\/(?:queryApi\/)?(.+)$/.exec(ref);
          const field = m && envFieldOf(m[1]);
          if (field) this.candidates.set(ref, [`RRX_${envSlug(p.name)}_${envSlug(name)}_${prefix}${field}`, `RRX_${envSlug(name)}_${prefix}${field}`]);
        }
      };
      for (const n of p.nodes ?? []) {
        add(n.name, endpointSecretRefs(n.endpoint ?? { url: '' }), '');
        if (n.queryApi) add(n.name, endpointSecretRefs(n.queryApi), 'QUERY_API_');
      }
      for (const e of p.engines ?? []) add(e.name, endpointSecretRefs(e.queryApi ?? { url: '' }), '');
    }
  }

  /** Environment variable names tried for a reference, most specific first. */
  variablesFor(ref: string): string[] {
    if (ref.startsWith('env:')) return [ref.slice(4)];
    return this.candidates.get(ref) ?? [];
  }

  async get(ref: string): Promise<string | undefined> {
    for (const name of this.variablesFor(ref)) {
      const v = this.env[name];
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  }
  async set(): Promise<void> {
    throw new ProfileError('read-only', 'the command line reads secrets from *_file paths and RRX_* environment variables only');
  }
  async delete(): Promise<void> {
    throw new ProfileError('read-only', 'the command line reads secrets from *_file paths and RRX_* environment variables only');
  }
  isPersistent(): boolean {
    return true;
  }
}
