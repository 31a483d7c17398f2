// A node's remote_read URL as people type it: "prom-a:9090" or "http://prom-a:9090" (a server's base URL, as
// Grafana takes for its Prometheus data source) means http://prom-a:9090/api/v1/read. Pure; shared by the profile
// form (so the user sees what will be used) and the core (so every client of the API gets the same rule).

export const READ_PATH = '/api/v1/read';

/**
 * The URL to use: "http://" added when no scheme is written; "/api/v1/read" appended when the path does not name
 * a read endpoint (empty, "/", ".../api/v1", or no "read" in it — "/prometheus" is a base under a prefix).
 * Text that is not a URL comes back trimmed, for the validator to word.
 */
export function normalizeReadUrl(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(t) ? t : `http://${t}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return t;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return t;
  const path = u.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api/v1')) u.pathname = `${path}/read`;
  else if (!/read/i.test(path)) u.pathname = `${path}${READ_PATH}`;
  return u.toString();
}

/** Why a (normalised) URL cannot be used, in words for people; null when it can. `node` is 1-based. */
export function readUrlProblem(url: string, node: number): string | null {
  if (!url.trim()) return `Enter the URL of node ${node}.`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `The URL of node ${node} is not a URL: write it like http://prometheus-a:9090.`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `The URL of node ${node} must start with http:// or https://.`;
  if (u.username || u.password) return `The URL of node ${node} must not contain user:password; use basic auth.`;
  return null;
}
