// Who may talk to the bridge: requests must name our loopback host (no DNS rebinding), come from our own origin
// when a browser says where from, and — for the API — carry the per-run token, compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAndOriginOk(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  if (!req.headers.host || !hosts.has(req.headers.host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer …`, or from ?token= (EventSource cannot set headers). */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return url.searchParams.get('token');
}
