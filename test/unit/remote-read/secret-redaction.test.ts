// A unique secret planted in every secret-bearing field (basic auth password and file, bearer token, URL
// userinfo, a header value, oauth2 client secret and the token it yields) never appears in any error or log line,
// even when the server echoes the request back in its error body.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { RemoteReadError } from '@core/remote-read/errors';
import { clearOAuth2TokenCache } from '@core/remote-read/transport/oauth2-token';
import { runCli } from '@core/cli/main';

const SECRET = `pl4nted-${Math.random().toString(36).slice(2)}-s3cret`;
let echo: http.Server;
let echoUrl: string;
let tokenServer: http.Server;
let tokenUrl: string;
let dir: string;
let tokenRequests = 0;

function listen(s: http.Server): Promise<string> {
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as net.AddressInfo).port}`)));
}

beforeAll(async () => {
  // The worst server: its error body repeats the whole request head.
  echo = http.createServer((req, res) => {
    res.writeHead(req.headers.authorization?.startsWith('Bearer tok') ? 401 : 500, { 'content-type': 'text/plain' });
    res.end(`bad request ${req.url} ${JSON.stringify(req.headers)}`);
  });
  echoUrl = (await listen(echo)) + '/api/v1/read';
  tokenServer = http.createServer((req, res) => {
    tokenRequests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: `tok-${SECRET}`, token_type: 'bearer', expires_in: 3600 }));
  });
  tokenUrl = (await listen(tokenServer)) + '/token';
  dir = mkdtempSync(join(tmpdir(), 'rrx-redact-'));
  writeFileSync(join(dir, 'pw'), SECRET + '\n');
});
afterAll(() => {
  echo.close();
  tokenServer.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = [{ matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: 0, endMs: 1000 }];

function leaks(text: string): boolean {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [SECRET, encodeURIComponent(SECRET), b64(`u:${SECRET}`), b64(`user:${SECRET}`), `tok-${SECRET}`].some((s) => text.includes(s));
}

async function failAndCollect(cfg: EndpointConfig): Promise<string[]> {
  const logs: string[] = [];
  const e = await remoteRead(cfg, query, { log: (l) => logs.push(l) }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RemoteReadError);
  const err = e as RemoteReadError;
  return [err.message, err.detail, err.endpoint, err.host, err.toUserMessage(), String(err.stack), JSON.stringify(err), String(err), ...logs];
}

describe('no secret in any error or log', () => {
  const cases: [string, () => EndpointConfig][] = [
    ['basic auth password', () => ({ url: echoUrl, basicAuth: { username: 'u', password: SECRET } })],
    ['basic auth password file', () => ({ url: echoUrl, basicAuth: { username: 'u', passwordFile: join(dir, 'pw') } })],
    ['bearer token', () => ({ url: echoUrl, authorization: { credentials: SECRET } })],
    ['bearer token file', () => ({ url: echoUrl, authorization: { credentialsFile: join(dir, 'pw') } })],
    ['URL userinfo', () => ({ url: echoUrl.replace('http://', `http://user:${SECRET}@`) })],
    ['URL userinfo, refused', () => ({ url: `http://user:${SECRET}@127.0.0.1:1/api/v1/read` })],
    ['header value', () => ({ url: echoUrl, headers: { 'X-Api-Key': SECRET } })],
    ['oauth2 client secret and token', () => ({ url: echoUrl, oauth2: { clientId: 'c', clientSecret: SECRET, tokenUrl } })],
    ['proxy userinfo', () => ({ url: echoUrl, proxyUrl: `http://p:${SECRET}@127.0.0.1:1` })],
    ['secret named as endpoint host in userinfo, timeout', () => ({ url: echoUrl.replace('http://', `http://${SECRET}@`), remoteTimeoutMs: 1 })],
  ];
  it.each(cases)('%s', async (_name, cfg) => {
    clearOAuth2TokenCache();
    const texts = await failAndCollect(cfg());
    for (const t of texts) expect(leaks(t), t).toBe(false);
  });

  it('caches the oauth2 token until expiry', async () => {
    clearOAuth2TokenCache();
    const before = tokenRequests;
    const cfg: EndpointConfig = { url: echoUrl, oauth2: { clientId: 'c', clientSecret: SECRET, tokenUrl } };
    await failAndCollect(cfg);
    await failAndCollect(cfg);
    expect(tokenRequests).toBe(before + 1);
  });

  it('rrx read prints no userinfo or secret', async () => {
    let err = '';
    let out = '';
    const code = await runCli(['read', '--endpoint', echoUrl.replace('http://', `http://user:${SECRET}@`), '--match', 'up', '--header', `X-Key: ${SECRET}`], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    });
    expect(code).toBe(1);
    expect(leaks(err + out)).toBe(false);
    expect(err).toMatch(/HTTP 500/);
  });
});
