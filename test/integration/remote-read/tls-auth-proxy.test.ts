// Transport against a real Prometheus 2.42 behind --web.config.file (TLS with required client certs + bcrypt basic
// auth): the right settings read, each wrong one fails with its error kind; a loopback proxy proves proxy_url,
// no_proxy and proxy_from_environment are honoured (CONNECT for https, absolute-form for http).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { bcryptHash, makeTestPki, type TestPki } from '../../helpers/tls-certs';
import { startTestProxy, type TestProxy } from '../../helpers/http-proxy';
import { remoteRead } from '@core/remote-read/client';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { RemoteReadError, type RemoteReadErrorKind } from '@core/remote-read/errors';
import { readCommand } from '@core/cli/commands/read';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';

const USER = 'alice';
const PASSWORD = 'correct horse battery staple';

let pki: TestPki;
let prom: PrometheusServer;
let url: string;
let proxy: TestProxy;
let plain: RemoteReadServer;
let secretsDir: string;
let passwordFile: string;

beforeAll(async () => {
  pki = makeTestPki();
  secretsDir = mkdtempSync(join(tmpdir(), 'rrx-secrets-'));
  passwordFile = join(secretsDir, 'password');
  writeFileSync(passwordFile, PASSWORD + '\n');
  prom = await startPrometheus({
    webConfigYaml: [
      'tls_server_config:',
      `  cert_file: ${pki.serverCertFile}`,
      `  key_file: ${pki.serverKeyFile}`,
      '  client_auth_type: RequireAndVerifyClientCert',
      `  client_ca_file: ${pki.caFile}`,
      'basic_auth_users:',
      `  ${USER}: ${bcryptHash(PASSWORD)}`,
      '',
    ].join('\n'),
  });
  url = `https://127.0.0.1:${prom.port}/api/v1/read`;
  proxy = await startTestProxy();
  plain = await startRemoteReadServer({
    series: [{ labels: { __name__: 'up' }, timestamps: new Float64Array([1000, 2000]), values: new Float64Array([1, 1]) }],
  });
  // The server's self-scrape fails (it needs a client cert) but records `up` = 0: data to read. Scraping starts
  // after the first 5 s service-discovery tick, so wait until a read sees it.
  for (let i = 0; i < 40; i++) {
    const res = await remoteRead(good(), query()).catch(() => null);
    if (res?.results[0].length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await prom?.stop();
  await proxy?.close();
  await plain?.close();
  pki?.cleanup();
  rmSync(secretsDir, { recursive: true, force: true });
});

const query = () => [{ matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: Date.now() - 600_000, endMs: Date.now() }];

function good(): EndpointConfig {
  return {
    url,
    basicAuth: { username: USER, passwordFile },
    tlsConfig: { caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile, serverName: pki.serverName },
  };
}

async function expectKind(cfg: EndpointConfig, kind: RemoteReadErrorKind): Promise<RemoteReadError> {
  const e = await remoteRead(cfg, query()).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RemoteReadError);
  expect((e as RemoteReadError).kind, (e as RemoteReadError).message).toBe(kind);
  return e as RemoteReadError;
}

describe('TLS and basic auth against Prometheus --web.config.file', () => {
  it('reads with the right CA, client cert, server_name and password (file read at request time)', async () => {
    for (const type of ['STREAMED_XOR_CHUNKS', 'SAMPLES'] as const) {
      const res = await remoteRead({ ...good(), acceptedResponseTypes: [type] }, query());
      expect(res.results[0].length).toBeGreaterThan(0);
      expect(res.results[0][0].labels.__name__).toBe('up');
    }
  });

  it('negotiates HTTP/2 by default and HTTP/1.1 with enable_http2: false', async () => {
    expect((await remoteRead(good(), query())).httpVersion).toBe('2');
    expect((await remoteRead({ ...good(), enableHttp2: false }, query())).httpVersion).toBe('1.1');
  });

  it('picks up a rotated password file', async () => {
    writeFileSync(passwordFile, 'rotated-wrong\n');
    try {
      await expectKind(good(), 'auth');
    } finally {
      writeFileSync(passwordFile, PASSWORD + '\n');
    }
    await remoteRead(good(), query());
  });

  it('wrong password → auth', async () => {
    await expectKind({ ...good(), basicAuth: { username: USER, password: 'nope' } }, 'auth');
  });

  it('wrong CA → tls', async () => {
    await expectKind({ ...good(), tlsConfig: { ...good().tlsConfig, caFile: pki.otherCaFile } }, 'tls');
  });

  it('no CA (system roots) → tls', async () => {
    await expectKind({ ...good(), tlsConfig: { ...good().tlsConfig, caFile: undefined } }, 'tls');
  });

  it('missing client certificate → tls', async () => {
    await expectKind({ ...good(), tlsConfig: { caFile: pki.caFile, serverName: pki.serverName } }, 'tls');
  });

  it('server_name decides the name checked: without it the IP does not match the certificate', async () => {
    const e = await expectKind({ ...good(), tlsConfig: { ...good().tlsConfig, serverName: undefined } }, 'tls');
    expect(e.detail).toMatch(/does not match|ALTNAME/i);
    await expectKind({ ...good(), tlsConfig: { ...good().tlsConfig, serverName: 'other.test' } }, 'tls');
  });

  it('insecure_skip_verify accepts an untrusted, mismatching certificate', async () => {
    const res = await remoteRead(
      { ...good(), tlsConfig: { caFile: pki.otherCaFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile, insecureSkipVerify: true } },
      query(),
    );
    expect(res.results[0].length).toBeGreaterThan(0);
  });

  it('min_version TLS13 still connects (Prometheus offers 1.3)', async () => {
    const res = await remoteRead({ ...good(), tlsConfig: { ...good().tlsConfig, minVersion: 'TLS13' } }, query());
    expect(res.results[0].length).toBeGreaterThan(0);
  });

  it('rrx read passes the TLS and auth flags through', async () => {
    let out = '';
    const code = await readCommand.run(
      ['--endpoint', url, '--match', 'up', '--start', 'now-10m', '--end', 'now', '--ca-file', pki.caFile,
        '--cert-file', pki.clientCertFile, '--key-file', pki.clientKeyFile, '--server-name', pki.serverName,
        '--basic-auth-user', USER, '--basic-auth-password-file', passwordFile],
      { stdout: (t) => void (out += t), stderr: () => {}, env: {}, cwd: process.cwd(), signal: new AbortController().signal },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).series.length).toBeGreaterThan(0);
  });
});

describe('proxy', () => {
  it('tunnels https through CONNECT with proxy_url', async () => {
    const before = proxy.connects();
    const res = await remoteRead({ ...good(), proxyUrl: proxy.url, proxyConnectHeader: { 'X-Tunnel': ['t1'] } }, query());
    expect(res.results[0].length).toBeGreaterThan(0);
    expect(proxy.connects()).toBe(before + 1);
    expect(proxy.lastHeaders()?.['x-tunnel']).toBe('t1');
  });

  it('forwards plain http in absolute form', async () => {
    const before = proxy.forwarded();
    const res = await remoteRead({ url: plain.url, proxyUrl: proxy.url }, [{ ...query()[0], startMs: 0, endMs: 5000 }]);
    expect(res.results[0]).toHaveLength(1);
    expect(proxy.forwarded()).toBe(before + 1);
  });

  it('bypasses the proxy for no_proxy hosts', async () => {
    const c = proxy.connects();
    const f = proxy.forwarded();
    await remoteRead({ ...good(), proxyUrl: proxy.url, noProxy: 'localhost,127.0.0.0/8' }, query());
    await remoteRead({ url: plain.url, proxyUrl: proxy.url, noProxy: '127.0.0.1' }, query());
    expect(proxy.connects()).toBe(c);
    expect(proxy.forwarded()).toBe(f);
  });

  it('uses HTTPS_PROXY / HTTP_PROXY with proxy_from_environment, honouring NO_PROXY', async () => {
    const c = proxy.connects();
    await remoteRead({ ...good(), proxyFromEnvironment: true }, query(), { env: { HTTPS_PROXY: proxy.url } });
    expect(proxy.connects()).toBe(c + 1);
    await remoteRead({ ...good(), proxyFromEnvironment: true }, query(), { env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    expect(proxy.connects()).toBe(c + 1);
    const f = proxy.forwarded();
    await remoteRead({ url: plain.url, proxyFromEnvironment: true }, query(), { env: { HTTP_PROXY: proxy.url } });
    expect(proxy.forwarded()).toBe(f + 1);
  });

  it('rrx read --proxy-url routes through the proxy', async () => {
    const f = proxy.forwarded();
    const code = await readCommand.run(['--endpoint', plain.url, '--match', 'up', '--start', '0', '--end', '5', '--proxy-url', proxy.url], {
      stdout: () => {},
      stderr: () => {},
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    });
    expect(code).toBe(0);
    expect(proxy.forwarded()).toBe(f + 1);
  });
});
