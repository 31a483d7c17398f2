// Merge throughput on its own: `npx tsx --tsconfig tsconfig.node.json bench/micro/merge-run.ts [hosts] [repeats]`.
// Prints input samples/s per strategy and node count (best of 3 rounds after a warm-up), repeated so that
// before/after runs can be compared in the same minute on a shared machine. Numbers only.
import { dataWindow } from '../data/timeline';
import { runMergeBench } from './merge-bench';

const hosts = Number(process.argv[2] ?? 10);
const repeats = Number(process.argv[3] ?? 2);
for (let r = 0; r < repeats; r++) {
  const rows = runMergeBench(hosts, dataWindow(6));
  console.log(rows.map((x) => `${x.strategy}/${x.nodes} ${(x.samplesPerSec / 1e6).toFixed(1)}`).join('  '));
}
