// Bytes held per decoded sample as the process really holds it: every series of a collector read over remote_read,
// heap + array buffers measured after a forced GC, before and after, divided by the samples kept.
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

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function measureHeldMemory(readUrl: string, w: Window): Promise<HeldMemoryResult> {
  gc();
  const before = used();
  const res = await remoteRead({ url: readUrl, remoteTimeoutMs: 300_000 }, [{ matchers: [{ type: '=~', name: '__name__', value: '.+' }], startMs: w.startMs, endMs: w.endMs }], {
    limits: { maxSamples: Infinity, maxBytes: Infinity },
  });
  gc();
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
