// Reads an HTTP response body into the right decoder: SAMPLES (snappy'd ReadResponse, size-capped and bounds-checked
// while decompressing) or STREAMED_XOR_CHUNKS (frame by frame as bytes arrive). Bad data throws DecodeError.
import type { RawSeries } from '@core/series/types';
import { ChunkedResponseDecoder, type QueryWindow } from './chunked-decoder';
import { FrameReader } from './frame-reader';
import type { ReadBudget } from './limits';
import { decodeReadResponse } from './samples-decoder';
import { snappyUncompress } from './snappy-block';
import type { RemoteReadWarning } from './warnings';

export interface DecodedBody {
  results: RawSeries[][];
  warnings: RemoteReadWarning[];
}

/** Decompress a SAMPLES body, refusing more than maxBytes before allocating. */
export function snappyDecompress(buf: Uint8Array, maxBytes: number): Uint8Array {
  return snappyUncompress(buf, maxBytes);
}

export async function readSamplesBody(
  body: AsyncIterable<Uint8Array>,
  budget: ReadBudget,
  onChunk: () => void,
): Promise<DecodedBody> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    budget.addBytes(chunk.length);
    parts.push(chunk);
    total += chunk.length;
    onChunk();
  }
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  parts.length = 0;
  return decodeReadResponse(snappyDecompress(all, budget.limits.maxBytes), budget);
}

export async function readStreamedBody(
  body: AsyncIterable<Uint8Array>,
  windows: readonly QueryWindow[],
  budget: ReadBudget,
  onFrame: () => void,
): Promise<DecodedBody> {
  const frames = new FrameReader(budget.limits.maxFrameBytes);
  const decoder = new ChunkedResponseDecoder(windows, budget);
  const onMessage = (m: Uint8Array) => {
    decoder.decodeFrame(m);
    onFrame();
  };
  for await (const chunk of body) {
    budget.addBytes(chunk.length);
    frames.push(chunk, onMessage);
  }
  frames.end();
  return { results: decoder.finish(), warnings: decoder.warnings };
}
