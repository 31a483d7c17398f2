// Runs long synchronous decoding a slice at a time: after about SLICE_MS of work the event loop gets a turn (timers
// — the read's deadline among them — sockets, other requests), and an aborted signal stops the work between slices.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TransportError } from './transport/transport-error';

export const SLICE_MS = 10;

/** Call `step` until it returns true; it should do a bounded amount of work per call. */
export async function runInSlices(step: () => boolean, signal: AbortSignal | undefined, sliceMs = SLICE_MS): Promise<void> {
  let sliceStart = performance.now();
  for (;;) {
    if (step()) return;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      if (signal?.aborted) throw new TransportError('cancelled', 'aborted');
      sliceStart = performance.now();
    }
  }
}

/** Drain a generator in slices of `stepsPerCheck` steps; returns its result. */
export async function drainInSlices<R>(gen: Generator<unknown, R, void>, signal: AbortSignal | undefined, stepsPerCheck = 64): Promise<R> {
  let result: R | undefined;
  let finished = false;
  await runInSlices(() => {
    for (let i = 0; i < stepsPerCheck; i++) {
      const r = gen.next();
      if (r.done) {
        result = r.value;
        finished = true;
        return true;
      }
    }
    return false;
  }, signal);
  if (!finished) throw new Error('generator did not finish');
  return result as R;
}
