// One typed object for every field of Prometheus's `remote_read` config block (names as in prometheus.yml, in
// camelCase). Profiles store it, the CLI builds it from flags, prometheus.yml import/export maps it 1:1.
// Secret-bearing fields hold the secret itself only in the main process / CLI; views for the renderer are redacted.

export interface BasicAuthConfig {
  username?: string;
  password?: string;
  passwordFile?: string;
}

export interface AuthorizationConfig {
  /** Defaults to "Bearer". */
  type?: string;
  credentials?: string;
  credentialsFile?: string;
}

export interface OAuth2Config {
  clientId: string;
  clientSecret?: string;
  clientSecretFile?: string;
  tokenUrl: string;
  scopes?: string[];
  endpointParams?: Record<string, string>;
  /** TLS settings for the token request (oauth2.tls_config). */
  tlsConfig?: TlsConfig;
  /** Proxy for the token request (oauth2.proxy_url). */
  proxyUrl?: string;
}

export type TlsVersion = 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';

export interface TlsConfig {
  /** PEM text. */
  ca?: string;
  caFile?: string;
  cert?: string;
  certFile?: string;
  key?: string;
  keyFile?: string;
  serverName?: string;
  insecureSkipVerify?: boolean;
  minVersion?: TlsVersion;
}

export interface EndpointConfig {
  /** Full remote_read URL, e.g. http://127.0.0.1:9091/api/v1/read. Never carries userinfo in logs or errors. */
  url: string;
  /** Display name of the node; defaults to host:port. */
  name?: string;
  /** Per-request timeout in milliseconds (Prometheus default 1m). */
  remoteTimeoutMs?: number;
  headers?: Record<string, string>;
  basicAuth?: BasicAuthConfig;
  authorization?: AuthorizationConfig;
  oauth2?: OAuth2Config;
  tlsConfig?: TlsConfig;
  proxyUrl?: string;
  noProxy?: string;
  proxyFromEnvironment?: boolean;
  proxyConnectHeader?: Record<string, string[]>;
  /** Prometheus default: true. */
  followRedirects?: boolean;
  /** Prometheus default: true. */
  enableHttp2?: boolean;
  /** Label matchers every query to this endpoint must contain, or the endpoint is not asked. */
  requiredMatchers?: Record<string, string>;
  /** Prometheus default: false — external labels of the reader are then used as matchers (we have none). */
  filterExternalLabels?: boolean;
  /** Which response types to accept, in preference order. Default ['STREAMED_XOR_CHUNKS', 'SAMPLES']. */
  acceptedResponseTypes?: ResponseType[];
}

export type ResponseType = 'SAMPLES' | 'STREAMED_XOR_CHUNKS';

export const DEFAULT_REMOTE_TIMEOUT_MS = 60_000;
