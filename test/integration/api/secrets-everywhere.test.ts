// A planted secret in a profile goes to the keychain store and nowhere else: not into the profiles file, any API
// answer or event (what crosses IPC / the bridge), any log line, error, workspace, CSV, bundle, history, or YAML
// export (unless the user asks for secrets explicitly). Every contract call is exercised.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import { dispatchCall } from '@core/api/dispatch';
import type { ApiHandlers } from '@core/api/handlers';
import { createProfileService } from '@core/api/host-services';
import { JsonFileProfileStorage, MemorySecretStore } from '@core/profiles';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import { CALL_NAMES } from '@shared/api/contract';
import { encodeWire } from '@shared/api/wire';
import type { ProfileView } from '@shared/api/profile-types';
import { freePort } from '../../helpers/free-port';

const SECRET = `planted-${Math.random().toString(36).slice(2)}-secret`;
const USER = 'reader';

function upSeries(nowMs: number): RawSeries {
  const n = 60;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = nowMs - (n - i) * 15_000;
    values[i] = i;
  }
  return { labels: { __name__: 'requests_total', job: 'api' }, timestamps, values };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a planted secret stays in the keychain', () => {
  let dir: string;
  let server: RemoteReadServer;
  let handlers: ApiHandlers;
  let secrets: MemorySecretStore;
  let profile: ProfileView;
  const seen: string[] = [];
  const called = new Set<string>();
  const logged: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
  );
  const stderrSpy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stderr.write);

  async function call(name: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }> {
    called.add(name);
    const r = await dispatchCall(handlers, name, request);
    seen.push(`${name}: ${encodeWire(r)}`);
    return r as { ok: boolean; value?: unknown; error?: { kind: string; message: string } };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrx-secrets-'));
    server = await startRemoteReadServer({ series: () => [upSeries(Date.now())], auth: { basic: { username: USER, password: SECRET } } });
    secrets = new MemorySecretStore();
    const profiles = await createProfileService(new JsonFileProfileStorage(join(dir, 'profiles.json')), secrets, { demo: false });
    handlers = createApiHandlers({ host: { mode: 'bridge' }, emit: (name, payload) => void seen.push(`event ${name}: ${encodeWire(payload)}`), dataDir: dir, profiles });
  });
  afterAll(async () => {
    spies.forEach((s) => s.mockRestore());
    stderrSpy.mockRestore();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is used for reads but never leaves the secret store', async () => {
    const deadPort = await freePort();
    const saved = await call('profiles.save', {
      profile: {
        name: 'secured',
        nodes: [
          {
            name: 'a',
            endpoint: {
              url: server.url,
              basicAuth: { username: USER },
              headerNames: ['X-Scope-OrgID'],
              secrets: { basicAuthPassword: { action: 'set', value: SECRET }, headers: { action: 'set', value: { 'X-Scope-OrgID': SECRET } } },
            },
          },
          {
            name: 'b-dead',
            endpoint: {
              url: `http://127.0.0.1:${deadPort}/api/v1/read`,
              authorization: { type: 'Bearer' },
              secrets: { authorizationCredentials: { action: 'set', value: SECRET } },
            },
          },
          {
            name: 'c-dead',
            endpoint: {
              url: `https://127.0.0.1:${deadPort}/api/v1/read`,
              oauth2: { clientId: 'rrx', tokenUrl: `http://127.0.0.1:${deadPort}/token` },
              tlsConfig: { insecureSkipVerify: false, cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
              secrets: {
                oauth2ClientSecret: { action: 'set', value: SECRET },
                tlsKey: { action: 'set', value: `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----` },
              },
            },
          },
        ],
        mergeStrategy: 'union',
        timeoutMs: 5_000,
        partialPolicy: 'partial',
        compat: 'prometheus3',
      },
    });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    profile = saved.value as ProfileView;
    expect(profile.nodes[0].endpoint.secrets.basicAuthPassword.set).toBe(true);

    const now = Date.now();
    await call('app.info', undefined);
    await call('app.takeOpenRequests', undefined);
    expect((await call('dialog.pickFile', { mode: 'open' })).value).toEqual({ supported: false, path: null });
    await call('profiles.list', undefined);
    await call('profiles.setActive', { id: profile.id });
    const dup = await call('profiles.duplicate', { id: profile.id });
    await call('profiles.testConnection', { id: profile.id });
    await call('profiles.dataExtent', { id: profile.id });
    // An unsaved edit of the profile, tested before saving: its stored secrets are used, never answered.
    await call('profiles.testDraft', {
      profile: { id: profile.id, name: profile.name, nodes: profile.nodes.map((n) => ({ id: n.id, name: n.name, endpoint: { url: n.endpoint.url } })), mergeStrategy: 'union', timeoutMs: 5_000, partialPolicy: 'partial', compat: 'prometheus3' },
    });
    const yaml = await call('profiles.exportYaml', { id: profile.id });
    expect(yaml.ok).toBe(true);
    // Explicitly asked for: the one place a secret may come out, and only there.
    const withSecrets = await dispatchCall(handlers, 'profiles.exportYaml', { id: profile.id, includeSecrets: true });
    expect(JSON.stringify(withSecrets)).toContain(SECRET);
    await call('profiles.importYaml', { name: 'imported', yaml: (yaml.value as { yaml: string }).yaml });
    await call('query.parse', { expr: 'rate(requests_total[5m])' });
    const run = await call('query.run', {
      request: { queryId: 'q1', profileId: profile.id, expr: 'rate(requests_total[5m])', kind: 'range', startMs: now - 600_000, endMs: now, stepMs: 15_000, findings: true },
    });
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const view = run.value as { merged: { series: unknown[] }; partial: { node: string }[] };
    expect(view.merged.series).toHaveLength(1); // node a answered: the secret was used
    expect(view.partial.map((p) => p.node)).toEqual(['b-dead', 'c-dead']);
    await call('query.remerge', { queryId: 'q1', strategy: 'penalty' });
    await call('query.cancel', { queryId: 'q1' });
    await call('completion.index', { profileId: profile.id });
    await call('history.add', { expr: 'rate(requests_total[5m])', profileId: profile.id });
    await call('history.list', {});
    const rulesYaml = 'groups:\n  - name: g\n    interval: 15s\n    rules:\n      - record: job:requests:rate5m\n        expr: sum(rate(requests_total[5m]))\n      - alert: Many\n        expr: rate(requests_total[5m]) > 0\n        for: 30s\n';
    const backtest = await call('rules.backtest', { profileId: profile.id, rulesYaml, fileName: 'rules.yml', startMs: now - 600_000, endMs: now });
    expect(backtest.ok, JSON.stringify(backtest.error)).toBe(true);
    const panel = {
      id: 'p1',
      expr: 'rate(requests_total[5m])',
      kind: 'range',
      range: { type: 'absolute', startMs: now - 600_000, endMs: now },
      stepMs: 15_000,
      strategy: 'union',
      view: { mode: 'graph' },
      comparison: { perNode: true, findings: true },
    };
    const wsPath = join(dir, 'incident.rrxw');
    expect((await call('workspace.save', { path: wsPath, workspace: { profileId: profile.id, panels: [panel] }, queryIds: { p1: 'q1' } })).ok).toBe(true);
    const opened = await call('workspace.open', { path: wsPath });
    const workspaceId = (opened.value as { workspaceId: string }).workspaceId;
    await call('workspace.evaluate', { workspaceId, panel, strategy: 'prefer-first' });
    await call('workspace.recent', undefined);
    await call('workspace.autosave', { workspace: { profileId: profile.id, panels: [panel] }, queryIds: { p1: 'q1' }, force: true });
    await call('workspace.recovery', { action: 'check' });
    await call('export.csv', { source: { queryId: 'q1' }, layout: 'long' });
    await call('export.bundle', { path: join(dir, 'incident.zip'), workspace: { profileId: profile.id, panels: [panel] }, queryIds: { p1: 'q1' } });
    await call('workspace.cleanExit', undefined);
    const g = await call('grafana.start', { profileId: profile.id, port: 0 });
    const gUrl = (g.value as { url: string }).url;
    seen.push(await (await fetch(`${gUrl}/api/v1/query?query=${encodeURIComponent('requests_total')}`)).text());
    seen.push(await (await fetch(`${gUrl}/api/v1/status/buildinfo`)).text());
    await call('grafana.list', undefined);
    await call('grafana.stop', { profileId: profile.id });
    await call('profiles.save', { profile: { id: (dup.value as ProfileView).id, name: 'renamed copy', nodes: [], mergeStrategy: 'union', timeoutMs: 5_000, partialPolicy: 'partial', compat: 'prometheus3' } });
    await call('profiles.delete', { id: (dup.value as ProfileView).id });

    // Every call of the contract was exercised (a new call must join this test).
    expect([...called].sort()).toEqual([...CALL_NAMES].sort());

    // Answers, events, errors, logs: nowhere.
    const leaks = seen.filter((s) => s.includes(SECRET));
    expect(leaks).toEqual([]);
    expect(logged.filter((l) => l.includes(SECRET))).toEqual([]);
    // Files the app wrote (profiles document, history, workspace, autosave, bundle — zip entries are deflated,
    // so also check the bundle's workspace by reopening it above): nowhere.
    for (const f of filesUnder(dir)) expect(readFileSync(f).includes(SECRET), f).toBe(false);
    // Only the secret store holds it.
    const held = await Promise.all(secrets.refs().map((r) => secrets.get(r)));
    expect(held.some((v) => v?.includes(SECRET))).toBe(true);
  });
});
