// Turns a remote_read tls_config into Node TLS connect options (reading *_file fields now). Go's client default
// minimum is TLS 1.2, kept here; the secret key content never leaves this function's result.
import type tls from 'node:tls';
import type { TlsConfig, TlsVersion } from '../endpoint-config';
import { readSecretFile } from './read-secret-file';
import { TransportError } from './transport-error';

const NODE_TLS_VERSION: Record<TlsVersion, tls.SecureVersion> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};

export interface ResolvedTls {
  options: tls.ConnectionOptions;
  /** Secret material read for this request (key PEM), for redaction. */
  secrets: string[];
}

export async function resolveTlsOptions(cfg: TlsConfig | undefined): Promise<ResolvedTls> {
  const c = cfg ?? {};
  const ca = c.ca ?? (c.caFile ? await readTlsFile(c.caFile, 'ca_file') : undefined);
  const cert = c.cert ?? (c.certFile ? await readTlsFile(c.certFile, 'cert_file') : undefined);
  const key = c.key ?? (c.keyFile ? await readTlsFile(c.keyFile, 'key_file') : undefined);
  if (!!cert !== !!key) throw new TransportError('tls', 'client certificate and key must be given together');
  const options: tls.ConnectionOptions = {
    minVersion: NODE_TLS_VERSION[c.minVersion ?? 'TLS12'],
    rejectUnauthorized: !c.insecureSkipVerify,
  };
  if (ca) options.ca = ca;
  if (cert) options.cert = cert;
  if (key) options.key = key;
  if (c.serverName) options.servername = c.serverName;
  return { options, secrets: key ? [key] : [] };
}

async function readTlsFile(path: string, field: string): Promise<string> {
  try {
    return await readSecretFile(path, field, false);
  } catch (e) {
    throw new TransportError('tls', (e as Error).message);
  }
}
