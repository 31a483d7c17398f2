import { describe, expect, it } from 'vitest';
import { MemoryProfileStorage, MemorySecretStore, ProfileError, ProfileRepository, exportPrometheusYaml, importPrometheusYaml } from '@core/profiles';

const PROMETHEUS_YML = `
global:
  scrape_interval: 15s
remote_read:
  - url: http://prom-a:9090/api/v1/read
    name: prom-a
    remote_timeout: 1m30s
    read_recent: true
    required_matchers:
      job: node
    filter_external_labels: false
    basic_auth:
      username: reader
      password_file: /etc/prometheus/pw-a
    tls_config:
      ca_file: /etc/prometheus/ca.pem
      cert_file: /etc/prometheus/client.pem
      key_file: /etc/prometheus/client-key.pem
      server_name: prom-a.internal
      insecure_skip_verify: false
      min_version: TLS12
    proxy_url: http://proxy:3128
    no_proxy: localhost,127.0.0.1
    proxy_connect_header:
      X-Proxy-Auth: [abc]
    follow_redirects: false
    enable_http2: false
  - url: http://prom-b:9090/api/v1/read
    remote_timeout: 500ms
    headers:
      X-Scope-OrgID: tenant-1
    authorization:
      type: Bearer
      credentials: inline-token
  - url: https://prom-c/api/v1/read
    oauth2:
      client_id: rrx
      client_secret_file: /etc/prometheus/oauth
      token_url: https://idp/token
      scopes: [read]
      endpoint_params:
        audience: prom
    sigv4:
      region: eu-west-1
`;

const ids = () => {
  let n = 0;
  return () => `id${++n}`;
};

describe('prometheus.yml import', () => {
  it('maps every remote_read entry to a node, with Prometheus field names and durations', () => {
    const { profile, warnings } = importPrometheusYaml(PROMETHEUS_YML, { name: 'from yaml', newId: ids() });
    expect(warnings).toEqual(['remote_read[2].sigv4: not supported, ignored']);
    expect(profile).toMatchObject({ id: 'id4', name: 'from yaml', mergeStrategy: 'union', timeoutMs: 60_000, partialPolicy: 'partial', compat: 'prometheus3' });
    expect(profile.nodes).toEqual([
      {
        id: 'id1',
        name: 'prom-a',
        readRecent: true,
        endpoint: {
          url: 'http://prom-a:9090/api/v1/read',
          name: 'prom-a',
          remoteTimeoutMs: 90_000,
          requiredMatchers: { job: 'node' },
          filterExternalLabels: false,
          basicAuth: { username: 'reader', passwordFile: '/etc/prometheus/pw-a' },
          tlsConfig: {
            caFile: '/etc/prometheus/ca.pem',
            certFile: '/etc/prometheus/client.pem',
            keyFile: '/etc/prometheus/client-key.pem',
            serverName: 'prom-a.internal',
            insecureSkipVerify: false,
            minVersion: 'TLS12',
          },
          proxyUrl: 'http://proxy:3128',
          noProxy: 'localhost,127.0.0.1',
          proxyConnectHeader: { 'X-Proxy-Auth': ['abc'] },
          followRedirects: false,
          enableHttp2: false,
        },
      },
      {
        id: 'id2',
        name: 'prom-b:9090',
        endpoint: {
          url: 'http://prom-b:9090/api/v1/read',
          remoteTimeoutMs: 500,
          headers: { 'X-Scope-OrgID': 'tenant-1' },
          authorization: { type: 'Bearer', credentials: 'inline-token' },
        },
      },
      {
        id: 'id3',
        name: 'prom-c',
        endpoint: {
          url: 'https://prom-c/api/v1/read',
          oauth2: { clientId: 'rrx', clientSecretFile: '/etc/prometheus/oauth', tokenUrl: 'https://idp/token', scopes: ['read'], endpointParams: { audience: 'prom' } },
        },
      },
    ]);
  });

  it('maps the Prometheus 2 bearer_token_file to authorization', () => {
    const { profile } = importPrometheusYaml('remote_read:\n  - url: http://a/api/v1/read\n    bearer_token_file: /t\n', { name: 'x', newId: ids() });
    expect(profile.nodes[0].endpoint.authorization).toEqual({ type: 'Bearer', credentialsFile: '/t' });
  });

  it('reports bad input with field paths', () => {
    const bad = (yaml: string) => {
      try {
        importPrometheusYaml(yaml, { name: 'x', newId: ids() });
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ProfileError);
        return (e as ProfileError).fieldErrors.map((f) => `${f.path}: ${f.message}`);
      }
    };
    expect(bad('global: {}\n')).toEqual(['remote_read: the file has no remote_read entries']);
    expect(bad('remote_read:\n  - url: http://a\n    remote_timeout: 1.5m\n  - name: b\n')).toEqual([
      'remote_read[0].remote_timeout: must be a Prometheus duration such as 1m or 30s',
      'remote_read[1].url: is required',
    ]);
    expect(bad('remote_read: [\n')[0]).toMatch(/^yaml: /);
  });
});

describe('prometheus.yml export', () => {
  const { profile } = importPrometheusYaml(PROMETHEUS_YML, { name: 'from yaml', newId: ids() });

  it('round-trips import → export (with secrets) → import to an equal profile', () => {
    const again = importPrometheusYaml(exportPrometheusYaml(profile, { includeSecrets: true }), { name: 'from yaml', newId: ids() });
    expect(again.profile).toEqual(profile);
  });

  it('leaves inline secrets out unless asked, with a comment; *_file references stay', () => {
    const text = exportPrometheusYaml(profile);
    expect(text).not.toContain('inline-token');
    expect(text).not.toContain('tenant-1');
    expect(text).not.toContain('abc');
    expect(text).toContain('password_file: /etc/prometheus/pw-a');
    expect(text).toContain('client_secret_file: /etc/prometheus/oauth');
    expect(text).toContain('remote_timeout: 1m30s');
    expect(text).toContain('remote_timeout: 500ms');
    expect(text).toContain('# secret values left out: proxy_connect_header (X-Proxy-Auth) (use the *_file fields, or export with secrets)');
    expect(text).toContain('# secret values left out: headers (X-Scope-OrgID), authorization.credentials (use the *_file fields, or export with secrets)');
    // Without secrets, the rest still round-trips.
    const again = importPrometheusYaml(text, { name: 'from yaml', newId: ids() }).profile;
    expect(again.nodes[1].endpoint).toEqual({ url: 'http://prom-b:9090/api/v1/read', remoteTimeoutMs: 500, authorization: { type: 'Bearer' } });
    expect(again.nodes[0]).toEqual({ ...profile.nodes[0], endpoint: { ...profile.nodes[0].endpoint, proxyConnectHeader: undefined } });
  });

  it('exports exactly this text for a small profile', () => {
    const p = importPrometheusYaml('remote_read:\n  - url: http://a:9090/api/v1/read\n    basic_auth: {username: u, password: s3cret}\n', { name: 'small', newId: ids() }).profile;
    expect(exportPrometheusYaml(p)).toBe(
      [
        '# remote_read section of rrx profile "small"',
        '',
        'remote_read:',
        '  # secret values left out: basic_auth.password (use the *_file fields, or export with secrets)',
        '  - url: http://a:9090/api/v1/read',
        '    basic_auth:',
        '      username: u',
        '',
      ].join('\n'),
    );
    expect(exportPrometheusYaml(p, { includeSecrets: true })).toContain('password: s3cret');
  });

  it('imports through the repository: inline secrets land in the SecretStore, the export is redacted by default', async () => {
    const secrets = new MemorySecretStore();
    const repo = new ProfileRepository(new MemoryProfileStorage(), secrets, ids());
    const { view, warnings } = await repo.importYaml(PROMETHEUS_YML, 'imported');
    expect(warnings).toHaveLength(1);
    expect(view.nodes[1].endpoint.secrets.authorizationCredentials).toEqual({ set: true });
    expect(secrets.refs()).toContain(`profile/${view.id}/node/${view.nodes[1].id}/authorization.credentials`);
    expect(await repo.exportYaml(view.id)).not.toContain('inline-token');
    expect(await repo.exportYaml(view.id, true)).toContain('credentials: inline-token');
  });
});
