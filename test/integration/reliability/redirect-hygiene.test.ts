// Reliability: redirects never carry credentials to another origin, and errors name the host actually contacted.
// Real sockets, the in-repo remote_read server with its redirect fault; 127.0.0.1 and localhost are two origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import { RemoteReadError } from '@core/remote-read/errors';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { T0, makeSeries } from '../../unit/remote-read/fixtures';

const TOKEN = 'bearer-token-never-leaves';
const PASSWORD = 'basic-password-never-leaves';
const HEADER_SECRET = 'tenant-secret-never-leaves';
const query = [{ matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: T0, endMs: T0 + 1e9 }];

let a: RemoteReadServer;
let b: RemoteReadServer;
beforeAll(async () => {
  a = await startRemoteReadServer({ series: makeSeries(1, 20) });
  b = await startRemoteReadServer({ series: makeSeries(1, 20), auth: { bearer: TOKEN, basic: { username: 'u', password: PASSWORD } } });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

async function failure(p: Promise<unknown>): Promise<RemoteReadError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RemoteReadError);
  return e as RemoteReadError;
}

const everySecret = [TOKEN, PASSWORD, HEADER_SECRET, Buffer.from(`u:${PASSWORD}`).toString('base64')];

function expectNoCredentials(headers: Record<string, unknown> | undefined): void {
  expect(headers).toBeDefined();
  expect(headers!.authorization).toBeUndefined();
  expect(headers!['x-scope-secret']).toBeUndefined();
  const text = JSON.stringify(headers);
  for (const s of everySecret) expect(text).not.toContain(s);
}

describe('redirect hygiene', () => {
  const bUrl = () => `http://localhost:${b.port}/api/v1/read`;

  it.each([307, 308, 302])('a %i from 127.0.0.1 to localhost carries no bearer token or secret header; the error names localhost', async (status) => {
    a.setFault({ kind: 'redirect', status, location: bUrl() });
    const before = b.requestHeaders().length;
    const started = Date.now();
    const e = await failure(
      remoteRead({ url: a.url, authorization: { credentials: TOKEN }, headers: { 'X-Scope-Secret': HEADER_SECRET }, remoteTimeoutMs: 5000 }, query),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(b.requestHeaders().length).toBe(before + 1);
    expectNoCredentials(b.requestHeaders().at(-1) as Record<string, unknown>);
    // 302 turns into a GET, which the remote_read server answers 404; 307/308 repeat the POST and meet the auth check.
    expect(e.kind).toBe(status === 302 ? 'http-status' : 'auth');
    expect(e.host).toBe(`localhost:${b.port}`);
    const msg = e.toUserMessage();
    expect(msg).toContain(`localhost:${b.port}`);
    expect(msg).toContain(`redirected from 127.0.0.1:${a.port}`);
    for (const s of everySecret) expect(msg).not.toContain(s);
  });

  it('basic auth (configured, and as URL userinfo) stays with the first origin too', async () => {
    a.setFault({ kind: 'redirect', location: bUrl() });
    const e1 = await failure(remoteRead({ url: a.url, basicAuth: { username: 'u', password: PASSWORD } }, query));
    expect(e1.kind).toBe('auth');
    expectNoCredentials(b.requestHeaders().at(-1) as Record<string, unknown>);
    const withUserinfo = a.url.replace('http://', `http://u:${PASSWORD}@`);
    const e2 = await failure(remoteRead({ url: withUserinfo }, query));
    expect(e2.kind).toBe('auth');
    expectNoCredentials(b.requestHeaders().at(-1) as Record<string, unknown>);
    for (const s of everySecret) expect(e2.toUserMessage()).not.toContain(s);
  });

  it('the same node reached directly with the same credentials answers (the 401 above is the redirect policy)', async () => {
    const res = await remoteRead({ url: bUrl(), authorization: { credentials: TOKEN } }, query);
    expect(res.results[0]).toHaveLength(1);
    expect(b.requestHeaders().at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a redirect to the same origin keeps the credentials', async () => {
    b.setFault({ kind: 'redirect', fromPath: '/old/read', location: '/api/v1/read' });
    try {
      const res = await remoteRead({ url: bUrl().replace('/api/v1/read', '/old/read'), authorization: { credentials: TOKEN } }, query);
      expect(res.results[0]).toHaveLength(1);
    } finally {
      b.setFault({ kind: 'none' });
    }
  });

  it('a redirect to a node that never answers times out naming that node', async () => {
    const hung = await startRemoteReadServer({ series: [], fault: { kind: 'hang' } });
    try {
      a.setFault({ kind: 'redirect', location: `http://localhost:${hung.port}/api/v1/read` });
      const started = Date.now();
      const e = await failure(remoteRead({ url: a.url, remoteTimeoutMs: 500 }, query));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(e.kind).toBe('timeout');
      expect(e.host).toBe(`localhost:${hung.port}`);
      expect(e.toUserMessage()).toContain(`localhost:${hung.port}`);
    } finally {
      await hung.close();
    }
  });

  it('a redirect loop stops at once with a named error', async () => {
    a.setFault({ kind: 'redirect', location: '/api/v1/read' });
    const before = a.requestCount();
    const e = await failure(remoteRead({ url: a.url, remoteTimeoutMs: 5000 }, query));
    expect(e.kind).toBe('connect');
    expect(e.detail).toMatch(/redirect loop/);
    expect(e.toUserMessage()).toContain(`127.0.0.1:${a.port}`);
    expect(a.requestCount() - before).toBe(1);
  });

  it('an endless redirect chain stops after 10 redirects, like Go', async () => {
    a.setFault({ kind: 'redirect', location: '/api/v1/read?hop={hop}' });
    const before = a.requestCount();
    const e = await failure(remoteRead({ url: a.url, remoteTimeoutMs: 5000 }, query));
    expect(e.detail).toMatch(/stopped after 10 redirects/);
    expect(a.requestCount() - before).toBe(11);
    a.setFault({ kind: 'none' });
  });
});
