// Decides which proxy (if any) a request goes through: proxy_url + no_proxy, or proxy_from_environment
// (HTTP_PROXY / HTTPS_PROXY / NO_PROXY, upper or lower case, as Go's httpproxy reads them).
import type { EndpointConfig } from '../endpoint-config';

export function resolveProxy(target: URL, cfg: EndpointConfig, env: NodeJS.ProcessEnv = process.env): URL | null {
  let proxy: string | undefined;
  let noProxy: string | undefined;
  if (cfg.proxyUrl) {
    proxy = cfg.proxyUrl;
    noProxy = cfg.noProxy;
  } else if (cfg.proxyFromEnvironment) {
    proxy = target.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
    noProxy = env.NO_PROXY ?? env.no_proxy;
  }
  if (!proxy) return null;
  if (noProxy && matchesNoProxy(target, noProxy)) return null;
  const url = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
  return url;
}

/** no_proxy: comma-separated hosts, domains (".example.com" or "example.com" match subdomains), IPs, CIDRs, "*". */
export function matchesNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    let entryPort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes('::')) {
      entry = m[1];
      entryPort = m[2];
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (host === entry || host === entry.replace(/^\./, '')) return true;
    if (entry.startsWith('.') ? host.endsWith(entry) : host.endsWith('.' + entry)) return true;
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4ToInt(host);
  const b = ipv4ToInt(base);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4ToInt(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (!/^\d+$/.test(p) || n > 255) return null;
    v = v * 256 + n;
  }
  return v >>> 0;
}
