// The port box of "Serve this cluster to Grafana": default 9095, 0 = any free port. Pure.

export const DEFAULT_GRAFANA_PORT = 9095;

export type PortCheck = { ok: true; port: number } | { ok: false; message: string };

export function parsePort(text: string): PortCheck {
  const t = text.trim();
  if (!t) return { ok: true, port: DEFAULT_GRAFANA_PORT };
  if (!/^\d+$/.test(t)) return { ok: false, message: 'The port is a whole number (0 = any free port).' };
  const port = Number(t);
  if (port > 65535) return { ok: false, message: 'Ports go up to 65535.' };
  return { ok: true, port };
}

/** What to paste into Grafana: the Prometheus datasource URL is the server root (Grafana appends /api/v1/…). */
export function datasourceUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
