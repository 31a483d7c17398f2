// XOR decode on one core measured in CPU time (process.cpuUsage) rather than wall time, so a loaded machine's run
// queue does not count: `npx tsx --tsconfig tsconfig.node.json bench/micro/decode-cpu.ts [rounds]`. Numbers only.
import { runDecodeBench } from '@core/remote-read/bench';

const rounds = Number(process.argv[2] ?? 8);
const r = runDecodeBench({ rounds, clock: 'cpu' });
console.log(`xor ${(r.xorSamplesPerSec / 1e6).toFixed(1)} M/s  stream ${(r.streamSamplesPerSec / 1e6).toFixed(1)} M/s (best of ${rounds}, CPU time)`);
