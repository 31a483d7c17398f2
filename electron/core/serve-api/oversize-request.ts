// Requests whose request line or headers overflow Node's parser limit (16 KiB): answered with a status instead of
// a dropped connection — 414 when the URL alone is too long, 431 otherwise — as HTTP clients and users expect.
// Shared by serve-api and the bridge. The rest of the request is read and discarded for a moment, so closing the
// socket does not turn into a TCP reset that hides the answer from the client.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const DRAIN_MS = 2000;
const DRAIN_BYTES = 16 << 20;

function answer(status: number, reason: string, text: string): string {
  const body = `${text}\n`;
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

export function answerOversizeRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    if (err.code !== 'HPE_HEADER_OVERFLOW') {
      socket.end(answer(400, 'Bad Request', 'Bad Request'));
      return;
    }
    // No line break yet in what was received: the request line (the URL) is what overflowed.
    const raw = err.rawPacket;
    const urlTooLong = !raw || !raw.includes('\r\n');
    socket.end(urlTooLong ? answer(414, 'URI Too Long', 'URI Too Long: the request URL exceeds 16 KiB; send long queries as a form POST') : answer(431, 'Request Header Fields Too Large', 'Request Header Fields Too Large'));
    let drained = 0;
    const stop = (): void => void socket.destroy();
    const timer = setTimeout(stop, DRAIN_MS);
    timer.unref();
    socket.on('data', (b: Buffer) => {
      drained += b.length;
      if (drained > DRAIN_BYTES) stop();
    });
    socket.on('close', () => clearTimeout(timer));
    socket.on('error', stop);
    socket.resume();
  });
}
