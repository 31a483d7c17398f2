// Opens the byte pipe for one request: a TCP socket to the target or to its proxy (HTTP CONNECT tunnel for https
// targets), then TLS with ALPN when the target is https. Never logs or echoes options (they may hold keys).
import net from 'node:net';
import tls from 'node:tls';
import { TransportError, classifyNetworkError } from './transport-error';

export interface ConnectOptions {
  target: URL;
  proxy: URL | null;
  proxyConnectHeaders?: Record<string, string[]>;
  tls: tls.ConnectionOptions;
  /** Offer h2 in ALPN (enable_http2). */
  http2: boolean;
  signal: AbortSignal;
}

export interface Connection {
  socket: net.Socket;
  /** 'h2' when HTTP/2 was negotiated. */
  protocol: 'h2' | 'http/1.1';
  /** True when requests must use absolute-form (plain HTTP through a proxy). */
  absoluteForm: boolean;
}

function defaultPort(u: URL): number {
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}

function hostnameOf(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '');
}

/** Resolve when the socket emits `event`; reject (and destroy) on error or abort. */
function waitFor(socket: net.Socket, event: string, signal: AbortSignal, duringTls: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      socket.destroy();
      reject(new TransportError('cancelled', 'aborted'));
    };
    const onError = (e: Error) => {
      cleanup();
      socket.destroy();
      reject(classifyNetworkError(e, duringTls));
    };
    const onClose = () => {
      cleanup();
      reject(classifyNetworkError(Object.assign(new Error('closed'), { code: 'ECONNRESET' }), duringTls));
    };
    const onOk = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off(event, onOk);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.once(event, onOk);
  });
}

async function tcp(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  await waitFor(socket, 'connect', signal, false);
  return socket;
}

/** Establish an HTTP CONNECT tunnel through `proxy` to host:port. */
async function tunnel(
  proxy: URL,
  host: string,
  port: number,
  connectHeaders: Record<string, string[]> | undefined,
  signal: AbortSignal,
): Promise<net.Socket> {
  const socket = await openProxySocket(proxy, signal);
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  let req = `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n`;
  const auth = proxyAuthorization(proxy);
  if (auth) req += `Proxy-Authorization: ${auth}\r\n`;
  for (const [name, values] of Object.entries(connectHeaders ?? {})) for (const v of values) req += `${name}: ${v}\r\n`;
  socket.write(req + '\r\n');
  const head = await readHead(socket, signal);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (status !== 200) {
    socket.destroy();
    const kind = status === 407 ? 'auth' : 'connect';
    throw new TransportError(kind, `proxy ${proxy.host} refused the CONNECT tunnel (status ${status || 'invalid'})`);
  }
  return socket;
}

async function openProxySocket(proxy: URL, signal: AbortSignal): Promise<net.Socket> {
  if (proxy.protocol === 'https:') {
    const s = tls.connect({ host: hostnameOf(proxy), port: defaultPort(proxy), servername: hostnameOf(proxy) });
    await waitFor(s, 'secureConnect', signal, true);
    return s;
  }
  if (proxy.protocol !== 'http:') throw new TransportError('connect', `unsupported proxy scheme ${proxy.protocol}`);
  return tcp(hostnameOf(proxy), defaultPort(proxy), signal);
}

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

/** Read a proxy's response head (up to the blank line); leftover bytes are pushed back onto the socket. */
function readHead(socket: net.Socket, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end >= 0) {
        cleanup();
        const rest = buf.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        resolve(buf.subarray(0, end).toString('latin1'));
      } else if (buf.length > 64 * 1024) {
        cleanup();
        socket.destroy();
        reject(new TransportError('connect', 'proxy response head too large'));
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(classifyNetworkError(e, false));
    };
    const onClose = () => {
      cleanup();
      reject(new TransportError('connect', 'proxy closed the connection during CONNECT'));
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(new TransportError('cancelled', 'aborted'));
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function connect(o: ConnectOptions): Promise<Connection> {
  const host = hostnameOf(o.target);
  const port = defaultPort(o.target);
  const https = o.target.protocol === 'https:';
  if (!https && o.target.protocol !== 'http:') {
    throw new TransportError('connect', `unsupported URL scheme ${o.target.protocol}`);
  }
  if (!https) {
    if (o.proxy) return { socket: await openProxySocket(o.proxy, o.signal), protocol: 'http/1.1', absoluteForm: true };
    return { socket: await tcp(host, port, o.signal), protocol: 'http/1.1', absoluteForm: false };
  }
  const raw = o.proxy ? await tunnel(o.proxy, host, port, o.proxyConnectHeaders, o.signal) : undefined;
  const servername = o.tls.servername ?? (net.isIP(host) ? undefined : host);
  const socket = tls.connect({
    ...o.tls,
    // host also names the peer for the identity check when tunnelled through a proxy.
    ...(raw ? { socket: raw, host } : { host, port }),
    servername,
    ALPNProtocols: o.http2 ? ['h2', 'http/1.1'] : ['http/1.1'],
  });
  await waitFor(socket, 'secureConnect', o.signal, true);
  return { socket, protocol: socket.alpnProtocol === 'h2' ? 'h2' : 'http/1.1', absoluteForm: false };
}
