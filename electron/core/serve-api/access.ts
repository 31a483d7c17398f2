// Who may talk to the API: the listen address (loopback unless told otherwise), the bearer token that any other
// address requires (compared in constant time), and, on loopback without a token, a Host check so a web page
// cannot reach the API through DNS rebinding. Never logs or echoes the token.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export interface ListenAddress {
  host: string;
  port: number;
}

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/** "127.0.0.1:9095", "[::1]:9095", "localhost:0", "0.0.0.0:9095" or ":9095" (every interface). */
export function parseListen(text: string): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  if (!m) throw new ListenError(`listen address "${text}" is not host:port (e.g. 127.0.0.1:9095 or [::1]:9095)`);
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (port > 65_535) throw new ListenError(`port ${port} in listen address "${text}" is out of range`);
  if (m[1] !== undefined && isIP(host) !== 6) throw new ListenError(`"${host}" in listen address "${text}" is not an IPv6 address`);
  return { host: host === '' ? '0.0.0.0' : host, port };
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return /^::ffff:127\./.test(h);
}

/** The hostname part of a Host header ("[::1]:9095" → "::1"). */
export function hostHeaderName(header: string | undefined): string {
  if (!header) return '';
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m ? m[1] : header;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** A checker for `Authorization: Bearer <token>`; hashing first keeps the comparison constant-time in length too. */
export function bearerChecker(token: string): (authorization: string | undefined) => boolean {
  const want = digest(token);
  return (authorization) => {
    const m = /^Bearer[ \t]+(.+)$/i.exec(authorization ?? '');
    const given = digest(m ? m[1].trim() : '');
    return timingSafeEqual(want, given) && m !== null;
  };
}

/** Token file contents: surrounding whitespace dropped; an empty token is refused by the caller. */
export function tokenFromFile(text: string): string {
  return text.trim();
}
