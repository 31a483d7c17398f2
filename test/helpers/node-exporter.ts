// Debian's prometheus-node-exporter on a free loopback port: the scrape target of the test cluster.
import { freePort } from './free-port';
import { NODE_EXPORTER_BIN } from './prometheus';
import { requireBinary, spawnPeer, type PeerProcess } from './peer-process';

export interface NodeExporter {
  readonly port: number;
  readonly target: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startNodeExporter(): Promise<NodeExporter> {
  requireBinary(NODE_EXPORTER_BIN, 'prometheus-node-exporter');
  const port = await freePort();
  const target = `127.0.0.1:${port}`;
  const proc: PeerProcess = await spawnPeer({
    command: NODE_EXPORTER_BIN,
    args: [`--web.listen-address=${target}`],
    label: `node_exporter :${port}`,
    readyCheck: async () => (await fetch(`http://${target}/metrics`)).ok,
  });
  return { port, target, pid: proc.pid, stop: () => proc.stop() };
}
