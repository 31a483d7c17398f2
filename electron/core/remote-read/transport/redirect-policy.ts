// What a followed redirect may carry. Credentials go only to the node's own origin (scheme, host and port — so
// 127.0.0.1 and localhost differ), as browsers do and stricter than Go's same-domain rule; once a chain has left
// the origin they are not restored. Redirects stop after 10 hops (Go's limit) and at the first repeated URL.
import { TransportError } from './transport-error';

export const MAX_REDIRECTS = 10;

/** Headers that authenticate the request, whatever the configuration says (Go drops these cross-domain). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'www-authenticate', 'proxy-authorization']);

export function originOf(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/**
 * The headers of the next hop. `secretHeaders` are the lower-case names configured on the endpoint: rrx treats every
 * configured header value as a secret (it redacts them all), so all of them stay with the node's origin.
 */
export function headersForHop(
  headers: Record<string, string>,
  firstOrigin: string,
  next: URL,
  leftOrigin: boolean,
  secretHeaders: ReadonlySet<string>,
): { headers: Record<string, string>; leftOrigin: boolean } {
  const left = leftOrigin || originOf(next) !== firstOrigin;
  if (!left) return { headers, leftOrigin: false };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (!CREDENTIAL_HEADERS.has(name) && !secretHeaders.has(name)) out[k] = v;
  }
  return { headers: out, leftOrigin: true };
}

/** Resolve a Location header against the URL that sent it; userinfo in it is dropped (never sent, never shown). */
export function redirectTarget(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new TransportError('connect', `${from.host} redirected to an invalid location`, undefined, from.host);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new TransportError('connect', `${from.host} redirected to an unsupported ${next.protocol} URL`, undefined, from.host);
  }
  next.username = '';
  next.password = '';
  next.hash = '';
  return next;
}
