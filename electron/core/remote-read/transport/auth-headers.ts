// Builds the Authorization header of one request from basic_auth, authorization or oauth2 (files read now, so
// rotation is picked up) and collects every secret involved so messages can be redacted.
import type { EndpointConfig } from '../endpoint-config';
import { oauth2Token } from './oauth2-token';
import { readSecretFile } from './read-secret-file';
import { TransportError } from './transport-error';

export interface ResolvedAuth {
  authorization?: string;
  secrets: string[];
}

export async function resolveAuth(cfg: EndpointConfig, signal: AbortSignal): Promise<ResolvedAuth> {
  const configured = [cfg.basicAuth, cfg.authorization, cfg.oauth2].filter(Boolean).length;
  if (configured > 1) throw new TransportError('auth', 'at most one of basic_auth, authorization and oauth2 may be configured');
  if (cfg.basicAuth) {
    const b = cfg.basicAuth;
    const password = b.passwordFile ? await readSecretFile(b.passwordFile, 'basic_auth password_file') : (b.password ?? '');
    const encoded = Buffer.from(`${b.username ?? ''}:${password}`).toString('base64');
    return { authorization: `Basic ${encoded}`, secrets: [password, encoded] };
  }
  if (cfg.authorization) {
    const a = cfg.authorization;
    const credentials = a.credentialsFile
      ? await readSecretFile(a.credentialsFile, 'authorization credentials_file')
      : (a.credentials ?? '');
    return { authorization: `${a.type || 'Bearer'} ${credentials}`, secrets: [credentials] };
  }
  if (cfg.oauth2) {
    const t = await oauth2Token(cfg.oauth2, signal);
    return { authorization: `${t.type} ${t.token}`, secrets: t.secrets };
  }
  return { secrets: [] };
}
