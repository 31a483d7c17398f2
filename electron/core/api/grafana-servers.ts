// "Serve this cluster to Grafana": per profile, one Prometheus-compatible query API (rrx serve-api) on a loopback
// port, sharing the app's raw-read cache. Loopback only from the app — a non-loopback listen needs the CLI's token.
import type { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { ProcessMemoryBudget } from '@core/memory/budget';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api/server';
import type { GrafanaServerStatus } from '@shared/api/types';
import { ApiCallError } from './api-error';

export class GrafanaServers {
  private readonly running = new Map<string, { server: QueryApiServer; profileName: string }>();

  constructor(
    private readonly clusterFor: (profileId: string) => Promise<ClusterSpec>,
    private readonly cache: RawReadCache,
    private readonly memory?: ProcessMemoryBudget,
  ) {}

  async start(profileId: string, port = 0): Promise<GrafanaServerStatus> {
    await this.stop(profileId);
    const spec = await this.clusterFor(profileId);
    try {
      const server = await startQueryApiServer({ spec, listen: { host: '127.0.0.1', port }, cache: this.cache, memory: this.memory, queryTimeoutMs: spec.queryTimeoutMs });
      this.running.set(profileId, { server, profileName: spec.name });
      return this.statusOf(profileId)!;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new ApiCallError('port-in-use', `Port ${port} on 127.0.0.1 is already in use; choose another.`, 'port');
      throw e;
    }
  }

  async stop(profileId: string): Promise<void> {
    const r = this.running.get(profileId);
    if (!r) return;
    this.running.delete(profileId);
    await r.server.close();
  }

  list(): GrafanaServerStatus[] {
    return [...this.running.keys()].map((id) => this.statusOf(id)!);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private statusOf(profileId: string): GrafanaServerStatus | undefined {
    const r = this.running.get(profileId);
    if (!r) return undefined;
    return { profileId, profileName: r.profileName, url: r.server.url, port: r.server.port };
  }
}
