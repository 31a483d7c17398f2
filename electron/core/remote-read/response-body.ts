// Reads an HTTP response body into the right decoder: SAMPLES (snappy'd ReadResponse, size-capped before allocating,
// inflated and decoded in slices that honour the deadline) or STREAMED_XOR_CHUNKS (frame by frame as bytes arrive).
// Bad data throws DecodeError.
import type { RawSeries } from '@core/series/types';
import { ChunkedResponseDecoder, type QueryWindow } from './chunked-decoder';
import { FrameReader } from './frame-reader';
import { DecodeError } from './errors';
import { LIMIT_NAMES, type ReadBudget } from './limits';
import { decodeReadResponseSteps } from './samples-decoder';
import { SnappyBlockDecoder, checkDeclaredLength, snappyMaxEncodedLength, snappyUncompress, snappyUncompressedLength } from './snappy-block';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TransportError } from './transport/transport-error';
import { SLICE_MS, drainInSlices, runInSlices } from './work-slices';
import type { RemoteReadWarning } from './warnings';

export interface DecodedBody {
  results: RawSeries[][];
  warnings: RemoteReadWarning[];
  /** Milliseconds spent decompressing and decoding (synchronous work only, not waiting for bytes): the bench's profile. */
  decodeMs: number;
}

/** Decompress a SAMPLES body at once, refusing more than maxBytes before allocating (fuzzing, tests). */
export function snappyDecompress(buf: Uint8Array, maxBytes: number): Uint8Array {
  return snappyUncompress(buf, maxBytes);
}

/** Output bytes decompressed between two looks at the clock. */
const INFLATE_STEP_BYTES = 1 << 20;

/**
 * A SAMPLES body: received whole (its snappy header is checked against the decompressed-bytes limit as soon as it
 * arrives, and the body may not outgrow what that size can compress to), then decompressed and decoded in slices
 * that yield to the event loop and stop when `signal` aborts (the read's deadline or the caller's cancel).
 */
export async function readSamplesBody(
  body: AsyncIterable<Uint8Array>,
  budget: ReadBudget,
  onChunk: () => void,
  signal?: AbortSignal,
): Promise<DecodedBody> {
  const maxInflated = budget.limits.maxDecompressedBytes;
  const parts: Uint8Array[] = [];
  let total = 0;
  let declared = -1;
  for await (const chunk of body) {
    budget.addBytes(chunk.length);
    parts.push(chunk);
    total += chunk.length;
    if (declared < 0) {
      declared = snappyUncompressedLength(parts.length === 1 ? chunk : concat(parts, Math.min(total, 5)));
      if (declared < 0 && total >= 5) throw new DecodeError('decode', 'invalid snappy block header');
      if (declared > maxInflated) checkDeclaredLength(declared, Infinity, maxInflated, LIMIT_NAMES.maxDecompressedBytes);
    }
    if (declared >= 0 && total > snappyMaxEncodedLength(declared)) {
      throw new DecodeError('decode', `corrupt snappy data (the body outgrows the ${declared} bytes it declares)`);
    }
    onChunk();
  }
  let decodeMs = 0;
  const timed = <T>(work: () => T): T => {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      decodeMs += performance.now() - t0;
    }
  };
  const all = concat(parts, total);
  parts.length = 0;
  const inflater = new SnappyBlockDecoder(all, maxInflated, LIMIT_NAMES.maxDecompressedBytes);
  await runInSlices(() => timed(() => inflater.run(INFLATE_STEP_BYTES)), signal);
  const decoded = await drainInSlices(timedSteps(decodeReadResponseSteps(inflater.output, budget), timed), signal);
  return { ...decoded, decodeMs };
}

/** The same steps, each run through `timed` (so the time between steps — other work, the event loop — is left out). */
function* timedSteps<T, R>(gen: Generator<T, R, void>, timed: <V>(work: () => V) => V): Generator<T, R, void> {
  for (;;) {
    const r = timed(() => gen.next());
    if (r.done) return r.value;
    yield r.value;
  }
}

function concat(parts: readonly Uint8Array[], bytes: number): Uint8Array {
  const all = new Uint8Array(bytes);
  let off = 0;
  for (const p of parts) {
    if (off >= bytes) break;
    const take = Math.min(p.length, bytes - off);
    all.set(take === p.length ? p : p.subarray(0, take), off);
    off += take;
  }
  return all;
}

export async function readStreamedBody(
  body: AsyncIterable<Uint8Array>,
  windows: readonly QueryWindow[],
  budget: ReadBudget,
  onFrame: () => void,
  signal?: AbortSignal,
  onSeries?: (queryIndex: number, s: RawSeries) => void,
  waitForRoom?: () => Promise<void> | undefined,
): Promise<DecodedBody> {
  const frames = new FrameReader(budget.limits.maxFrameBytes, LIMIT_NAMES.maxFrameBytes);
  const decoder = new ChunkedResponseDecoder(windows, budget, onSeries);
  const onMessage = (m: Uint8Array) => {
    decoder.decodeFrame(m);
    onFrame();
  };
  let sliceStart = performance.now();
  let decodeMs = 0;
  for await (const chunk of body) {
    budget.addBytes(chunk.length);
    const t0 = performance.now();
    frames.push(chunk, onMessage);
    decodeMs += performance.now() - t0;
    // Streaming consumer behind on this node's series: stop pulling bytes (TCP pushes back) until it catches up.
    const wait = waitForRoom?.();
    if (wait) {
      await wait;
      if (signal?.aborted) throw new TransportError('cancelled', 'aborted');
      sliceStart = performance.now();
    }
    // Buffered data is handed over without a trip through the event loop: give it a turn now and then.
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      if (signal?.aborted) throw new TransportError('cancelled', 'aborted');
      sliceStart = performance.now();
    }
  }
  const t0 = performance.now();
  frames.end();
  const results = decoder.finish();
  decodeMs += performance.now() - t0;
  return { results, warnings: decoder.warnings, decodeMs };
}
