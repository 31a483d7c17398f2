// The backtest against a real Prometheus 2.42 rule manager: one collector loads the same rule file over live
// scraped data (node_exporter plus a tiny in-test target whose value the test flips), so an alert with `for`
// fires and resolves during the test. rrx's backtest of that node over the same window must give the collector's
// own ALERTS firing interval (within one evaluation interval) and the same recorded values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterFromFlags } from '@core/cli/cluster-flags';
import { loadRuleFiles } from '@core/rules/load-rule-files';
import { LiveRules } from '@core/rules/live-rules';
import { backtestSnapshot, readForRules } from '@core/rules/run-backtest';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';
import { isStaleAt } from '@core/series/stale-marker';
import { startNodeExporter, type NodeExporter } from '../../helpers/node-exporter';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { rrx } from '../../helpers/run-cli';

const INTERVAL_MS = 1000;
const RULES = `groups:
  - name: rrx-backtest
    rules:
      - record: rrx:flag:doubled
        expr: rrx_test_flag * 2
      - record: job:node_cpu_seconds:count
        expr: count by (job) (node_cpu_seconds_total)
      - alert: FlagHigh
        expr: rrx:flag:doubled > 1
        for: 3s
        labels:
          severity: page
        annotations:
          summary: 'flag is {{ $value }} on {{ $labels.instance }}'
`;

interface Matrix {
  metric: Record<string, string>;
  values: [number, string][];
}

interface ApiBodies {
  rules?: { groups: { name: string; file: string; interval: number; rules: Record<string, unknown>[] }[] };
  alerts?: { alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string; value: string }[] };
}

async function getData<T>(url: string): Promise<T> {
  const body = (await (await fetch(url)).json()) as { status: string; data: T };
  expect(body.status).toBe('success');
  return body.data;
}

interface ApiEnvelope {
  status: string;
  errorType?: string;
  error?: string;
  data?: { groups: { rules: { name: string }[] }[] };
}

interface Interval {
  state: string;
  start: number;
  end: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('rules backtest vs a real Prometheus rule manager', () => {
  let dir: string;
  let flag = 0;
  let target: Server;
  let exporter: NodeExporter;
  let prom: PrometheusServer;
  let startMs: number;
  let endMs: number;
  let collectorAlerts: Matrix[];
  let collectorRecorded: Matrix[];
  let live: LiveRules;
  let api: QueryApiServer;
  /** /api/v1/rules and /api/v1/alerts of the collector and of rrx serve-api, taken while both had the alert firing. */
  const firing: { collector: ApiBodies; rrx: ApiBodies } = { collector: {}, rrx: {} };

  async function instant(query: string, timeS?: number): Promise<Matrix[]> {
    const t = timeS !== undefined ? `&time=${timeS}` : '';
    const r = await fetch(`${prom.baseUrl}/api/v1/query?query=${encodeURIComponent(query)}${t}`);
    const body = (await r.json()) as { data: { result: Matrix[] } };
    return body.data.result;
  }

  /** Poll (bounded) until the collector's answer to `query` satisfies `ok`. */
  async function waitFor(query: string, ok: (n: number) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await instant(query);
      if (ok(r.length)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrx-rules-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    target = createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(`# TYPE rrx_test_flag gauge\nrrx_test_flag ${flag}\n`);
    });
    await new Promise<void>((res) => target.listen(0, '127.0.0.1', res));
    const flagTarget = `127.0.0.1:${(target.address() as AddressInfo).port}`;
    exporter = await startNodeExporter();
    prom = await startPrometheus({
      label: 'rules collector',
      configYaml: `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - ${join(dir, 'rules.yml')}
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['${exporter.target}']
  - job_name: flag
    static_configs:
      - targets: ['${flagTarget}']
`,
    });
    startMs = Date.now();
    // rrx serve-api --rules over the same collector, evaluating the same file live on the merged view.
    const io = { stdout: () => {}, stderr: () => {}, env: process.env, cwd: dir, signal: new AbortController().signal };
    const spec = await clusterFromFlags({ endpoint: [prom.readUrl], compat: 'prometheus2' }, io);
    live = new LiveRules(spec, await loadRuleFiles([join(dir, 'rules.yml')], dir, true), { globalIntervalMs: INTERVAL_MS });
    api = await startQueryApiServer({ spec, listen: '127.0.0.1:0', rules: live });
    live.start();
    await waitFor('rrx:flag:doubled', (n) => n > 0, 'the first recording');
    await sleep(3000);
    flag = 1;
    await waitFor('ALERTS{alertname="FlagHigh",alertstate="firing"}', (n) => n > 0, 'the alert to fire');
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(200)) {
      const a = await getData<NonNullable<ApiBodies['alerts']>>(`${api.url}/api/v1/alerts`);
      if (a.alerts.some((x) => x.state === 'firing')) break;
    }
    firing.rrx = { rules: await getData(`${api.url}/api/v1/rules`), alerts: await getData(`${api.url}/api/v1/alerts`) };
    firing.collector = { rules: await getData(`${prom.baseUrl}/api/v1/rules`), alerts: await getData(`${prom.baseUrl}/api/v1/alerts`) };
    await sleep(3000);
    flag = 0;
    await waitFor('ALERTS{alertname="FlagHigh"}', (n) => n === 0, 'the alert to resolve');
    await sleep(3000);
    endMs = Date.now() - 1500; // everything before this is evaluated and committed
    const at = endMs / 1000;
    collectorAlerts = await instant('ALERTS{alertname="FlagHigh"}[5m]', at);
    collectorRecorded = await instant('{__name__=~"rrx:flag:doubled|job:node_cpu_seconds:count"}[5m]', at);
  }, 120_000);

  afterAll(async () => {
    live?.stop();
    await api?.close();
    await prom?.stop();
    await exporter?.stop();
    await new Promise((res) => target?.close(res));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The collector's ALERTS samples as intervals: consecutive evaluations, ending at the next evaluation. */
  function collectorIntervals(): Interval[] {
    const out: Interval[] = [];
    for (const s of collectorAlerts) {
      let cur: Interval | undefined;
      for (const [t] of s.values) {
        if (cur && t - (cur.end - INTERVAL_MS / 1000) <= (1.5 * INTERVAL_MS) / 1000) cur.end = t + INTERVAL_MS / 1000;
        else out.push((cur = { state: s.metric.alertstate, start: t, end: t + INTERVAL_MS / 1000 }));
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  it('the collector itself saw the alert pending, firing and resolved (the scenario happened)', () => {
    const iv = collectorIntervals();
    expect(iv.map((i) => i.state)).toEqual(['pending', 'firing']);
    expect(iv[1].end).toBeLessThan(endMs / 1000);
  });

  it('rrx rules backtest (CLI JSON) gives the collector’s pending and firing intervals within one evaluation interval', async () => {
    const run = await rrx([
      'rules', 'backtest', '--rules', join(dir, 'rules.yml'), '--start', new Date(startMs).toISOString(), '--end', new Date(endMs).toISOString(),
      '--endpoint', prom.readUrl, '--compat', 'prometheus2', '--evaluation-interval', '1s', '--format', 'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      status: string;
      data: { alerts: { name: string; labels: Record<string, string>; node: string; intervals: Interval[] }[]; recorded: { name: string; node: string; series: number }[] };
      warnings: string[];
    };
    expect(json.status).toBe('success');
    expect(json.warnings).toEqual([]);
    const node = json.data.alerts.filter((a) => a.node !== 'merged');
    expect(node).toHaveLength(1);
    expect(node[0].name).toBe('FlagHigh');
    expect(node[0].labels).toEqual(collectorAlerts.map(({ metric }) => Object.fromEntries(Object.entries(metric).filter(([k]) => k !== 'alertstate' && k !== '__name__')))[0]);
    const ours = node[0].intervals;
    const theirs = collectorIntervals();
    expect(ours.map((i) => i.state)).toEqual(theirs.map((i) => i.state));
    ours.forEach((o, i) => {
      expect(Math.abs(o.start - theirs[i].start), `${o.state} start`).toBeLessThanOrEqual(INTERVAL_MS / 1000);
      expect(Math.abs(o.end - theirs[i].end), `${o.state} end`).toBeLessThanOrEqual(INTERVAL_MS / 1000);
    });
    // The merged view of a one-node cluster agrees with the node.
    expect(json.data.alerts.find((a) => a.node === 'merged')!.intervals).toEqual(ours);
    expect(json.data.recorded.filter((r) => r.node !== 'merged')).toEqual([
      { name: 'rrx:flag:doubled', node: node[0].node, series: 1 },
      { name: 'job:node_cpu_seconds:count', node: node[0].node, series: 1 },
    ]);
  });

  it('evaluated at the collector’s own phase, the recorded values equal the collector’s', async () => {
    const phaseMs = Math.round(collectorRecorded[0].values[0][0] * 1000) % INTERVAL_MS;
    const io = { stdout: () => {}, stderr: () => {}, env: process.env, cwd: dir, signal: new AbortController().signal };
    const spec = await clusterFromFlags({ endpoint: [prom.readUrl], compat: 'prometheus2' }, io);
    const groups = await loadRuleFiles([join(dir, 'rules.yml')], dir, true);
    const w = { startMs, endMs, globalIntervalMs: INTERVAL_MS, alignOffsetMs: phaseMs };
    const bt = backtestSnapshot(spec, groups, await readForRules(spec, groups, w), w);
    const node = bt.nodes[0].result!;
    expect(node.errors).toEqual([]);

    for (const theirs of collectorRecorded) {
      const name = theirs.metric.__name__;
      const ours = node.recorded.find((r) => r.name === name)!.series;
      expect(ours).toHaveLength(1);
      expect(ours[0].labels).toEqual(theirs.metric);
      const byTime = new Map<number, number>();
      ours[0].timestamps.forEach((t, i) => {
        if (!isStaleAt(ours[0].values, i)) byTime.set(t, ours[0].values[i]);
      });
      const compared = theirs.values.filter(([t]) => t * 1000 >= startMs && t * 1000 <= endMs);
      expect(compared.length).toBeGreaterThan(10);
      let mismatches = 0;
      compared.forEach(([t, v], i) => {
        const mine = byTime.get(Math.round(t * 1000));
        expect(mine, `${name} at ${t}: rrx evaluated there too`).toBeDefined();
        if (String(mine) === v) return;
        // Only next to a flip can a live evaluation race a scrape still being committed; never elsewhere.
        const nearFlip = compared[i - 1]?.[1] !== v || compared[i + 1]?.[1] !== v;
        expect(nearFlip, `${name} at ${t}: rrx ${mine} ≠ collector ${v}`).toBe(true);
        mismatches++;
      });
      expect(mismatches).toBeLessThanOrEqual(2);
    }
  });

  it('serve-api --rules answers /api/v1/alerts and /api/v1/rules as the collector does while the alert fires', () => {
    const strip = (a: { labels: Record<string, string>; annotations: Record<string, string>; state: string; value: string }) => ({ labels: a.labels, annotations: a.annotations, state: a.state, value: a.value });
    expect(firing.rrx.alerts!.alerts.map(strip)).toEqual(firing.collector.alerts!.alerts.map(strip));
    expect(firing.rrx.alerts!.alerts).toHaveLength(1);

    const theirs = firing.collector.rules!.groups;
    const ours = firing.rrx.rules!.groups;
    expect(ours.map((g) => [g.name, g.file, g.interval])).toEqual(theirs.map((g) => [g.name, g.file, g.interval]));
    expect(Object.keys(ours[0]).sort()).toEqual(Object.keys(theirs[0]).sort());
    const pick = (r: Record<string, unknown>) => ({ name: r.name, query: r.query, type: r.type, health: r.health, labels: r.labels, state: r.state, duration: r.duration, annotations: r.annotations });
    expect(ours[0].rules.map(pick)).toEqual(theirs[0].rules.map(pick));
    ours[0].rules.forEach((r, i) => expect(Object.keys(r).sort(), String(r.name)).toEqual(Object.keys(theirs[0].rules[i]).sort()));
  });

  it('serve-api --rules filters by type and rejects a bad type exactly as the collector does', async () => {
    for (const query of ['type=alert', 'type=RECORD', 'type=bogus']) {
      const [a, b] = await Promise.all([fetch(`${api.url}/api/v1/rules?${query}`), fetch(`${prom.baseUrl}/api/v1/rules?${query}`)]);
      expect(a.status, query).toBe(b.status);
      const [ja, jb] = (await Promise.all([a.json(), b.json()])) as [ApiEnvelope, ApiEnvelope];
      if (jb.status === 'error') expect({ errorType: ja.errorType, error: ja.error }, query).toEqual({ errorType: jb.errorType, error: jb.error });
      else expect(ja.data!.groups[0].rules.map((r) => r.name), query).toEqual(jb.data!.groups[0].rules.map((r) => r.name));
    }
  });
});
