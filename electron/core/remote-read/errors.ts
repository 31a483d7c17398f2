// The one typed error of a remote read and its user sentence. Messages carry the endpoint's name and host only —
// never userinfo, passwords, tokens or keys (callers pass details through redact() first).

export type RemoteReadErrorKind =
  | 'connect'
  | 'timeout'
  | 'tls'
  | 'auth'
  | 'http-status'
  | 'content-type'
  | 'decode'
  | 'crc'
  | 'frame-too-large'
  | 'limit'
  | 'cancelled';

export interface RemoteReadErrorInit {
  kind: RemoteReadErrorKind;
  /** Display name of the endpoint (defaults to host). */
  endpoint: string;
  /** host:port, no userinfo. */
  host: string;
  /** Technical detail, already redacted. */
  detail: string;
  status?: number;
  cause?: unknown;
}

const KIND_PHRASE: Record<RemoteReadErrorKind, string> = {
  connect: 'could not connect to',
  timeout: 'timed out reading from',
  tls: 'TLS handshake failed with',
  auth: 'authentication was rejected by',
  'http-status': 'got an error status from',
  'content-type': 'got an unexpected content type from',
  decode: 'could not decode the response of',
  crc: 'got a corrupted frame (CRC mismatch) from',
  'frame-too-large': 'got a frame over the size limit from',
  limit: 'hit a read limit on',
  cancelled: 'cancelled the read from',
};

export class RemoteReadError extends Error {
  override readonly name = 'RemoteReadError';
  readonly kind: RemoteReadErrorKind;
  readonly endpoint: string;
  readonly host: string;
  readonly detail: string;
  readonly status?: number;

  constructor(init: RemoteReadErrorInit) {
    super(`remote read ${init.kind} error (${init.endpoint}, ${init.host}): ${init.detail}`);
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.host = init.host;
    this.detail = init.detail;
    this.status = init.status;
    // The cause is kept for debugging but stripped of its message text: a Node error may quote request options.
    if (init.cause instanceof Error) this.cause = { name: init.cause.name, code: (init.cause as NodeJS.ErrnoException).code };
  }

  /** One clear sentence for a person. */
  toUserMessage(): string {
    const who = this.endpoint === this.host ? this.host : `${this.endpoint} (${this.host})`;
    const detail = this.detail.replace(/[.\s]+$/, '');
    return `Remote read ${KIND_PHRASE[this.kind]} ${who}: ${detail}.`;
  }
}

/** Raised by pure decoders that know nothing of endpoints; the client re-raises it as a RemoteReadError. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly kind: 'decode' | 'crc' | 'frame-too-large' | 'limit',
    message: string,
  ) {
    super(message);
  }
}

export function isRemoteReadError(e: unknown): e is RemoteReadError {
  return e instanceof RemoteReadError;
}
