// The backtest over the embedded demo cluster (two in-process remote_read servers; demo-b has a planted 4-minute
// gap): an alert on missing scrapes fires on demo-b only, the CLI's --fail-on divergence exits 3 and names the
// gap, and the app's rules.backtest call gives the same timelines, the difference sentence and a CSV row per interval.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterFromFlags } from '@core/cli/cluster-flags';
import { createRulesHandlers } from '@core/api/rules-handlers';
import { startDemoCluster, type DemoCluster } from '@core/demo/demo-cluster';
import { rrx } from '../../helpers/run-cli';

const RULES = `groups:
  - name: demo
    interval: 30s
    rules:
      - record: job:up:count
        expr: count by (job) (up)
      - alert: NodeScrapeMissing
        expr: absent_over_time(up{job="node"}[1m])
        for: 1m
        labels: { severity: warning }
        annotations:
          summary: 'no scrape of {{ $labels.job }}'
`;

describe('rules backtest over the demo cluster', () => {
  let demo: DemoCluster;
  let dir: string;
  let endpoints: string[];
  beforeAll(async () => {
    demo = await startDemoCluster({ nowMs: Math.floor(Date.now() / 60_000) * 60_000 });
    dir = mkdtempSync(join(tmpdir(), 'rrx-rules-demo-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    endpoints = demo.nodes.flatMap((n) => ['--endpoint', n.url]);
  });
  afterAll(async () => {
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const window = () => ['--start', String((demo.nowMs - 3 * 3_600_000) / 1000), '--end', String(demo.nowMs / 1000)];

  it('CLI: fires on the node with the gap only; --fail-on divergence exits 3; JSON follows the contract', async () => {
    const table = await rrx(['rules', 'backtest', '--rules', join(dir, 'rules.yml'), ...window(), ...endpoints, '--fail-on', 'divergence']);
    expect(table.code).toBe(3);
    const [, b] = demo.nodes.map((n) => new URL(n.url).host);
    expect(table.stdout).toMatch(new RegExp(`fired on ${b.replace(/\./g, '\\.')} only, \\d\\d:\\d\\d–\\d\\d:\\d\\d: ${b.replace(/\./g, '\\.')} had a gap`));

    const run = await rrx(['rules', 'backtest', '--rules', join(dir, 'rules.yml'), ...window(), ...endpoints, '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['status', 'data', 'warnings']);
    expect(json.status).toBe('success');
    const byNode = Object.fromEntries(json.data.alerts.map((a: { node: string }) => [a.node, a]));
    expect(Object.keys(byNode).sort()).toEqual([...demo.nodes.map((n) => new URL(n.url).host), 'merged'].sort());
    expect(byNode[b].intervals.map((i: { state: string }) => i.state)).toEqual(['pending', 'firing']);
    const firing = byNode[b].intervals[1];
    // The planted gap is 4 minutes: absent over 1m for 1m more → firing for about 2 minutes, inside the gap.
    expect(firing.start * 1000).toBeGreaterThanOrEqual(demo.anomalies.gap.startMs);
    expect(firing.end * 1000).toBeLessThanOrEqual(demo.anomalies.gap.endMs + 60_000);
    expect(byNode.merged.intervals).toEqual([]);
    expect(json.data.recorded).toContainEqual({ name: 'job:up:count', node: 'merged', series: expect.any(Number) });
  });

  it('rules.backtest (the app call): lanes per node and merged, the difference, and one CSV row per interval', async () => {
    const io = { stdout: () => {}, stderr: () => {}, env: process.env, cwd: dir, signal: new AbortController().signal };
    const spec = await clusterFromFlags({ endpoint: demo.nodes.map((n) => n.url) }, io);
    const handlers = createRulesHandlers({ clusterFor: async () => spec });
    const view = await handlers['rules.backtest']({ profileId: 'demo', rulesYaml: RULES, startMs: demo.nowMs - 3 * 3_600_000, endMs: demo.nowMs });
    expect(view.alerts).toHaveLength(1);
    expect(view.alerts[0].lanes.map((l) => l.node)).toEqual([...view.nodes, 'merged']);
    expect(view.differences).toHaveLength(1);
    expect(view.differences[0].detail).toContain('had a gap');
    const lines = view.csv.trim().split('\r\n');
    expect(lines[0]).toBe('alertname,labels,node,state,start,end,start_unix,end_unix,duration_seconds');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^NodeScrapeMissing,"\{job=""node"", severity=""warning""\}",[^,]+,firing,/);
    await expect(handlers['rules.backtest']({ profileId: 'demo', rulesYaml: 'groups:\n  - name: x\n    rules:\n      - record: a\n        expr: sum(\n', startMs: 0, endMs: 1 })).rejects.toThrow(
      /rules\.yml: 5:15: group "x", rule 1, "a": could not parse expression/,
    );
  });
});
