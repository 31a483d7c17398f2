// A real Prometheus 2.42 (Debian's) on a free loopback port with its own temp data dir: started, awaited until it
// serves, stopped and restarted by PID on the same port and data — so tests can make real outages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { requireBinary, spawnPeer, type PeerProcess } from './peer-process';

export const PROMETHEUS_BIN = process.env.RRX_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.RRX_PROMTOOL_BIN ?? '/usr/bin/promtool';
export const NODE_EXPORTER_BIN = process.env.RRX_NODE_EXPORTER_BIN ?? '/usr/bin/prometheus-node-exporter';

export interface PrometheusOptions {
  /** prometheus.yml text; `{{PORT}}` is replaced with the server's own port. Default: scrape itself every 1 s. */
  configYaml?: string;
  /** --web.config.file contents (TLS, basic auth). */
  webConfigYaml?: string;
  extraArgs?: string[];
  /** Host name in its own UTS namespace (root only); Prometheus seeds scrape offsets with it. */
  hostname?: string;
  port?: number;
  /** Existing data dir (e.g. backfilled blocks); default a fresh temp dir removed on stop(). */
  dataDir?: string;
  label?: string;
}

export interface PrometheusServer {
  readonly port: number;
  /** http://127.0.0.1:PORT (https when webConfigYaml enables TLS — callers know their own config). */
  readonly baseUrl: string;
  /** The remote_read endpoint: baseUrl + /api/v1/read. */
  readonly readUrl: string;
  readonly dataDir: string;
  readonly hostname?: string;
  pid(): number;
  log(): string;
  running(): boolean;
  /** Stop the process (data kept, so start() resumes on the same port and TSDB). */
  stopProcess(): Promise<void>;
  start(): Promise<void>;
  /** Stop and remove temp dirs. */
  stop(): Promise<void>;
}

export function selfScrapeConfig(intervalS = 1): string {
  return `global:\n  scrape_interval: ${intervalS}s\n  evaluation_interval: ${intervalS}s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:{{PORT}}']\n`;
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusServer> {
  requireBinary(PROMETHEUS_BIN, 'prometheus');
  const port = opts.port ?? (await freePort());
  const confDir = mkdtempSync(join(tmpdir(), 'rrx-prom-conf-'));
  const ownData = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rrx-prom-data-'));
  const configFile = join(confDir, 'prometheus.yml');
  writeFileSync(configFile, (opts.configYaml ?? selfScrapeConfig()).replaceAll('{{PORT}}', String(port)));
  const args = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=30d',
    '--log.level=info',
  ];
  if (opts.webConfigYaml) {
    const webFile = join(confDir, 'web.yml');
    writeFileSync(webFile, opts.webConfigYaml);
    args.push(`--web.config.file=${webFile}`);
  }
  args.push(...(opts.extraArgs ?? []));
  const label = opts.label ?? `prometheus :${port}`;
  let proc: PeerProcess | undefined;

  const start = async (): Promise<void> => {
    proc = await spawnPeer({
      command: PROMETHEUS_BIN,
      args,
      hostname: opts.hostname,
      label,
      readyLine: /Server is ready to receive web requests/,
      readyTimeoutMs: 60_000,
    });
  };
  await start();
  let alive = true;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    readUrl: `http://127.0.0.1:${port}/api/v1/read`,
    dataDir,
    hostname: opts.hostname,
    pid: () => proc?.pid ?? -1,
    log: () => proc?.log() ?? '',
    running: () => alive,
    async stopProcess() {
      await proc?.stop();
      alive = false;
    },
    async start() {
      await start();
      alive = true;
    },
    async stop() {
      await proc?.stop();
      alive = false;
      rmSync(confDir, { recursive: true, force: true });
      if (ownData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
