// Writing a long text as chunks to a Node stream (an HTTP response, stdout, a gzip stream) with backpressure: the
// next chunk is produced only when the stream has room, so a large answer is never held whole, neither as a string
// nor in the stream's buffer. Never ends the stream: the caller decides (stdout must stay open).
import type { Writable } from 'node:stream';

/** Resolves when `out` wants more (true), or when it closed or failed first (false). */
function roomOrGone(out: Writable): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      out.off('drain', onDrain);
      out.off('close', onGone);
      out.off('error', onGone);
      resolve(ok);
    };
    const onDrain = done(true);
    const onGone = done(false);
    out.once('drain', onDrain);
    out.once('close', onGone);
    out.once('error', onGone);
  });
}

/**
 * Writes every chunk of `chunks` to `out`, waiting for 'drain' whenever the stream's buffer is full. Returns false
 * if the stream closed or was destroyed before everything was written (the rest is not produced).
 */
export async function writeChunks(out: Writable, chunks: Iterable<string>): Promise<boolean> {
  for (const chunk of chunks) {
    if (out.destroyed || out.writableEnded) return false;
    if (!out.write(chunk) && !(await roomOrGone(out))) return false;
  }
  return !out.destroyed;
}
