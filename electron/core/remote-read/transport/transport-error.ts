// Failures below HTTP (socket, proxy, TLS) and auth setup, before the client knows how to phrase them for the user.
// Messages never contain secrets: callers build them from codes and hosts, not from request options.
import type { RemoteReadErrorKind } from '../errors';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: RemoteReadErrorKind,
    message: string,
    readonly code?: string,
    /** host:port actually contacted when it is not the endpoint's own (after a redirect). */
    public host?: string,
  ) {
    super(message);
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

const CONNECT_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'connection closed by peer',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed before the response was complete',
};

/** Map a Node socket/TLS error to a TransportError. `duringTls` marks errors raised before the handshake finished. */
export function classifyNetworkError(err: unknown, duringTls: boolean): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))) {
    return new TransportError('tls', tlsPhrase(code, e), code);
  }
  if (duringTls) {
    return new TransportError('tls', `handshake aborted (${code ? (CONNECT_PHRASES[code] ?? code) : 'connection closed'})`, code);
  }
  if (code && CONNECT_PHRASES[code]) return new TransportError('connect', CONNECT_PHRASES[code], code);
  if (code === 'ECONNABORTED' || e?.message === 'aborted') {
    return new TransportError('connect', 'connection closed before the response was complete', code);
  }
  return new TransportError('connect', code ? `network error ${code}` : 'network error', code);
}

function tlsPhrase(code: string, e: Error): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return `the server certificate is not trusted (${code})`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `the server certificate does not match the host name (${code})`;
    case 'CERT_HAS_EXPIRED':
      return 'the server certificate has expired';
    default:
      // OpenSSL alert texts (e.g. "certificate required") are safe to show; they carry no request data.
      return `${code}${e?.message && /alert|handshake|certificate|version|protocol/i.test(e.message) ? ': ' + shortSslMessage(e.message) : ''}`;
  }
}

function shortSslMessage(m: string): string {
  const alert = /(tlsv1[^\s:]*\s+alert\s+[a-z ]+|alert [a-z ]+|[a-z ]*certificate[a-z ]*)/i.exec(m);
  return (alert ? alert[0] : m).trim().slice(0, 120);
}
