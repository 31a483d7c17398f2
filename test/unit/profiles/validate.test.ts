import { describe, expect, it } from 'vitest';
import { formatFieldError, validateProfile, type ClusterProfile } from '@core/profiles';

const base = (): ClusterProfile => ({
  id: 'p1',
  name: 'HA pair',
  nodes: [
    { id: 'n1', name: 'a', endpoint: { url: 'http://127.0.0.1:9091/api/v1/read' } },
    { id: 'n2', name: 'b', endpoint: { url: 'https://prom-b.example/api/v1/read' } },
  ],
  replicaLabel: 'replica',
  mergeStrategy: 'penalty',
  timeoutMs: 30_000,
  partialPolicy: 'partial',
  compat: 'prometheus3',
});

describe('validateProfile', () => {
  it('accepts a sound profile', () => expect(validateProfile(base())).toEqual([]));

  it('names each bad field by path', () => {
    const p = base();
    p.nodes[1].endpoint.url = 'ftp://x';
    p.nodes[1].name = 'A';
    p.replicaLabel = '1bad';
    p.timeoutMs = 5;
    expect(validateProfile(p).map(formatFieldError)).toEqual([
      'replicaLabel: must be a label name (letters, digits, _; not starting with a digit)',
      'timeoutMs: must be a whole number of milliseconds from 100 to 3600000',
      'nodes[1].name: another node is already called "A"',
      'nodes[1].endpoint.url: must start with http:// or https://',
    ]);
  });

  it('the query timeout is optional and bounded (1 s to 1 h)', () => {
    const p = base();
    p.queryTimeoutMs = 120_000;
    expect(validateProfile(p)).toEqual([]);
    p.queryTimeoutMs = 500;
    expect(validateProfile(p).map(formatFieldError)).toEqual(['queryTimeoutMs: must be a whole number of milliseconds from 1000 to 3600000']);
  });

  it('applies Prometheus remote_read rules', () => {
    const p = base();
    p.nodes[0].endpoint = {
      url: 'http://u:p@h/api/v1/read',
      basicAuth: { username: 'u', password: 'x', passwordFile: '/f' },
      authorization: { type: 'Basic', credentials: 't' },
      tlsConfig: { cert: 'PEM', ca: 'PEM', caFile: '/ca' },
      noProxy: 'localhost',
      headers: { 'X-Scope-OrgID': 't1', Authorization: 'Bearer x', 'User-Agent': 'me' },
      acceptedResponseTypes: [],
    };
    expect(validateProfile(p).map(formatFieldError)).toEqual([
      'nodes[0].endpoint.url: must not contain user:password; use basic auth',
      'nodes[0].endpoint: at most one of basic_auth, authorization and oauth2 may be configured (found basic_auth, authorization)',
      'nodes[0].endpoint.basicAuth.passwordFile: set either password or password_file, not both',
      'nodes[0].endpoint.authorization.type: use basic_auth instead of authorization type Basic',
      'nodes[0].endpoint.tlsConfig.caFile: set either ca or ca_file, not both',
      'nodes[0].endpoint.tlsConfig.key: client certificate and key must be configured together',
      'nodes[0].endpoint.noProxy: needs proxy_url',
      'nodes[0].endpoint.headers.Authorization: set it with basic_auth, authorization or oauth2',
      'nodes[0].endpoint.headers.User-Agent: is set by the client and cannot be overridden',
      'nodes[0].endpoint.acceptedResponseTypes: must list at least one response type',
    ]);
  });

  it('requires at least one node', () => {
    expect(validateProfile({ ...base(), nodes: [] }).map(formatFieldError)).toEqual(['nodes: add at least one node']);
  });
});
