// Transport details against local servers: redirects, oauth2 client credentials, proxy authentication, no_proxy
// matching and the reserved-header rule.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import { matchesNoProxy } from '@core/remote-read/transport/proxy-resolver';
import { clearOAuth2TokenCache } from '@core/remote-read/transport/oauth2-token';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { startTestProxy, type TestProxy } from '../../helpers/http-proxy';
import { T0, makeSeries } from './fixtures';

let server: RemoteReadServer;
let redirector: http.Server;
let redirectUrl: string;
let tokenServer: http.Server;
let tokenUrl: string;
let tokenForms: string[] = [];
let proxy: TestProxy;

function listen(s: http.Server): Promise<string> {
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as net.AddressInfo).port}`)));
}

beforeAll(async () => {
  server = await startRemoteReadServer({ series: makeSeries(1, 20), auth: { bearer: 'granted-token' } });
  redirector = http.createServer((req, res) => {
    const status = Number(new URL(req.url!, 'http://x').searchParams.get('status') ?? 307);
    res.writeHead(status, { location: server.url }).end();
  });
  redirectUrl = (await listen(redirector)) + '/moved';
  tokenServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      tokenForms.push(`${req.headers.authorization} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'granted-token', token_type: 'bearer', expires_in: 1 }));
    });
  });
  tokenUrl = (await listen(tokenServer)) + '/oauth/token';
  proxy = await startTestProxy({ requireAuth: 'pu:pp' });
});
afterAll(async () => {
  await server.close();
  redirector.close();
  tokenServer.close();
  await proxy.close();
});

const query = [{ matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: T0, endMs: T0 + 1e9 }];
const bearer = { credentials: 'granted-token' };

describe('redirects', () => {
  it('follows a 307 within the same origin with the same POST and auth', async () => {
    server.setFault({ kind: 'redirect', fromPath: '/moved', location: '/api/v1/read' });
    try {
      const res = await remoteRead({ url: server.url.replace('/api/v1/read', '/moved'), authorization: bearer }, query);
      expect(res.results[0]).toHaveLength(1);
      expect(server.requestHeaders().at(-1)?.authorization).toBe('Bearer granted-token');
    } finally {
      server.setFault({ kind: 'none' });
    }
  });
  it('does not carry the bearer token to another port of the same host (another origin)', async () => {
    await expect(remoteRead({ url: redirectUrl + '?status=307', authorization: bearer }, query)).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      host: `127.0.0.1:${server.port}`,
    });
    expect(server.requestHeaders().at(-1)?.authorization).toBeUndefined();
  });
  it('reports the redirect status when follow_redirects is false', async () => {
    await expect(remoteRead({ url: redirectUrl, authorization: bearer, followRedirects: false }, query)).rejects.toMatchObject({
      kind: 'http-status',
      status: 307,
    });
  });
});

describe('oauth2 client credentials', () => {
  it('fetches a token with client auth, scopes and params, and uses it', async () => {
    clearOAuth2TokenCache();
    tokenForms = [];
    const res = await remoteRead(
      { url: server.url, oauth2: { clientId: 'rrx', clientSecret: 'cs', tokenUrl, scopes: ['read', 'metrics'], endpointParams: { audience: 'prom' } } },
      query,
    );
    expect(res.results[0]).toHaveLength(1);
    expect(tokenForms).toHaveLength(1);
    expect(tokenForms[0]).toContain(`Basic ${Buffer.from('rrx:cs').toString('base64')}`);
    expect(tokenForms[0]).toContain('grant_type=client_credentials');
    expect(tokenForms[0]).toContain('scope=read+metrics');
    expect(tokenForms[0]).toContain('audience=prom');
  });
  it('refreshes an expired token (expires_in 1 s, refreshed within the slack)', async () => {
    tokenForms = [];
    const cfg = { url: server.url, oauth2: { clientId: 'rrx', clientSecret: 'cs', tokenUrl } };
    await remoteRead(cfg, query);
    await remoteRead(cfg, query);
    expect(tokenForms).toHaveLength(2);
  });
});

describe('proxy', () => {
  it('sends Proxy-Authorization from proxy URL userinfo', async () => {
    const before = proxy.forwarded();
    const res = await remoteRead({ url: server.url, authorization: bearer, proxyUrl: proxy.url.replace('http://', 'http://pu:pp@') }, query);
    expect(res.results[0]).toHaveLength(1);
    expect(proxy.forwarded()).toBe(before + 1);
  });
  it('fails with a typed error when the proxy refuses', async () => {
    await expect(remoteRead({ url: server.url, proxyUrl: proxy.url }, query)).rejects.toMatchObject({ kind: 'auth', status: 407 });
  });
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:9090/', true],
    ['10.0.0.0/8', 'http://10.1.2.3:9090/', true],
    ['10.0.0.0/8', 'http://11.1.2.3:9090/', false],
    ['.example.com', 'https://prom.example.com/', true],
    ['example.com', 'https://prom.example.com/', true],
    ['example.com', 'https://notexample.com/', false],
    ['*', 'https://anything/', true],
    ['prom:9090', 'http://prom:9090/', true],
    ['prom:9091', 'http://prom:9090/', false],
  ])('no_proxy %s vs %s → %s', (list, url, want) => expect(matchesNoProxy(new URL(url), list)).toBe(want));
});

describe('headers', () => {
  it('custom headers cannot override the protocol headers', async () => {
    await remoteRead(
      { url: server.url, authorization: bearer, headers: { 'Content-Type': 'text/plain', 'X-Prometheus-Remote-Read-Version': '9', 'X-Tenant': 't1' } },
      query,
    );
    const h = server.lastRequest()!.headers;
    expect(h['content-type']).toBe('application/x-protobuf');
    expect(h['x-prometheus-remote-read-version']).toBe('0.1.0');
    expect(h['x-tenant']).toBe('t1');
  });
});
