// Reliability of the loopback bridge (browser mode) as a real process — the built out/bridge/serve.mjs with its
// embedded demo cluster, evaluating in worker threads: a heavy query leaves other calls answering, query.cancel
// ends it at once, the subquery-step limit is named, an oversize URL gets 414 and SIGTERM stops it mid-query.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '@shared/api/wire';
import type { ProfilesState } from '@shared/api/profile-types';
import { BRIDGE_BUNDLE, ROOT, buildNodeBundles } from '../../helpers/built-cli';

interface BridgeRun {
  child: ChildProcess;
  url: string;
  token: string;
  dataDir: string;
}

const running: BridgeRun[] = [];

async function startBridgeProcess(): Promise<BridgeRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rrx-bridge-rel-'));
  const child = spawn(process.execPath, [BRIDGE_BUNDLE, '--json', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the bridge did not start within 30 s')), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited with code ${code}`)));
  });
  const info = JSON.parse(line) as { port: number; token: string };
  const run = { child, url: `http://127.0.0.1:${info.port}`, token: info.token, dataDir };
  running.push(run);
  return run;
}

function stop(run: BridgeRun): Promise<void> {
  return new Promise((resolve) => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return resolve();
    run.child.once('exit', () => resolve());
    run.child.kill('SIGKILL');
  });
}

type CallResult = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

async function call(run: BridgeRun, name: string, request?: unknown): Promise<CallResult> {
  const res = await fetch(`${run.url}/api/call/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${run.token}`, 'content-type': 'application/json' },
    body: request === undefined ? '' : encodeWire(request),
    signal: AbortSignal.timeout(60_000),
  });
  return decodeWire<CallResult>(await res.text());
}

let bridge: BridgeRun;
let profileId = '';

beforeAll(async () => {
  buildNodeBundles();
  bridge = await startBridgeProcess();
  const state = await call(bridge, 'profiles.list');
  if (!state.ok) throw new Error(state.error.message);
  profileId = (state.value as ProfilesState).activeId ?? (state.value as ProfilesState).profiles[0].id;
}, 120_000);

afterAll(async () => {
  for (const r of running.splice(0)) {
    await stop(r);
    rmSync(r.dataDir, { recursive: true, force: true });
  }
});

const HEAVY = 'sum_over_time(sum_over_time(vector(1)[1m:1ms])[1h:1ms])';
const request = (queryId: string, expr: string) => ({ request: { queryId, profileId, expr, kind: 'instant', timeMs: Date.now() } });

describe('bridge under hostile queries (real process, demo cluster)', () => {
  it('a heavy query leaves other calls answering; query.cancel ends it at once with the canceled error', async () => {
    let finished = false;
    const heavy = call(bridge, 'query.run', request('heavy-1', HEAVY)).finally(() => (finished = true));
    await new Promise((r) => setTimeout(r, 1000));
    const info = await call(bridge, 'app.info');
    const parse = await call(bridge, 'query.parse', { expr: 'up' });
    expect(finished).toBe(false);
    expect(info.ok && parse.ok).toBe(true);
    const t0 = Date.now();
    expect((await call(bridge, 'query.cancel', { queryId: 'heavy-1' })).ok).toBe(true);
    const r = await heavy;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r).toEqual({ ok: false, error: { kind: 'QueryCanceledError', message: 'query was canceled in expression evaluation' } });
  });

  it('max_over_time(up[100y:1ms]) ends at once naming the subquery-step limit', async () => {
    const r = await call(bridge, 'query.run', request('limit-1', 'max_over_time(up[100y:1ms])'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^exceeded maximum of 11,000,000 steps per subquery/);
  });

  it('a 1 MB GET URL gets 414', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${bridge.url}/?q=${'a'.repeat(1 << 20)}`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    });
    expect(status).toBe(414);
    expect((await call(bridge, 'app.info')).ok).toBe(true);
  });

  it('SIGTERM stops it within a few seconds while a heavy query runs', async () => {
    const other = await startBridgeProcess();
    const state = await call(other, 'profiles.list');
    const id = state.ok ? (state.value as ProfilesState).activeId : null;
    void call(other, 'query.run', { request: { queryId: 'heavy-2', profileId: id, expr: HEAVY, kind: 'instant', timeMs: Date.now() } }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = Date.now();
    const exited = new Promise<number | null>((r) => other.child.once('exit', (code) => r(code)));
    other.child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
