// One Prometheus for the bench on a free loopback port: serving a backfilled TSDB folder (a collector) or holding
// nothing and reading remote (the seed's 9090). No scraping, compaction off, retention long enough for old blocks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/helpers/free-port';
import { requireBinary, spawnPeer, type PeerProcess } from '../../test/helpers/peer-process';
import { PROMETHEUS_BIN } from '../../test/helpers/prometheus';

export interface BenchPrometheus {
  label: string;
  baseUrl: string;
  readUrl: string;
  stop(): Promise<void>;
}

export async function startBenchPrometheus(label: string, configYaml: string, dataDir?: string): Promise<BenchPrometheus> {
  requireBinary(PROMETHEUS_BIN, 'prometheus');
  const port = await freePort();
  const confDir = mkdtempSync(join(tmpdir(), 'rrx-bench-conf-'));
  const data = dataDir ?? join(confDir, 'data');
  writeFileSync(join(confDir, 'prometheus.yml'), configYaml);
  let peer: PeerProcess | undefined;
  try {
    peer = await spawnPeer({
      command: PROMETHEUS_BIN,
      args: [
        `--config.file=${join(confDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // The blocks are from a fixed past day; time retention counts back from the newest block anyway.
        '--storage.tsdb.retention.time=10y',
        // min = max block duration turns compaction off (as Thanos sidecars do): no background work mid-measurement.
        '--storage.tsdb.min-block-duration=2h',
        '--storage.tsdb.max-block-duration=2h',
        '--log.level=info',
      ],
      label,
      readyLine: /Server is ready to receive web requests/,
      readyTimeoutMs: 120_000,
    });
  } catch (e) {
    rmSync(confDir, { recursive: true, force: true });
    throw e;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    label,
    baseUrl,
    readUrl: `${baseUrl}/api/v1/read`,
    async stop() {
      await peer?.stop();
      rmSync(confDir, { recursive: true, force: true });
    },
  };
}
