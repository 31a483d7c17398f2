// A loopback HTTP proxy for tests: CONNECT tunnels (https targets) and absolute-form forwarding (http targets),
// counting what it forwarded so tests can prove proxy_url / no_proxy are honoured. Optional Proxy-Authorization.
import http from 'node:http';
import net from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** CONNECT tunnels opened. */
  connects(): number;
  /** Absolute-form requests forwarded. */
  forwarded(): number;
  /** Proxy-Authorization / connect headers seen, last first. */
  lastHeaders(): http.IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}

export async function startTestProxy(opts: { requireAuth?: string } = {}): Promise<TestProxy> {
  let connects = 0;
  let forwarded = 0;
  let last: http.IncomingHttpHeaders | undefined;
  const sockets = new Set<net.Socket>();
  const authOk = (h: http.IncomingHttpHeaders) =>
    !opts.requireAuth || h['proxy-authorization'] === 'Basic ' + Buffer.from(opts.requireAuth).toString('base64');

  const server = http.createServer((req, res) => {
    last = req.headers;
    if (!authOk(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form required');
      return;
    }
    forwarded++;
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const up = http.request(
      { host: target.hostname, port: target.port || 80, path: target.pathname + target.search, method: req.method, headers },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    last = req.headers;
    if (!authOk(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    connects++;
    const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const kill = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', kill);
    client.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects: () => connects,
    forwarded: () => forwarded,
    lastHeaders: () => last,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
