// writeChunks: the next chunk is produced only when the stream has room (never more than one chunk past its
// buffer), everything arrives in order, and a stream destroyed midway stops the producer.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeChunks } from '@core/io/write-chunks';

/** A slow sink: takes each write after a tick, buffering at most 4 characters before asking the writer to wait. */
function slowSink(received: string[]): Writable {
  return new Writable({
    highWaterMark: 4,
    decodeStrings: false,
    write(chunk: string, _enc, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
}

describe('writeChunks', () => {
  it('waits for drain between chunks and writes all of them in order', async () => {
    const received: string[] = [];
    const sink = slowSink(received);
    let maxBuffered = 0;
    const chunks = (function* () {
      for (let i = 0; i < 50; i++) {
        maxBuffered = Math.max(maxBuffered, sink.writableLength);
        yield `chunk${i};`;
      }
    })();
    expect(await writeChunks(sink, chunks)).toBe(true);
    await new Promise<void>((r) => sink.end(r));
    expect(received.join('')).toBe(Array.from({ length: 50 }, (_, i) => `chunk${i};`).join(''));
    // Produced only when there was room: never more than one chunk waiting in the stream.
    expect(maxBuffered).toBeLessThanOrEqual('chunk49;'.length);
  });

  it('stops producing when the stream is destroyed midway', async () => {
    const received: string[] = [];
    const sink = slowSink(received);
    let produced = 0;
    const chunks = (function* () {
      for (let i = 0; i < 1000; i++) {
        produced++;
        if (i === 10) setImmediate(() => sink.destroy());
        yield `c${i}`;
      }
    })();
    expect(await writeChunks(sink, chunks)).toBe(false);
    expect(produced).toBeLessThan(20);
  });
});
