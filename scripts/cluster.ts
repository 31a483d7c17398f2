// `npm run cluster`: the seed's topology on free loopback ports, for trying rrx by hand. Ctrl+C stops everything.
import { startCluster } from '../test/helpers/cluster';

const cluster = await startCluster({ withQueryNode: true });
const [a, b] = cluster.collectors;
console.log(`node_exporter      http://${cluster.nodeExporter.target}/metrics
collector A        ${a.baseUrl}   remote_read: ${a.readUrl}
collector B        ${b.baseUrl}   remote_read: ${b.readUrl}
query (the "9090") ${cluster.query!.baseUrl}

Try: npx rrx query --endpoint ${a.readUrl} --endpoint ${b.readUrl} --expr 'count(up)' --time now
Ctrl+C stops all of them.`);
const stop = (): void => void cluster.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
