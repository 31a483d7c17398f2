import { describe, expect, it } from 'vitest';
import { EnvSecretStore, joinEndpointSecrets, redactProfile, splitEndpointSecrets, type ClusterProfile } from '@core/profiles';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';

const full: EndpointConfig = {
  url: 'https://prom-a:9090/api/v1/read',
  name: 'a',
  remoteTimeoutMs: 30_000,
  headers: { 'X-Scope-OrgID': 'tenant-1' },
  basicAuth: { username: 'reader', password: 'hunter2' },
  oauth2: { clientId: 'rrx', clientSecret: 'oauth-secret', tokenUrl: 'https://idp/token', scopes: ['read'] },
  tlsConfig: { ca: 'CA-PEM', cert: 'CERT-PEM', key: 'PRIVATE-KEY-PEM', serverName: 'prom-a' },
  proxyUrl: 'http://proxyuser:proxypass@proxy:3128',
  proxyConnectHeader: { 'Proxy-Token': ['t1', 't2'] },
  requiredMatchers: { job: 'node' },
};

describe('endpoint secrets', () => {
  const prefix = 'profile/p1/node/n1/';
  const { stored, secrets } = splitEndpointSecrets(full, prefix);

  it('keeps only references in the stored form', () => {
    expect(stored).toEqual({
      url: 'https://prom-a:9090/api/v1/read',
      name: 'a',
      remoteTimeoutMs: 30_000,
      headers: { 'X-Scope-OrgID': { secretRef: `${prefix}headers/X-Scope-OrgID` } },
      basicAuth: { username: 'reader', password: { secretRef: `${prefix}basicAuth.password` } },
      oauth2: { clientId: 'rrx', clientSecret: { secretRef: `${prefix}oauth2.clientSecret` }, tokenUrl: 'https://idp/token', scopes: ['read'] },
      tlsConfig: { ca: 'CA-PEM', cert: 'CERT-PEM', key: { secretRef: `${prefix}tlsConfig.key` }, serverName: 'prom-a' },
      proxyUrl: 'http://proxy:3128',
      proxyUrlUserinfo: { secretRef: `${prefix}proxyUrl.userinfo` },
      proxyConnectHeader: { 'Proxy-Token': { secretRef: `${prefix}proxyConnectHeader/Proxy-Token` } },
      requiredMatchers: { job: 'node' },
    });
    const text = JSON.stringify(stored);
    for (const secret of ['hunter2', 'oauth-secret', 'PRIVATE-KEY-PEM', 'tenant-1', 'proxypass', 't2']) expect(text).not.toContain(secret);
    expect(secrets.size).toBe(6);
  });

  it('joins back to the same endpoint, and reports references the store lost', () => {
    expect(joinEndpointSecrets(stored, secrets)).toEqual({ endpoint: full, missing: [] });
    const partial = new Map(secrets);
    partial.delete(`${prefix}basicAuth.password`);
    const j = joinEndpointSecrets(stored, partial);
    expect(j.missing).toEqual([`${prefix}basicAuth.password`]);
    expect(j.endpoint.basicAuth).toEqual({ username: 'reader' });
  });

  it('redacts a profile to set/not-set flags, keeping public PEM and dropping userinfo', () => {
    const p: ClusterProfile = {
      id: 'p1',
      name: 'x',
      nodes: [{ id: 'n1', name: 'a', endpoint: full }],
      mergeStrategy: 'union',
      timeoutMs: 1000,
      partialPolicy: 'partial',
    };
    const view = redactProfile(p);
    expect(view.compat).toBe('prometheus3');
    expect(view.nodes[0].endpoint).toEqual({
      url: 'https://prom-a:9090/api/v1/read',
      name: 'a',
      remoteTimeoutMs: 30_000,
      headerNames: ['X-Scope-OrgID'],
      basicAuth: { username: 'reader' },
      oauth2: { clientId: 'rrx', tokenUrl: 'https://idp/token', scopes: ['read'] },
      tlsConfig: { ca: 'CA-PEM', cert: 'CERT-PEM', serverName: 'prom-a' },
      proxyUrl: 'http://proxy:3128',
      requiredMatchers: { job: 'node' },
      secrets: {
        basicAuthPassword: { set: true },
        authorizationCredentials: { set: false },
        oauth2ClientSecret: { set: true },
        tlsKey: { set: true },
        headers: { set: true },
        proxyUrlUserinfo: { set: true },
      },
    });
    const text = JSON.stringify(view);
    for (const secret of ['hunter2', 'oauth-secret', 'PRIVATE-KEY-PEM', 'tenant-1', 'proxypass', 't1']) expect(text).not.toContain(secret);
  });

  it('resolves CLI secrets from RRX_* variables (profile-specific first) and env:NAME references', async () => {
    const doc = {
      schemaVersion: 3,
      activeId: null,
      profiles: [
        {
          id: 'p1',
          name: 'prod ha',
          mergeStrategy: 'union' as const,
          timeoutMs: 1000,
          partialPolicy: 'partial' as const,
          nodes: [{ id: 'n1', name: 'prom-a', endpoint: stored }],
        },
      ],
    };
    const store = new EnvSecretStore(
      { RRX_PROM_A_PASSWORD: 'generic', RRX_PROD_HA_PROM_A_PASSWORD: 'specific', RRX_PROM_A_HEADER_X_SCOPE_ORGID: 'tenant-9', TOKEN: 'tok' },
      doc,
    );
    expect(await store.get(`${prefix}basicAuth.password`)).toBe('specific');
    expect(await store.get(`${prefix}headers/X-Scope-OrgID`)).toBe('tenant-9');
    expect(await store.get(`${prefix}oauth2.clientSecret`)).toBeUndefined();
    expect(store.variablesFor(`${prefix}oauth2.clientSecret`)).toEqual(['RRX_PROD_HA_PROM_A_CLIENT_SECRET', 'RRX_PROM_A_CLIENT_SECRET']);
    expect(await store.get('env:TOKEN')).toBe('tok');
    await expect(store.set()).rejects.toThrow(/environment variables only/);
  });
});
