// Bytes held per decoded sample as the process really holds it: every series of a collector read over remote_read,
// heap + array buffers measured after forced GCs, before and after, divided by the samples kept. One read is done
// and dropped first, and each measurement repeats GC across event-loop turns: a single gc() leaves array buffers of
// the previous phase unswept and counts first-use module state, which swung the old figure between 7 and 38 B/sample
// for the same code.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { remoteRead } from '@core/remote-read/client';
import type { RawSeries } from '@core/series/types';
import type { Window } from '../data/timeline';

export interface HeldMemoryResult {
  series: number;
  samples: number;
  heldBytesPerSample: number;
  /** Typed-array bytes alone (16 = one float64 timestamp + one float64 value). */
  arrayBytesPerSample: number;
}

/** Full GCs across a few event-loop turns, so freed array-buffer backing stores are really released. */
async function gc(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  for (let k = 0; k < 3; k++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function measureHeldMemory(readUrl: string, w: Window): Promise<HeldMemoryResult> {
  const read = () =>
    remoteRead({ url: readUrl, remoteTimeoutMs: 300_000 }, [{ matchers: [{ type: '=~', name: '__name__', value: '.+' }], startMs: w.startMs, endMs: w.endMs }], {
      limits: { maxSamples: Infinity, maxBytes: Infinity },
    });
  await read(); // warm-up, dropped: lazily built module and connection state is not held by the result
  await gc();
  const before = used();
  const res = await read();
  await gc();
  const held: RawSeries[] = res.results[0];
  const after = used();
  let samples = 0;
  let arrayBytes = 0;
  for (const s of held) {
    samples += s.timestamps.length;
    arrayBytes += s.timestamps.byteLength + s.values.byteLength;
  }
  return { series: held.length, samples, heldBytesPerSample: (after - before) / samples, arrayBytesPerSample: arrayBytes / samples };
}
