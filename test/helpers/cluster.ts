// The seed's topology on loopback: node_exporter, two collector Prometheus servers (replicas A and B, each with its
// own host name) scraping it and each other every second, and optionally a "query" Prometheus with remote_read to
// both (the seed's 9090). Everything is started on free ports in temp dirs and stopped by PID.
import { startNodeExporter, type NodeExporter } from './node-exporter';
import { startPrometheus, type PrometheusServer } from './prometheus';
import { freePort } from './free-port';

export interface TestCluster {
  nodeExporter: NodeExporter;
  /** [replica A, replica B]. */
  collectors: [PrometheusServer, PrometheusServer];
  query?: PrometheusServer;
  scrapeIntervalS: number;
  /** Resolves once every collector has ingested at least `samples` scrapes of `up` (i.e. data to read). */
  waitForData(samples?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  withQueryNode?: boolean;
  scrapeIntervalS?: number;
  /**
   * Give each collector an external label with this name (values "a" and "b"), as Thanos-style HA pairs do.
   * Off by default: the seed's collectors have none, so its query node simply interleaves both.
   */
  replicaLabel?: string;
}

function collectorConfig(intervalS: number, nodeExporter: string, self: number, peer: number, replica?: string): string {
  const external = replica ? `  external_labels:\n    ${replica}\n` : '';
  return `global:
  scrape_interval: ${intervalS}s
  evaluation_interval: ${intervalS}s
${external}scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['${nodeExporter}']
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:${self}', '127.0.0.1:${peer}']
`;
}

function queryConfig(intervalS: number, readUrls: string[]): string {
  return `global:
  scrape_interval: ${intervalS}s
remote_read:
${readUrls.map((u) => `  - url: ${u}\n    read_recent: true`).join('\n')}
`;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<TestCluster> {
  const intervalS = opts.scrapeIntervalS ?? 1;
  const nodeExporter = await startNodeExporter();
  const started: PrometheusServer[] = [];
  try {
    const [portA, portB] = [await freePort(), await freePort()];
    const a = await startPrometheus({
      port: portA,
      hostname: 'rrx-replica-a',
      label: 'collector A',
      configYaml: collectorConfig(intervalS, nodeExporter.target, portA, portB, opts.replicaLabel && `${opts.replicaLabel}: a`),
    });
    started.push(a);
    const b = await startPrometheus({
      port: portB,
      hostname: 'rrx-replica-b',
      label: 'collector B',
      configYaml: collectorConfig(intervalS, nodeExporter.target, portB, portA, opts.replicaLabel && `${opts.replicaLabel}: b`),
    });
    started.push(b);
    let query: PrometheusServer | undefined;
    if (opts.withQueryNode) {
      query = await startPrometheus({ label: 'query node', configYaml: queryConfig(intervalS, [a.readUrl, b.readUrl]) });
      started.push(query);
    }
    const collectors: [PrometheusServer, PrometheusServer] = [a, b];
    return {
      nodeExporter,
      collectors,
      query,
      scrapeIntervalS: intervalS,
      async waitForData(samples = 3) {
        const deadline = Date.now() + 60_000;
        for (const c of collectors) {
          for (;;) {
            const r = await fetch(`${c.baseUrl}/api/v1/query?query=${encodeURIComponent('count_over_time(up{job="node"}[1m])')}`);
            const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
            const n = Number(body.data?.result?.[0]?.value[1] ?? 0);
            if (n >= samples) break;
            if (Date.now() > deadline) throw new Error(`collector ${c.baseUrl} has no data after 60 s`);
            await new Promise((res) => setTimeout(res, 250));
          }
        }
      },
      async stop() {
        for (const p of started.reverse()) await p.stop();
        await nodeExporter.stop();
      },
    };
  } catch (e) {
    for (const p of started.reverse()) await p.stop();
    await nodeExporter.stop();
    throw e;
  }
}
