// The route table: which path and methods reach which handler. Everything under /api/v1 answers in Prometheus's
// JSON envelope; the /-/ probes answer in plain text as Prometheus's web handler does.
import type { ApiContext, ApiSuccess, RequestScope } from './context';
import { invalidParam } from './api-error';
import type { ApiForm } from './form';
import { handleLabelValues, handleLabels, handleSeries } from './metadata-handlers';
import { handleQuery } from './query-handlers';
import { EMPTY_METADATA, NO_ALERTS, NO_EXEMPLARS, NO_RULES, buildInfo } from './static-handlers';

export type ApiHandler = (form: ApiForm, ctx: ApiContext, scope: RequestScope) => Promise<ApiSuccess> | ApiSuccess;

export interface ApiRoute {
  path: string | RegExp;
  methods: readonly string[];
  handler: ApiHandler;
}

const GET_POST = ['GET', 'POST'] as const;
const GET = ['GET'] as const;

export const API_ROUTES: readonly ApiRoute[] = [
  { path: '/api/v1/query', methods: GET_POST, handler: (f, c, s) => handleQuery(false, f, c, s) },
  { path: '/api/v1/query_range', methods: GET_POST, handler: (f, c, s) => handleQuery(true, f, c, s) },
  { path: '/api/v1/series', methods: GET_POST, handler: handleSeries },
  { path: '/api/v1/labels', methods: GET_POST, handler: handleLabels },
  { path: /^\/api\/v1\/label\/(?<name>[^/]+)\/values$/, methods: GET, handler: handleLabelValues },
  { path: '/api/v1/metadata', methods: GET, handler: () => EMPTY_METADATA },
  { path: '/api/v1/query_exemplars', methods: GET_POST, handler: () => NO_EXEMPLARS },
  { path: '/api/v1/status/buildinfo', methods: GET, handler: (_f, c) => buildInfo(c.spec.compat) },
  { path: '/api/v1/rules', methods: GET, handler: handleRules },
  { path: '/api/v1/alerts', methods: GET, handler: (_f, c) => (c.rules ? { data: c.rules.alerts() } : NO_ALERTS) },
];

/** Prometheus's rules endpoint: `type=alert|record` filters; any other value is a bad_data error. */
function handleRules(form: ApiForm, ctx: ApiContext): ApiSuccess {
  const type = form.get('type').toLowerCase();
  if (type !== '' && type !== 'alert' && type !== 'record') throw invalidParam('type', `not supported value ${JSON.stringify(type)}`);
  if (!ctx.rules) return NO_RULES;
  return { data: ctx.rules.rules(type || undefined) };
}

export const PROBES: Readonly<Record<string, string>> = {
  '/-/healthy': 'Prometheus Server is Healthy.\n',
  '/-/ready': 'Prometheus Server is Ready.\n',
};

/** The route of a path, with its path parameters; `allowed` lists the methods when only the method is wrong. */
export function findRoute(pathname: string, method: string): { route?: ApiRoute; params: Record<string, string>; allowed?: readonly string[] } {
  for (const route of API_ROUTES) {
    let params: Record<string, string> | undefined;
    if (typeof route.path === 'string') params = route.path === pathname ? {} : undefined;
    else {
      const m = route.path.exec(pathname);
      if (m) params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, safeDecode(v)]));
    }
    if (!params) continue;
    const m = method === 'HEAD' ? 'GET' : method;
    if (!route.methods.includes(m)) return { params, allowed: route.methods };
    return { route, params };
  }
  return { params: {} };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
