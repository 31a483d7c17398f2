// Many shards: 4 HA groups × 2 real Prometheus 2.42 collectors. Each group scrapes node_exporter and its own two
// collectors, with external labels shard=<group> and replica=a|b (the Thanos convention). rrx fans out to all 8,
// deduplicates within each group only, and answers as one cluster — locally and pushed down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';
import { startNodeExporter, type NodeExporter } from '../../helpers/node-exporter';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { rrx } from '../../helpers/run-cli';

const GROUPS = ['g1', 'g2', 'g3', 'g4'];

function config(nodeExporter: string, self: number, peer: number, shard: string, replica: string): string {
  return `global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels:
    shard: ${shard}
    replica: ${replica}
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['${nodeExporter}']
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:${self}', '127.0.0.1:${peer}']
`;
}

interface ApiJson {
  data: { result: { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[] };
}

describe('4 HA groups × 2 collectors of real Prometheus 2.42', () => {
  let nodeExporter: NodeExporter;
  const servers: PrometheusServer[] = [];
  let endpointFlags: string[] = [];
  let apiFlags: string[] = [];
  let groupFlags: string[] = [];
  let timeS = 0;
  beforeAll(async () => {
    nodeExporter = await startNodeExporter();
    for (const g of GROUPS) {
      const [pa, pb] = [await freePort(), await freePort()];
      for (const [replica, port, peer] of [['a', pa, pb], ['b', pb, pa]] as const) {
        servers.push(await startPrometheus({ port, hostname: `rrx-${g}-${replica}`, label: `${g} ${replica}`, configYaml: config(nodeExporter.target, port, peer, g, replica) }));
      }
    }
    // Every collector has scraped every target a few times.
    const deadline = Date.now() + 90_000;
    for (const s of servers) {
      for (;;) {
        const r = await fetch(`${s.baseUrl}/api/v1/query?query=${encodeURIComponent('min(count_over_time(up[1m]))')}`);
        const n = Number(((await r.json()) as ApiJson).data.result[0]?.value?.[1] ?? 0);
        if (n >= 4) break;
        if (Date.now() > deadline) throw new Error(`${s.baseUrl} has no data after 90 s`);
        await new Promise((res) => setTimeout(res, 250));
      }
    }
    timeS = Math.floor(Date.now() / 1000) - 1;
    endpointFlags = servers.flatMap((s) => ['--endpoint', s.readUrl]);
    apiFlags = servers.flatMap((s) => ['--query-api', s.baseUrl]);
    groupFlags = GROUPS.flatMap((g) => ['--group', g, '--group', g]);
  }, 240_000);
  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
    await nodeExporter?.stop();
  });

  const query = async (expr: string, ...extra: string[]) => {
    const run = await rrx(['query', ...endpointFlags, '--replica-label', 'replica', '--compat', 'prometheus2', '--expr', expr, '--time', String(timeS), ...extra]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as ApiJson;
  };

  it('fans out to all 8 and deduplicates within each group: 3 targets per shard, 12 in all', async () => {
    for (const extra of [groupFlags, []]) {
      for (const dedup of ['union', 'penalty']) {
        const total = await query('count(up)', ...extra, '--dedup', dedup);
        expect(total.data.result[0].value![1], `${dedup} ${extra.length ? 'groups' : 'external labels'}`).toBe('12');
        const perShard = await query('count by (shard) (up)', ...extra, '--dedup', dedup);
        expect(perShard.data.result.map((r) => [r.metric.shard, r.value![1]]).sort()).toEqual(GROUPS.map((g) => [g, '3']));
      }
    }
    // What each shard's own Prometheus says.
    for (const s of servers) {
      const own = await fetch(`${s.baseUrl}/api/v1/query?query=count(up)&time=${timeS}`);
      expect(((await own.json()) as ApiJson).data.result[0].value![1]).toBe('3');
    }
  });

  it('pushdown over 8 query APIs equals the local answer on exact queries', async () => {
    const range = ['--start', String(timeS - 20), '--end', String(timeS), '--step', '1s'];
    for (const expr of ['max by (job) (max_over_time(up[3s]))', 'max by (job) (max_over_time(process_resident_memory_bytes[5s]))', 'min by (job) (min_over_time(prometheus_tsdb_head_series[4s]))']) {
      const args = ['query', ...endpointFlags, ...apiFlags, ...groupFlags, '--replica-label', 'replica', '--compat', 'prometheus2', '--expr', expr, ...range];
      const local = await rrx([...args, '--mode', 'local']);
      const pushed = await rrx([...args, '--mode', 'pushdown']);
      expect(pushed.code, pushed.stderr).toBe(0);
      expect(pushed.stderr).toContain('mode pushdown');
      const l = JSON.parse(local.stdout) as ApiJson;
      expect(l.data.result.length, expr).toBeGreaterThan(0);
      expect(JSON.parse(pushed.stdout).data, expr).toEqual(l.data);
    }
  });
});
