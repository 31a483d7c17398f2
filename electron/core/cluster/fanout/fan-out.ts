// Reads the planner's selectors from every node at once: one batched remote_read per node (all selectors in one
// request), bounded per node, cached, with per-node progress, one AbortSignal for all, and a per-node timeout.
// A node that fails becomes an outcome with its reason; whether that fails the query is the caller's policy.
import { endpointDisplayName, remoteRead } from '@core/remote-read/client';
import { isRemoteReadError } from '@core/remote-read/errors';
import type { HoldSamples, ReadLimits } from '@core/remote-read/limits';
import type { QueryMemoryBudget } from '@core/memory/budget';
import { hostOf, stripUserinfo } from '@core/remote-read/redact';
import type { LabelMatcher, RawSeries, SelectorRequest } from '@core/series/types';
import { NodeLimiter } from './node-limiter';
import { RawReadCache } from './raw-read-cache';
import type { ClusterNode, NodeOutcome, NodeProgress } from './types';

export interface FanOutOptions {
  signal?: AbortSignal;
  /** Per-node timeout (ms); the endpoint's own remote_timeout applies when shorter. */
  timeoutMs?: number;
  onProgress?: (p: NodeProgress) => void;
  cache?: RawReadCache;
  limiter?: NodeLimiter;
  /** Skip the cache (a forced refresh). */
  noCache?: boolean;
  maxSamplesPerNode?: number;
  /** Per-read limits (maxSamplesPerNode, when given, wins for samples). */
  limits?: Partial<ReadLimits>;
  /**
   * The query's memory budget: network reads charge it per decoded chunk (cached reads belong to the cache's own
   * budget); crossing it aborts every node's read at once, and the caller fails with `memory.error`.
   */
  memory?: QueryMemoryBudget;
  /**
   * Streaming: every node's series are handed here as they are decoded (label order per node), none is kept, and
   * the cache is neither read nor filled (the caller decides what it may keep); outcomes carry counts only.
   */
  onSeries?: (node: ClusterNode, queryIndex: number, s: RawSeries) => void;
  /** Streaming backpressure per node (see RemoteReadOptions.waitForRoom). */
  waitForRoom?: (node: ClusterNode) => Promise<void> | undefined;
}

const sharedLimiter = new NodeLimiter(4);

function cacheKey(node: ClusterNode): string {
  return stripUserinfo(node.endpoint.url);
}

function sampleCount(series: RawSeries[][]): { series: number; samples: number } {
  let n = 0;
  let s = 0;
  for (const list of series)
    for (const x of list) {
      n++;
      s += x.timestamps.length;
    }
  return { series: n, samples: s };
}

export async function fanOut(nodes: readonly ClusterNode[], requests: readonly SelectorRequest[], opts: FanOutOptions = {}): Promise<NodeOutcome[]> {
  const limiter = opts.limiter ?? sharedLimiter;
  const signal = withBudgetSignal(opts.signal, opts.memory);
  return Promise.all(nodes.map((node) => readNode(node, requests, { ...opts, signal }, limiter)));
}

/** The caller's signal, also aborted the moment the memory budget is crossed. */
export function withBudgetSignal(signal: AbortSignal | undefined, memory: QueryMemoryBudget | undefined): AbortSignal | undefined {
  if (!memory) return signal;
  return signal ? AbortSignal.any([signal, memory.signal]) : memory.signal;
}

/** remoteRead's `hold` for these requests from one source: each selector charges its own account of the budget. */
export function holdInBudget(memory: QueryMemoryBudget, requests: readonly SelectorRequest[], source: string): HoldSamples {
  const accounts = requests.map((r) => memory.account(selectorText(r.matchers), source));
  return (k, samples, extraBytes) => accounts[k].charge(samples, extraBytes);
}

/** A selector as the user wrote it, near enough: `name{l="v"}`, or just `name`. */
export function selectorText(ms: readonly LabelMatcher[]): string {
  const name = ms.find((m) => m.name === '__name__' && m.type === '=');
  const rest = ms.filter((m) => m !== name).map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`);
  if (name && rest.length === 0) return name.value;
  return `${name?.value ?? ''}{${rest.join(', ')}}`;
}

async function readNode(node: ClusterNode, requests: readonly SelectorRequest[], opts: FanOutOptions, limiter: NodeLimiter): Promise<NodeOutcome> {
  const started = Date.now();
  const host = hostOf(node.endpoint.url);
  const key = cacheKey(node);
  const results: RawSeries[][] = requests.map(() => []);
  const missing: number[] = [];
  requests.forEach((r, i) => {
    const hit = opts.noCache || opts.onSeries ? undefined : opts.cache?.get(key, r.matchers, r.startMs, r.endMs);
    if (hit) results[i] = hit;
    else missing.push(i);
  });
  const base = { node, host, warnings: [] as string[] };
  const emit = (p: Omit<NodeProgress, 'node'>): void => opts.onProgress?.({ node: node.index, ...p });
  const onSeries = opts.onSeries;

  if (missing.length === 0) {
    const c = sampleCount(results);
    emit({ state: 'done', bytes: 0, ...c });
    return { ...base, ok: true, results, bytes: 0, ...c, readMs: Date.now() - started, fromCache: true };
  }

  emit({ state: 'pending', bytes: 0, series: 0, samples: 0 });
  const timeoutMs = Math.min(opts.timeoutMs ?? Infinity, node.endpoint.remoteTimeoutMs ?? Infinity);
  const endpoint = Number.isFinite(timeoutMs) ? { ...node.endpoint, remoteTimeoutMs: timeoutMs } : node.endpoint;
  try {
    const res = await limiter.run(
      key,
      () =>
        remoteRead(
          endpoint,
          missing.map((i) => requests[i]),
          {
            signal: opts.signal,
            limits: opts.maxSamplesPerNode ? { ...opts.limits, maxSamples: opts.maxSamplesPerNode } : opts.limits,
            hold: opts.memory && holdInBudget(opts.memory, missing.map((i) => requests[i]), node.name),
            onProgress: (p) => emit({ state: 'reading', ...p }),
            onSeries: onSeries && ((j, s) => onSeries(node, missing[j], s)),
            waitForRoom: opts.waitForRoom && (() => opts.waitForRoom!(node)),
          },
        ),
      opts.signal,
    );
    let notCached = 0;
    missing.forEach((reqIndex, j) => {
      results[reqIndex] = res.results[j];
      const r = requests[reqIndex];
      if (!onSeries && opts.cache && !opts.cache.put(key, r.matchers, r.startMs, r.endMs, res.results[j])) notCached++;
    });
    const cacheNotice = notCached
      ? `${endpointDisplayName(node.endpoint)}: ${notCached === 1 ? 'a read' : `${notCached} reads`} larger than the raw-read cache (${Math.round(opts.cache!.budget / 1048576)} MiB) ${notCached === 1 ? 'was' : 'were'} not kept; re-running or re-merging reads ${notCached === 1 ? 'it' : 'them'} again`
      : undefined;
    const c = onSeries ? { series: res.stats.series, samples: res.stats.samples } : sampleCount(results);
    emit({ state: 'done', bytes: res.stats.bytes, ...c });
    return {
      ...base,
      ok: true,
      results,
      warnings: res.warnings.map((w) => `${endpointDisplayName(node.endpoint)}: ${w.message}`),
      bytes: res.stats.bytes,
      ...c,
      readMs: Date.now() - started,
      headersMs: res.stats.headersMs,
      decodeMs: res.stats.decodeMs,
      fromCache: false,
      ...(cacheNotice ? { cacheNotice } : {}),
    };
  } catch (e) {
    const cancelled = opts.signal?.aborted ?? false;
    const kind = isRemoteReadError(e) ? e.kind : cancelled ? 'cancelled' : 'internal';
    const error = isRemoteReadError(e) ? e.toUserMessage() : cancelled ? 'the query was cancelled' : (e as Error).message;
    emit({ state: cancelled ? 'cancelled' : 'failed', bytes: 0, series: 0, samples: 0, error });
    return { ...base, ok: false, results: requests.map(() => []), error, errorKind: kind, bytes: 0, series: 0, samples: 0, readMs: Date.now() - started, fromCache: false };
  }
}
