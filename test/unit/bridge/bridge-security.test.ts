// The loopback bridge refuses what a hostile web page or a rebinding DNS name could send it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import { startBridge, type Bridge } from '@core/bridge/server';
import type { EventSink } from '@core/api/handlers';
import { CONTENT_SECURITY_POLICY } from '@shared/csp';
import { decodeWire } from '@shared/api/wire';
import { testCoreServices } from '../../helpers/core-services';

function raw(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bridge security', () => {
  let bridge: Bridge;
  let dir: string;
  let emit: EventSink | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrx-bridge-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer/index.html'), '<html>app</html>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    const services = await testCoreServices();
    bridge = await startBridge({
      rendererDir: join(dir, 'renderer'),
      csp: CONTENT_SECURITY_POLICY,
      makeHandlers: (e) => {
        emit = e;
        return createApiHandlers({ ...services, emit: e });
      },
    });
  });
  afterAll(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback and prints a URL with a long random token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('answers API calls only with the token', async () => {
    const host = `127.0.0.1:${bridge.port}`;
    expect((await raw(bridge.port, '/api/call/app.info', { Host: host }, 'POST')).status).toBe(401);
    expect((await raw(bridge.port, '/api/call/app.info', { Host: host, Authorization: 'Bearer wrong' }, 'POST')).status).toBe(401);
    expect((await raw(bridge.port, '/api/call/app.info', { Host: host, Authorization: `Bearer ${bridge.token}` }, 'POST')).status).toBe(200);
    expect((await raw(bridge.port, '/api/events', { Host: host })).status).toBe(401);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    const auth = { Authorization: `Bearer ${bridge.token}` };
    expect((await raw(bridge.port, '/api/call/app.info', { ...auth, Host: `evil.example:${bridge.port}` }, 'POST')).status).toBe(403);
    expect((await raw(bridge.port, '/', { Host: 'evil.example' })).status).toBe(403);
    expect((await raw(bridge.port, '/api/call/app.info', { ...auth, Host: `127.0.0.1:${bridge.port}`, Origin: 'https://evil.example' }, 'POST')).status).toBe(403);
    expect((await raw(bridge.port, '/api/call/app.info', { ...auth, Host: `localhost:${bridge.port}`, Origin: `http://localhost:${bridge.port}` }, 'POST')).status).toBe(200);
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const host = { Host: `127.0.0.1:${bridge.port}` };
    const index = await raw(bridge.port, '/', host);
    expect(index.body).toBe('<html>app</html>');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await raw(bridge.port, p, host)).body).not.toContain('outside the root');
    }
  });

  it('streams contract events over SSE', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { Host: `127.0.0.1:${bridge.port}` } }, (res) => {
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('data: ')) {
            req.destroy();
            resolve(buf.slice(buf.indexOf('data: ') + 6).trim());
          } else emit!('query.progress', { queryId: 'q1', node: 'a', state: 'reading', bytes: 10, series: 1, samples: 5 });
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(decodeWire(got)).toEqual({ name: 'query.progress', payload: { queryId: 'q1', node: 'a', state: 'reading', bytes: 10, series: 1, samples: 5 } });
  });
});
