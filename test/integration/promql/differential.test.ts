// Our engine against Prometheus 2.42 itself: the same range and instant queries, answered by `rrx query --compat
// prometheus2` from one collector's raw data (over remote_read) and by that collector's own HTTP API over the same
// window. Series, timestamps and values must agree (relative tolerance 1e-9), and so must the warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { rrx } from '../../helpers/run-cli';

type Point = [number, string];
interface ApiResult {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value?: Point; values?: Point[] }[] | Point };
  warnings?: string[];
  infos?: string[];
  error?: string;
}

const CORPUS = [
  'up',
  'count(up)',
  'sum by (job) (up)',
  'rate(prometheus_http_requests_total[30s])',
  'irate(process_cpu_seconds_total[20s])',
  'increase(prometheus_tsdb_head_samples_appended_total[1m])',
  'delta(process_resident_memory_bytes[30s])',
  'deriv(process_resident_memory_bytes[1m])',
  'avg_over_time(go_goroutines[30s])',
  'max_over_time(process_resident_memory_bytes[30s]) - min_over_time(process_resident_memory_bytes[30s])',
  'quantile_over_time(0.9, go_goroutines[1m])',
  'histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[30s])))',
  'topk(3, go_memstats_alloc_bytes)',
  'bottomk(2, process_open_fds)',
  'count_values("value", up)',
  'quantile(0.5, go_goroutines)',
  'stddev(process_resident_memory_bytes)',
  'up offset 10s',
  'go_goroutines @ end()',
  'max_over_time(rate(prometheus_http_requests_total[10s])[30s:5s])',
  'process_open_fds / on(instance, job) process_max_fds',
  'go_goroutines > bool 10',
  'up * on(instance) group_left(version) prometheus_build_info',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'label_join(up, "both", "/", "job", "instance")',
  'sort_desc(sum by (handler) (prometheus_http_requests_total))',
  'absent(nonexistent_metric)',
  'clamp_max(go_goroutines, 20)',
  'timestamp(up)',
  'changes(process_start_time_seconds[1m])',
  'resets(prometheus_http_requests_total[1m])',
  'predict_linear(process_resident_memory_bytes[1m], 60)',
  'holt_winters(go_goroutines[1m], 0.5, 0.5)',
  'rate(go_goroutines[1m])',
  'vector(1) + scalar(count(up))',
  'sum without (instance) (rate(process_cpu_seconds_total[30s]))',
  '{__name__=~"go_gc_duration_seconds(_count|_sum)?"}',
  'up unless on(job) up{job="node"}',
  'up or vector(0)',
  'sgn(deriv(go_goroutines[30s]))',
];

function closeEnough(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

function canonical(r: ApiResult): { key: string; points: Point[] }[] {
  if (!Array.isArray(r.data.result) || typeof r.data.result[0] === 'number') return [{ key: 'scalar', points: [r.data.result as Point] }];
  return (r.data.result as { metric: Record<string, string>; value?: Point; values?: Point[] }[])
    .map((s) => ({ key: JSON.stringify(Object.entries(s.metric).sort()), points: s.values ?? [s.value!] }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function diff(ours: ApiResult, theirs: ApiResult): string | null {
  if (ours.status !== theirs.status) return `status ${ours.status} vs ${theirs.status}: ${ours.error ?? theirs.error}`;
  if (ours.data.resultType !== theirs.data.resultType) return `resultType ${ours.data.resultType} vs ${theirs.data.resultType}`;
  const a = canonical(ours);
  const b = canonical(theirs);
  if (a.map((s) => s.key).join('\n') !== b.map((s) => s.key).join('\n')) return `series differ:\n ours ${a.map((s) => s.key).join(' ')}\n prom ${b.map((s) => s.key).join(' ')}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i].points.length !== b[i].points.length) return `${a[i].key}: ${a[i].points.length} points vs ${b[i].points.length}`;
    for (let k = 0; k < a[i].points.length; k++) {
      const [ta, va] = a[i].points[k];
      const [tb, vb] = b[i].points[k];
      if (ta !== tb || !closeEnough(va, vb)) return `${a[i].key} point ${k}: [${ta}, ${va}] vs [${tb}, ${vb}]`;
    }
  }
  const warn = (r: ApiResult) => (r.warnings ?? []).length > 0;
  if (warn(ours) !== warn(theirs)) return `warnings differ: ${JSON.stringify(ours.warnings)} vs ${JSON.stringify(theirs.warnings)}`;
  return null;
}

describe('engine differential against Prometheus 2.42', () => {
  let cluster: TestCluster;
  let end: number;
  beforeAll(async () => {
    cluster = await startCluster();
    await cluster.waitForData(5);
    await new Promise((r) => setTimeout(r, 30_000));
    // A fixed window in the past, whole seconds, so both sides see settled data.
    end = Math.floor(Date.now() / 1000) - 3;
  }, 180_000);
  afterAll(async () => cluster?.stop());

  async function prom(path: string, params: Record<string, string>): Promise<ApiResult> {
    const body = new URLSearchParams(params);
    const r = await fetch(`${cluster.collectors[0].baseUrl}${path}`, { method: 'POST', body });
    return (await r.json()) as ApiResult;
  }

  async function ours(args: string[]): Promise<ApiResult> {
    const run = await rrx(['query', '--endpoint', cluster.collectors[0].readUrl, '--compat', 'prometheus2', '--format', 'json', ...args]);
    return JSON.parse(run.stdout) as ApiResult;
  }

  it('range queries agree', async () => {
    const failures: string[] = [];
    for (const q of CORPUS) {
      const start = String(end - 60);
      const theirs = await prom('/api/v1/query_range', { query: q, start, end: String(end), step: '5' });
      const mine = await ours(['--expr', q, '--start', start, '--end', String(end), '--step', '5s']);
      const d = diff(mine, theirs);
      if (d) failures.push(`${q}\n  ${d}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('instant queries agree', async () => {
    const failures: string[] = [];
    for (const q of [...CORPUS, 'up[30s]', 'rate(up[30s])[1m:10s]']) {
      const t = String(end - 7.5);
      const theirs = await prom('/api/v1/query', { query: q, time: t });
      const mine = await ours(['--expr', q, '--time', t]);
      const d = diff(mine, theirs);
      if (d) failures.push(`${q}\n  ${d}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
