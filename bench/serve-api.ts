// benchServeApi: query latency of `rrx serve-api` against the seed's 9090 (Prometheus with remote_read to the same
// collectors), through the same HTTP client, with the same queries, range and data. Prints per query the medians
// and the ratio rrx ÷ 9090, then the median ratio — numbers only, never a verdict. Called by the bench runner
// (section "serve-api"); it starts the API server in-process and stops it before returning.
import { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer } from '@core/serve-api';
import { median, ratio } from './report/stats';

export interface ServeApiBenchOptions {
  /** The cluster rrx serves (the same collectors the 9090 reads). */
  spec: ClusterSpec;
  /** Base URL of the Prometheus with remote_read to those collectors, e.g. http://127.0.0.1:9090. */
  prometheusUrl: string;
  queries: readonly { id: string; expr: string }[];
  range: { startMs: number; endMs: number; stepMs: number };
  /** Timed runs per query and side, after one untimed warm-up each; the median is reported. Default 5. */
  runs?: number;
  /**
   * 'warm' (default) keeps serve-api's raw-read cache between runs, as a long-running server does; 'none' gives it
   * a zero-byte cache so every run reads the collectors, like the 9090.
   */
  cache?: 'warm' | 'none';
  log?: (line: string) => void;
}

export interface ServeApiBenchRow {
  id: string;
  expr: string;
  rrxMs?: number;
  prometheusMs?: number;
  /** rrx ÷ 9090 (below 1: rrx is faster). */
  ratio?: number;
  rrxRunsMs: number[];
  prometheusRunsMs: number[];
  error?: string;
}

export interface ServeApiBenchResult {
  rows: ServeApiBenchRow[];
  medianRatio?: number;
}

/** One POSTed /api/v1/query_range, timed until the whole body has arrived. */
async function timedRange(baseUrl: string, expr: string, r: ServeApiBenchOptions['range']): Promise<number> {
  const body = new URLSearchParams({ query: expr, start: String(r.startMs / 1000), end: String(r.endMs / 1000), step: String(r.stepMs / 1000) });
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/query_range`, { method: 'POST', body, signal: AbortSignal.timeout(300_000) });
  const text = await res.text();
  const ms = performance.now() - t0;
  const j = JSON.parse(text) as { status: string; error?: string };
  if (j.status !== 'success') throw new Error(`${baseUrl}: ${j.error ?? res.status}`);
  return ms;
}

export async function benchServeApi(opts: ServeApiBenchOptions): Promise<ServeApiBenchResult> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const runs = opts.runs ?? 5;
  const server = await startQueryApiServer({
    spec: opts.spec,
    listen: '127.0.0.1:0',
    cache: opts.cache === 'none' ? new RawReadCache(0) : undefined,
    gate: { maxConcurrent: 1 },
  });
  const rows: ServeApiBenchRow[] = [];
  try {
    log(`serve-api bench (${opts.cache ?? 'warm'} cache, ${runs} runs): query, rrx serve-api ms, 9090 ms, ratio`);
    for (const q of opts.queries) {
      const row: ServeApiBenchRow = { id: q.id, expr: q.expr, rrxRunsMs: [], prometheusRunsMs: [] };
      try {
        await timedRange(server.url, q.expr, opts.range);
        await timedRange(opts.prometheusUrl, q.expr, opts.range);
        // Interleaved, so machine noise falls on both sides alike.
        for (let i = 0; i < runs; i++) {
          row.rrxRunsMs.push(await timedRange(server.url, q.expr, opts.range));
          row.prometheusRunsMs.push(await timedRange(opts.prometheusUrl, q.expr, opts.range));
        }
        row.rrxMs = median(row.rrxRunsMs);
        row.prometheusMs = median(row.prometheusRunsMs);
        row.ratio = ratio(row.rrxMs, row.prometheusMs);
        log(`  ${q.id.padEnd(14)} ${row.rrxMs.toFixed(1).padStart(9)} ${row.prometheusMs.toFixed(1).padStart(9)} ${row.ratio?.toFixed(2).padStart(6) ?? '     -'}`);
      } catch (e) {
        row.error = (e as Error).message;
        log(`  ${q.id.padEnd(14)} error: ${row.error}`);
      }
      rows.push(row);
    }
  } finally {
    await server.close();
  }
  const ratios = rows.map((r) => r.ratio).filter((x): x is number => x !== undefined);
  const medianRatio = ratios.length ? median(ratios) : undefined;
  log(`  median ratio rrx ÷ 9090: ${medianRatio?.toFixed(2) ?? '-'}`);
  return { rows, medianRatio };
}
