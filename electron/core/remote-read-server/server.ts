// The in-repo remote_read server: HTTP on loopback serving SAMPLES and STREAMED_XOR_CHUNKS from generated series,
// with switchable fault modes and optional basic/bearer auth. For tests, fuzzing, benchmarks and the demo cluster.
import http from 'node:http';
import type net from 'node:net';
import snappy from 'snappyjs';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { CONTENT_TYPE_PROTOBUF, CONTENT_TYPE_STREAMED } from '@core/remote-read/proto/schema';
import { MemorySeriesStore } from '@core/series/memory-store';
import type { RawSeries } from '@core/series/types';
import { chunksForWindow, DEFAULT_MAX_BYTES_IN_FRAME, encodeFrame, seriesMessages } from './chunked-encoder';
import type { ServerFault } from './faults';

/** An encoding number Prometheus does not define (its chunkenc stops at 3, FLOAT_HISTOGRAM). */
const UNKNOWN_CHUNK_ENCODING = 7;
import { decodeReadRequest, type DecodedReadRequest } from './request-decoder';
import { encodeReadResponse } from './samples-encoder';
import { snappyBomb } from './snappy-bomb';

export interface RemoteReadServerAuth {
  basic?: { username: string; password: string };
  bearer?: string;
}

export interface RemoteReadServerOptions {
  /** The full series served (a function is called per request, e.g. for data relative to "now"). */
  series: readonly RawSeries[] | (() => readonly RawSeries[]);
  port?: number;
  fault?: ServerFault;
  auth?: RemoteReadServerAuth;
  /** Response types this server implements, in its own preference (default both). */
  supportedResponseTypes?: readonly ResponseType[];
  maxBytesInFrame?: number;
  samplesPerChunk?: number;
  /** Request path served (default /api/v1/read). */
  path?: string;
  /** Called with every decoded read request (tests capture what a client sent, hints included). */
  onRequest?: (request: DecodedReadRequest & { headers: http.IncomingHttpHeaders }) => void;
}

export interface RemoteReadServer {
  /** Full remote_read URL, e.g. http://127.0.0.1:PORT/api/v1/read. */
  readonly url: string;
  readonly port: number;
  setFault(fault: ServerFault): void;
  /** Requests answered or started so far. */
  requestCount(): number;
  /** Sockets currently open (tests assert 0 after a failed read has been cleaned up). */
  openConnections(): number;
  /** Headers of the latest requests (any path, before the auth check; at most 100), oldest first. */
  requestHeaders(): http.IncomingHttpHeaders[];
  /** The last decoded request, for protocol assertions. */
  lastRequest(): (DecodedReadRequest & { headers: http.IncomingHttpHeaders }) | undefined;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRemoteReadServer(opts: RemoteReadServerOptions): Promise<RemoteReadServer> {
  let fault: ServerFault = opts.fault ?? { kind: 'none' };
  const sockets = new Set<net.Socket>();
  let requests = 0;
  let last: (DecodedReadRequest & { headers: http.IncomingHttpHeaders }) | undefined;
  const seenHeaders: http.IncomingHttpHeaders[] = [];
  const path = opts.path ?? '/api/v1/read';
  const supported = opts.supportedResponseTypes ?? ['SAMPLES', 'STREAMED_XOR_CHUNKS'];

  const server = http.createServer((req, res) => {
    requests++;
    handle(req, res).catch(() => {
      // The client went away or a fault tore the socket down; nothing to report.
      res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    seenHeaders.push(req.headers);
    if (seenHeaders.length > 100) seenHeaders.shift();
    const url = new URL(req.url ?? '/', 'http://x');
    if (fault.kind === 'redirect' && (fault.fromPath === undefined || fault.fromPath === url.pathname)) {
      const hop = Number(url.searchParams.get('hop') ?? 0) + 1;
      const location = new URL(fault.location.replace('{hop}', String(hop)), `http://${req.headers.host}${req.url}`).toString();
      res.writeHead(fault.status ?? 307, { location, 'content-type': 'text/plain' });
      res.end('moved\n');
      return;
    }
    if (req.method !== 'POST' || url.pathname !== path) return plain(res, 404, 'not found');
    if (!authorized(req, opts.auth)) {
      res.setHeader('www-authenticate', 'Basic realm="rrx"');
      return plain(res, 401, 'Unauthorized');
    }
    let decoded: DecodedReadRequest;
    try {
      decoded = decodeReadRequest(Buffer.concat(parts));
    } catch {
      return plain(res, 400, 'malformed remote read request');
    }
    last = { ...decoded, headers: req.headers };
    opts.onRequest?.(last);
    const f = fault;
    if (f.kind === 'hang') return; // never answer; close() destroys the socket
    if (f.kind === 'http-status' && f.bodyBytes !== undefined) return sendLargeError(res, f.status ?? 503, f.bodyBytes);
    if (f.kind === 'http-status') return plain(res, f.status ?? 503, 'remote read failed: injected fault');
    if (f.kind === 'slowloris') {
      res.writeHead(200, { 'content-type': CONTENT_TYPE_PROTOBUF, 'content-encoding': 'snappy' });
      for (let i = 0; i < 100_000 && (await write(res, Buffer.from([0]))); i++) await sleep(f.intervalMs ?? 100);
      return reset(res);
    }
    if (f.kind === 'snappy-bomb') {
      res.writeHead(200, { 'content-type': CONTENT_TYPE_PROTOBUF, 'content-encoding': 'snappy' });
      const body = snappyBomb(f.bytes);
      for (let i = 0; i < body.length; i += 1 << 20) if (!(await write(res, body.subarray(i, i + (1 << 20))))) return;
      res.end();
      return;
    }
    if (f.kind === 'wrong-content-type') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>login page</html>');
      return;
    }
    if (f.kind === 'slow') await sleep(f.delayMs);

    const store = new MemorySeriesStore(typeof opts.series === 'function' ? opts.series() : opts.series);
    const type = decoded.accepted.length ? decoded.accepted.find((t) => supported.includes(t)) : 'SAMPLES';
    if (!type) return plain(res, 400, 'none of the accepted response types is supported');
    if (type === 'SAMPLES') return sendSamples(res, store, decoded, f);
    return sendStreamed(res, store, decoded, f);
  }

  async function sendSamples(res: http.ServerResponse, store: MemorySeriesStore, d: DecodedReadRequest, f: ServerFault) {
    const perQuery = d.queries.map((q) => store.select(q.matchers, q.startMs, q.endMs));
    const body = Buffer.from(snappy.compress(encodeReadResponse(perQuery)));
    res.writeHead(200, { 'content-type': CONTENT_TYPE_PROTOBUF, 'content-encoding': 'snappy' });
    if (f.kind === 'reset-mid-stream') {
      res.write(body.subarray(0, Math.max(1, body.length >> 1)));
      await sleep(20);
      return reset(res);
    }
    if (f.kind === 'slow') {
      const step = Math.max(1, Math.ceil(body.length / 4));
      for (let i = 0; i < body.length; i += step) {
        if (!(await write(res, body.subarray(i, i + step)))) return;
        await sleep(f.delayMs);
      }
      res.end();
      return;
    }
    res.end(body);
  }

  async function sendStreamed(res: http.ServerResponse, store: MemorySeriesStore, d: DecodedReadRequest, f: ServerFault) {
    res.writeHead(200, { 'content-type': CONTENT_TYPE_STREAMED });
    if (f.kind === 'oversized-frame') {
      // Announce a huge frame, then send a little of it: the client must refuse on the header alone.
      const size = f.bytes ?? 64 * 1024 * 1024;
      const header: number[] = [];
      let v = size;
      while (v >= 0x80) {
        header.push((v & 0x7f) | 0x80);
        v = Math.floor(v / 128);
      }
      header.push(v);
      await write(res, Buffer.from([...header, 0, 0, 0, 0, 1, 2, 3]));
      res.end();
      return;
    }
    let frameNo = 0;
    for (let qi = 0; qi < d.queries.length; qi++) {
      const q = d.queries[qi];
      // Select whole series (all time) so chunks are cut at stable boundaries, then send overlapping chunks whole.
      const full = store.select(q.matchers, -Infinity, Infinity);
      for (const s of full) {
        const chunks = chunksForWindow(s, q.startMs, q.endMs, opts.samplesPerChunk);
        if (!chunks.length) continue;
        if (f.kind === 'unknown-chunk-encoding') for (const c of chunks) c.encoding = UNKNOWN_CHUNK_ENCODING;
        for (const msg of seriesMessages(qi, s.labels, chunks, opts.maxBytesInFrame ?? DEFAULT_MAX_BYTES_IN_FRAME)) {
          const frame = Buffer.from(encodeFrame(msg));
          const n = frameNo++;
          if (f.kind === 'bad-crc' && n === 0) frame[frame.length - msg.length - 1] ^= 0xff;
          if (f.kind === 'truncated-frame') {
            await write(res, frame.subarray(0, Math.max(2, frame.length >> 1)));
            res.end();
            return;
          }
          if (f.kind === 'reset-mid-stream' && n === 1) {
            await write(res, frame.subarray(0, frame.length >> 1));
            await sleep(20);
            return reset(res);
          }
          if (!(await write(res, frame))) return;
          if (f.kind === 'slow') await sleep(f.delayMs);
        }
      }
    }
    if (f.kind === 'reset-mid-stream') {
      // Fewer than two frames: reset after the headers instead.
      return reset(res);
    }
    if (f.kind === 'truncated-frame') {
      await write(res, Buffer.from([0x10, 0, 0]));
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    setFault(f) {
      fault = f;
      if (f.kind === 'snappy-bomb') snappyBomb(f.bytes); // built now, not while a client is being timed
    },
    requestCount: () => requests,
    requestHeaders: () => [...seenHeaders],
    openConnections: () => sockets.size,
    lastRequest: () => last,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: http.IncomingMessage, auth: RemoteReadServerAuth | undefined): boolean {
  if (!auth || (!auth.basic && !auth.bearer)) return true;
  const h = req.headers.authorization ?? '';
  if (auth.basic) {
    const want = 'Basic ' + Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64');
    if (h === want) return true;
  }
  if (auth.bearer && h === `Bearer ${auth.bearer}`) return true;
  return false;
}

/** An error status whose body is `bytes` long (a proxy's HTML page, a stack trace), written with backpressure. */
async function sendLargeError(res: http.ServerResponse, status: number, bytes: number): Promise<void> {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes) });
  const piece = Buffer.alloc(64 * 1024, 'x');
  for (let left = bytes; left > 0; left -= piece.length) if (!(await write(res, piece.subarray(0, Math.min(left, piece.length))))) return;
  res.end();
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

/** Write with backpressure; false when the client has gone. */
function write(res: http.ServerResponse, data: Uint8Array): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(data)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

function reset(res: http.ServerResponse): void {
  const s = res.socket as (net.Socket & { resetAndDestroy?: () => void }) | null;
  if (s?.resetAndDestroy) s.resetAndDestroy();
  else s?.destroy();
}
