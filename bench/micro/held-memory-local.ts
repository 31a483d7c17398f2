// Bytes held per decoded sample without Prometheus: the in-repo remote_read server (same process, data built before
// the first measurement) serves the bench's 2 000 series × 6 h of replica A as streamed XOR chunks; the client reads
// them all, and heap + array buffers are compared after forced GCs. Run:
// `npx tsx --tsconfig tsconfig.node.json bench/micro/held-memory-local.ts [hosts] [hours] [read-url]`; with a read URL
// (e.g. a Prometheus serving the bench cache) that endpoint is read instead of the in-repo server. Numbers only.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { remoteRead } from '@core/remote-read/client';
import { startRemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import { replicaSeries } from '../data/in-memory';
import { dataWindow } from '../data/timeline';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function main(): Promise<void> {
  const hosts = Number(process.argv[2] ?? 20);
  const w = dataWindow(Number(process.argv[3] ?? 6));
  const server = process.argv[4] ? undefined : await startRemoteReadServer({ series: replicaSeries(hosts, 'A', w) });
  const url = process.argv[4] ?? server!.url;
  const query = { matchers: [{ type: '=~' as const, name: '__name__', value: '.+' }], startMs: w.startMs, endMs: w.endMs };
  // One untimed read so lazily built module state is not counted as held by the result.
  await remoteRead({ url: url, acceptedResponseTypes: ['STREAMED_XOR_CHUNKS'] }, [query], { limits: { maxSamples: Infinity, maxBytes: Infinity } });
  for (let round = 0; round < 3; round++) {
    gc();
    gc();
    const before = used();
    const res = await remoteRead({ url: url, acceptedResponseTypes: ['STREAMED_XOR_CHUNKS'] }, [query], {
      limits: { maxSamples: Infinity, maxBytes: Infinity },
    });
    gc();
    gc();
    const after = used();
    const held: RawSeries[] = res.results[0];
    let samples = 0;
    let arrayBytes = 0;
    for (const s of held) {
      samples += s.timestamps.length;
      arrayBytes += s.timestamps.buffer.byteLength + s.values.buffer.byteLength;
    }
    console.log(
      `${held.length} series, ${samples} samples: held ${((after - before) / samples).toFixed(1)} B/sample, ` +
        `array buffers behind the series ${(arrayBytes / samples).toFixed(1)} B/sample`,
    );
  }
  server?.close();
}

void main();
