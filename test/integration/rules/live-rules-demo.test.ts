// Live rules (serve-api --rules) over the embedded demo cluster: after the warm-up backtest an alert whose `for`
// has long been satisfied is firing at once, as in a rule manager that ran all along; without it, it starts pending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterFromFlags } from '@core/cli/cluster-flags';
import { startDemoCluster, type DemoCluster } from '@core/demo/demo-cluster';
import { LiveRules } from '@core/rules/live-rules';
import { parseRuleFile } from '@core/rules/rule-file';

const RULES = `groups:
  - name: live
    interval: 30s
    rules:
      - record: job:up:count
        expr: count by (job) (up)
      - alert: NodeJobPresent
        expr: job:up:count{job="node"} > 0
        for: 20m
`;

describe('live rules over the demo cluster', () => {
  let demo: DemoCluster;
  beforeAll(async () => {
    demo = await startDemoCluster();
  });
  afterAll(async () => demo?.close());

  async function liveRules(): Promise<LiveRules> {
    const io = { stdout: () => {}, stderr: () => {}, env: process.env, cwd: process.cwd(), signal: new AbortController().signal };
    const spec = await clusterFromFlags({ endpoint: demo.nodes.map((n) => n.url) }, io);
    return new LiveRules(spec, parseRuleFile(RULES, 'live.yml').groups, { globalIntervalMs: 60_000 });
  }

  it('warm-up resumes a long-true alert as firing; a cold start evaluates it as pending', async () => {
    const warm = await liveRules();
    await warm.warmUp();
    const alerts = (warm.alerts() as { alerts: { labels: Record<string, string>; state: string; activeAt: string }[] }).alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ labels: { alertname: 'NodeJobPresent', job: 'node' }, state: 'firing' });
    expect(Date.now() - Date.parse(alerts[0].activeAt)).toBeGreaterThanOrEqual(20 * 60_000);

    const cold = await liveRules();
    await cold.evaluateAll(Math.floor(Date.now() / 30_000) * 30_000);
    const coldAlerts = (cold.alerts() as { alerts: { state: string }[] }).alerts;
    expect(coldAlerts.map((a) => a.state)).toEqual(['pending']);
    const rules = cold.rules() as { groups: { rules: { name: string; health: string; type: string }[] }[] };
    expect(rules.groups[0].rules.map((r) => [r.name, r.type, r.health])).toEqual([
      ['job:up:count', 'recording', 'ok'],
      ['NodeJobPresent', 'alerting', 'ok'],
    ]);
  });
});
