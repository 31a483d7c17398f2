// `rrx serve-api`: the Prometheus HTTP query API over the merged cluster, so Grafana and scripts can use rrx as a
// datasource. Runs until Ctrl+C/SIGTERM (exit 0). Exit 2 for usage — including a non-loopback --listen without
// --token-file — and 1 when the address cannot be bound.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListenError, isLoopbackHost, parseListen, startQueryApiServer, DEFAULT_LISTEN } from '@core/serve-api';
import { EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags, type ClusterFlagValues } from '../cluster-flags';
import { QUERY_TIMEOUT_USAGE, queryTimeoutFromFlag } from '../query-timeout-flag';
import { parseDurationMs } from '../time-arg';
import { parseFlags } from '../flags';
import { MODE_OPTIONS, MODE_USAGE, modeFromFlags, type ModeFlagValues } from '../mode-flags';
import { parseSize } from '../read-limit-flags';
import { maxMemoryFromFlags } from '../memory-flag';
import { expandRulesFlag } from '../rules-flag';
import { LiveRules } from '@core/rules/live-rules';
import { loadRuleFiles } from '@core/rules/load-rule-files';
import { RuleFileError } from '@core/rules/rule-file';
import { DEFAULT_EVALUATION_INTERVAL_MS } from '@core/rules/schedule';

const USAGE = `rrx serve-api (--endpoint URL… | --profile NAME) [--listen 127.0.0.1:9095] [--token-file F]
          [--dedup STRATEGY] [--replica-label NAME] [--partial|--strict] [--compat prometheus2] [flags]

Serves the Prometheus HTTP query API over the merged cluster from one warm process (one raw-read cache), so
Grafana's Prometheus datasource and scripts can query rrx. Stops on Ctrl+C / SIGTERM.

Endpoints: /api/v1/query, /api/v1/query_range (GET or form POST, Prometheus's parameters and JSON),
/api/v1/series, /api/v1/labels, /api/v1/label/<name>/values (read over remote_read; without start/end, or for
longer windows, the last --lookup-window before end), /api/v1/metadata (empty: remote_read has no metadata),
/api/v1/status/buildinfo (version 2.42.0 with --compat prometheus2, else 3.0.0, so Grafana picks its features),
/api/v1/query_exemplars, /api/v1/rules, /api/v1/alerts (empty unless --rules), /-/ready, /-/healthy.
Extra query parameters: node=NAME|URL (answer from one node), dedup=STRATEGY (merge strategy) and
mode=local|pushdown|delegate|auto (how to answer; default the server's --mode). When the cluster has a query
API (--query-api) or a mode is set, every query answer carries an info entry "rrx answered in <mode> mode: <why>".

  --listen HOST:PORT          address to serve on (default ${DEFAULT_LISTEN}; port 0 picks a free one)
  --token-file F              require "Authorization: Bearer <contents of F>" on every request;
                              mandatory when HOST is not a loopback address
  --max-samples N             samples one query may hold in memory (default 50000000)
${QUERY_TIMEOUT_USAGE}; a request's
                              timeout parameter can shorten it
  --max-concurrent N          queries evaluated at once (default 4); up to 32 more wait up to 10 s, then 503
  --lookup-window D           longest window series/labels lookups read (default 1h)
  --cache-size SIZE           memory budget of the raw-read cache (default 512MiB); the process stays
                              within it plus a margin for the queries running (see the README)
  --max-memory-total SIZE     memory budget of the queries running at once, together (default: a quarter of
                              RAM, at most twice V8's heap limit); a query that would cross it fails with 503
                              (errorType unavailable) and the others go on; one query's own is --max-memory (422)
  --access-log                one line per request on stderr (method, path, status, ms)
  --rules FILE…               evaluate these rule files continuously on the merged view (each group at its
                              interval, aligned to multiples of it) and answer /api/v1/rules and /api/v1/alerts;
                              on start the recent past is backtested so alerts resume their pending/firing state
  --evaluation-interval D     global evaluation_interval for groups without their own (default 1m)

${MODE_USAGE}

${CLUSTER_USAGE}`;

const OPTIONS = {
  listen: { type: 'string' },
  'token-file': { type: 'string' },
  'max-samples': { type: 'string' },
  'query-timeout': { type: 'string' },
  'max-concurrent': { type: 'string' },
  'lookup-window': { type: 'string' },
  'cache-size': { type: 'string' },
  'max-memory-total': { type: 'string' },
  'access-log': { type: 'boolean' },
  ...MODE_OPTIONS,
  rules: { type: 'string', multiple: true },
  'evaluation-interval': { type: 'string' },
  ...CLUSTER_OPTIONS,
} as const;

type Values = ClusterFlagValues & ModeFlagValues & {
  listen?: string;
  'token-file'?: string;
  'max-samples'?: string;
  'query-timeout'?: string;
  'max-concurrent'?: string;
  'lookup-window'?: string;
  'cache-size'?: string;
  'max-memory-total'?: string;
  'access-log'?: boolean;
  rules?: string[];
  'evaluation-interval'?: string;
};

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
  return Number(text);
}

function readToken(file: string, io: CliIO): string {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`--token-file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const token = text.trim();
  if (!token) throw new UsageError(`--token-file ${file} is empty`);
  return token;
}

export const serveApiCommand: CliCommand = {
  name: 'serve-api',
  summary: 'serve a Prometheus-compatible query API (for Grafana) over the merged cluster',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(expandRulesFlag(argv), OPTIONS) as Values;
    let listen;
    try {
      listen = parseListen(v.listen ?? DEFAULT_LISTEN);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const token = v['token-file'] !== undefined ? readToken(v['token-file'], io) : undefined;
    if (!token && !isLoopbackHost(listen.host)) {
      throw new UsageError(`--listen ${v.listen} is not a loopback address, so --token-file is required to protect the API`);
    }
    const maxSamples = positiveInt(v['max-samples'], '--max-samples');
    const queryTimeoutMs = queryTimeoutFromFlag(v['query-timeout']);
    const maxConcurrent = positiveInt(v['max-concurrent'], '--max-concurrent');
    const lookupWindowMs = v['lookup-window'] !== undefined ? parseDurationMs(v['lookup-window']) : undefined;
    if (v['lookup-window'] !== undefined && !lookupWindowMs) throw new UsageError(`--lookup-window must be a duration such as 1h, got "${v['lookup-window']}"`);
    const modeFlags = modeFromFlags(v);
    const cacheBytes = v['cache-size'] !== undefined ? parseSize(v['cache-size'], 'cache-size') : undefined;
    const maxMemoryTotalBytes = maxMemoryFromFlags(v, 'max-memory-total');
    const evalIntervalMs = v['evaluation-interval'] !== undefined ? parseDurationMs(v['evaluation-interval']) : DEFAULT_EVALUATION_INTERVAL_MS;
    if (!evalIntervalMs) throw new UsageError(`--evaluation-interval must be a duration such as 1m, got "${v['evaluation-interval']}"`);
    const spec = await clusterFromFlags(v, io);
    let rules: LiveRules | undefined;
    if (v.rules?.length) {
      try {
        const groups = await loadRuleFiles(v.rules, io.cwd, spec.compat === 'prometheus2');
        rules = new LiveRules(spec, groups, { globalIntervalMs: evalIntervalMs, onError: (m) => io.stderr(`rrx serve-api: rules: ${m}\n`) });
      } catch (e) {
        if (e instanceof RuleFileError) throw new UsageError(`invalid rule file: ${e.problems.join('; ')}`);
        throw e;
      }
    }
    if (io.signal.aborted) return EXIT_OK;

    let server;
    try {
      server = await startQueryApiServer({
        spec,
        listen,
        token,
        maxSamples,
        queryTimeoutMs,
        lookupWindowMs: lookupWindowMs ?? undefined,
        cacheBytes,
        gate: maxConcurrent ? { maxConcurrent } : undefined,
        mode: modeFlags.explicit ? modeFlags.mode : undefined,
        maxMemoryBytes: modeFlags.maxMemoryBytes,
        maxMemoryTotalBytes,
        delegateTo: modeFlags.delegateTo,
        rules,
        onRequest: v['access-log'] ? (r) => io.stderr(`${r.method} ${r.path} ${r.status} ${Math.round(r.ms)}ms\n`) : undefined,
      });
    } catch (e) {
      if (e instanceof ListenError) throw new UsageError(e.message);
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot listen on ${v.listen ?? DEFAULT_LISTEN}${code ? ` (${code})` : ''}`, { cause: e });
    }
    if (rules) {
      await rules.warmUp();
      rules.start();
    }
    const nodes = spec.nodes.map((n) => n.name).join(', ');
    io.stdout(`rrx serve-api: listening on ${server.url} (${server.tokenRequired ? 'bearer token required' : 'no token required, loopback only'}); nodes: ${nodes}\n`);
    await new Promise<void>((done) => {
      if (io.signal.aborted) done();
      else io.signal.addEventListener('abort', () => done(), { once: true });
    });
    rules?.stop();
    await server.close();
    io.stderr('rrx serve-api: stopped\n');
    return EXIT_OK;
  },
};
