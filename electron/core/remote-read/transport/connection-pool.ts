// Keep-alive connection pools for HTTP/1.1: one http.Agent per set of transport settings (TLS material, proxy
// CONNECT headers), holding idle sockets per origin and proxy, so consecutive reads, queries and panels against a
// node reuse one TCP (and TLS) connection instead of opening a new one each time. Sockets still come from
// connect.ts (proxy tunnels, TLS identity checks, ALPN), so the pool changes when a connection opens, never how.
// Idle sockets are unref'd by the agent (they never hold the process open) and closed after IDLE_TIMEOUT_MS.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import type tls from 'node:tls';
import { connect } from './connect';

/** How long an idle pooled socket is kept (Go's http.Transport default IdleConnTimeout is 90 s). */
export const IDLE_TIMEOUT_MS = 30_000;

/** What a pooled request passes through the agent to the connection it may open. */
export interface PooledConnectInput {
  target: URL;
  proxy: URL | null;
  signal: AbortSignal;
}

interface AgentOptions extends http.ClientRequestArgs {
  rrxConnect?: PooledConnectInput;
}

type Connector = (o: AgentOptions, oncreate: (err: Error | null, socket?: net.Socket) => void) => undefined;

class PooledAgent extends http.Agent {
  /** Set by closeConnectionPools: sockets of requests still in flight are closed when they finish, not kept. */
  closed = false;

  constructor(tlsOptions: tls.ConnectionOptions, proxyConnectHeaders: Record<string, string[]> | undefined) {
    super({ keepAlive: true, keepAliveMsecs: 1000, timeout: IDLE_TIMEOUT_MS, scheduling: 'lifo' });
    // Node calls createConnection(options, oncreate) and, when it returns nothing, waits for oncreate: connections
    // open asynchronously (proxy CONNECT, TLS) through connect.ts, cancelled by the first request's signal.
    const connector: Connector = (o, oncreate) => {
      const c = o.rrxConnect;
      if (!c) {
        oncreate(new Error('pooled request without connection input'));
        return undefined;
      }
      connect({ target: c.target, proxy: c.proxy, proxyConnectHeaders, tls: tlsOptions, http2: false, signal: c.signal }).then(
        (conn) => oncreate(null, conn.socket),
        (e: Error) => oncreate(e),
      );
      return undefined;
    };
    (this as unknown as { createConnection: Connector }).createConnection = connector;
    // After the agent's own 'free' handler has parked the socket: a closed pool keeps nothing.
    this.on('free', (socket: net.Socket) => {
      if (this.closed) socket.destroy();
    });
  }

  /** Sockets are pooled per target origin and per proxy (NO_PROXY may send some origins direct). */
  override getName(options?: AgentOptions): string {
    const c = options?.rrxConnect;
    return c ? `${c.target.protocol}//${c.target.host}|${c.proxy?.href ?? ''}` : super.getName(options ?? {});
  }
}

const pools = new Map<string, PooledAgent>();

/** A digest of the settings that shape a connection; TLS keys are hashed, never kept as a map key. */
function settingsKey(tlsOptions: tls.ConnectionOptions, proxyConnectHeaders: Record<string, string[]> | undefined): string {
  const text = JSON.stringify([Object.entries(tlsOptions).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? v : String(v)]), proxyConnectHeaders ?? null]);
  return createHash('sha256').update(text).digest('hex');
}

/** The pool for these transport settings, created on first use. */
export function poolFor(tlsOptions: tls.ConnectionOptions, proxyConnectHeaders: Record<string, string[]> | undefined): http.Agent {
  const key = settingsKey(tlsOptions, proxyConnectHeaders);
  let agent = pools.get(key);
  if (!agent) {
    agent = new PooledAgent(tlsOptions, proxyConnectHeaders);
    pools.set(key, agent);
  }
  return agent;
}

/** Close the idle sockets of one origin's pool after a reused one turned out stale (the node restarted). */
export function dropIdle(agent: http.Agent, name: string): void {
  for (const s of agent.freeSockets[name] ?? []) s.destroy();
}

/** Close every pool: profile changes (settings may have changed) and shutdown. Requests in flight finish; their sockets close then. */
export function closeConnectionPools(): void {
  for (const agent of pools.values()) {
    agent.closed = true;
    for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
  }
  pools.clear();
}

/** Idle sockets held, for tests and diagnostics. */
export function idleSocketCount(): number {
  let n = 0;
  for (const agent of pools.values()) for (const list of Object.values(agent.freeSockets)) n += list?.length ?? 0;
  return n;
}
