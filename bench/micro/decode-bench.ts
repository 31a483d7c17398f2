// Focused XOR decode micro-benchmark: `npx tsx --tsconfig tsconfig.node.json bench/micro/decode-bench.ts [repeats]`.
// Prints XOR-only and framed-stream samples/s per repeat (best of several rounds each), so before/after runs of the
// decoder can be compared in the same minute on a shared machine. Numbers only, no verdicts.
import { runDecodeBench } from '@core/remote-read/bench';

const repeats = Number(process.argv[2] ?? 5);
for (let i = 0; i < repeats; i++) {
  const r = runDecodeBench({ rounds: 5 });
  console.log(
    `xor ${(r.xorSamplesPerSec / 1e6).toFixed(1)} M/s  stream ${(r.streamSamplesPerSec / 1e6).toFixed(1)} M/s  ` +
      `typed bytes/sample ${r.heldBytesPerSample.toFixed(1)}`,
  );
}
