// A tiny client for the Prometheus HTTP API used by the serve-api tests: GET with a query string or POST with a
// form body, JSON back with the status code; and a comparison of two query answers with a relative tolerance.
import { expect } from 'vitest';

export interface ApiAnswer {
  status: number;
  body: {
    status: string;
    data?: unknown;
    errorType?: string;
    error?: string;
    warnings?: string[];
    infos?: string[];
  };
}

export async function api(base: string, path: string, params: Record<string, string | string[]> = {}, opts: { post?: boolean; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  const res = opts.post
    ? await fetch(base + path, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers } })
    : await fetch(`${base}${path}${form.size ? `?${form}` : ''}`, { headers: opts.headers });
  const text = await res.text();
  let body: ApiAnswer['body'];
  try {
    body = JSON.parse(text) as ApiAnswer['body'];
  } catch {
    body = { status: 'not-json', error: text };
  }
  return { status: res.status, body };
}

type Point = [number, string];
interface ResultSeries {
  metric: Record<string, string>;
  value?: Point;
  values?: Point[];
}

const key = (m: Record<string, string>): string => JSON.stringify(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

function pointsDiff(a: Point[], b: Point[], where: string): string | undefined {
  if (JSON.stringify(a.map((p) => p[0])) !== JSON.stringify(b.map((p) => p[0]))) return `${where}: timestamps ${JSON.stringify(a.map((p) => p[0]))} vs ${JSON.stringify(b.map((p) => p[0]))}`;
  const i = a.findIndex((p, k) => !sameValue(p[1], b[k][1]));
  return i < 0 ? undefined : `${where} @${a[i][0]}: rrx ${a[i][1]} vs Prometheus ${b[i][1]}`;
}

/**
 * Why two query answers differ, or undefined when they agree: same result type and keys, same series (in any
 * order for vectors; matrices in Prometheus's label order), same timestamps, values within 1e-9 relative.
 */
export function dataDiff(ours: ApiAnswer, theirs: ApiAnswer): string | undefined {
  if (theirs.status !== 200) return `Prometheus answered ${theirs.status} ${JSON.stringify(theirs.body).slice(0, 300)}`;
  if (ours.status !== 200 || ours.body.status !== 'success') return `rrx answered ${ours.status} ${JSON.stringify(ours.body).slice(0, 300)}`;
  for (const k of ['warnings', 'infos'] as const) {
    if (JSON.stringify(ours.body[k]) !== JSON.stringify(theirs.body[k])) return `${k}: rrx ${JSON.stringify(ours.body[k])} vs Prometheus ${JSON.stringify(theirs.body[k])}`;
  }
  const a = ours.body.data as { resultType: string; result: ResultSeries[] | Point };
  const b = theirs.body.data as { resultType: string; result: ResultSeries[] | Point };
  if (Object.keys(a).sort().join() !== Object.keys(b).sort().join()) return `data keys ${Object.keys(a)} vs ${Object.keys(b)}`;
  if (a.resultType !== b.resultType) return `resultType ${a.resultType} vs ${b.resultType}`;
  if (a.resultType === 'scalar' || a.resultType === 'string') return pointsDiff([a.result as Point], [b.result as Point], 'result');
  const order = (r: ResultSeries[]): string[] => r.map((s) => key(s.metric));
  const ra = [...(a.result as ResultSeries[])].sort((x, y) => (key(x.metric) < key(y.metric) ? -1 : 1));
  const rb = [...(b.result as ResultSeries[])].sort((x, y) => (key(x.metric) < key(y.metric) ? -1 : 1));
  if (order(ra).join('\n') !== order(rb).join('\n')) return `series ${order(ra).join(' ')} vs ${order(rb).join(' ')}`;
  // Prometheus sorts matrices by labels; so must we.
  if (a.resultType === 'matrix' && order(a.result as ResultSeries[]).join('\n') !== order(b.result as ResultSeries[]).join('\n')) return 'matrix series order differs';
  for (const [i, s] of ra.entries()) {
    if (Object.keys(s).sort().join() !== Object.keys(rb[i]).sort().join()) return `series keys ${Object.keys(s)} vs ${Object.keys(rb[i])}`;
    const d = pointsDiff(s.values ?? [s.value!], rb[i].values ?? [rb[i].value!], key(s.metric));
    if (d) return d;
  }
  return undefined;
}

export function expectSameData(ours: ApiAnswer, theirs: ApiAnswer, label: string): void {
  expect(dataDiff(ours, theirs), label).toBeUndefined();
}
