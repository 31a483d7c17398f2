// The fixed query corpus: ten range queries a dashboard over node_exporter data really runs — raw selectors, rate,
// aggregation, histogram_quantile, topk, a join and a subquery. Read against every size of bench data.

export interface CorpusQuery {
  id: string;
  kind: string;
  expr: string;
}

export const CORPUS: readonly CorpusQuery[] = [
  { id: 'raw-gauge', kind: 'raw selector', expr: 'node_load1' },
  { id: 'raw-counter', kind: 'raw selector', expr: 'node_cpu_seconds_total{mode="idle"}' },
  { id: 'rate', kind: 'rate', expr: 'rate(node_network_receive_bytes_total[5m])' },
  { id: 'sum-by', kind: 'sum by', expr: 'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))' },
  { id: 'avg-by-mode', kind: 'avg by, all CPU', expr: 'avg by (mode) (irate(node_cpu_seconds_total[5m]))' },
  { id: 'quantile', kind: 'histogram_quantile', expr: 'histogram_quantile(0.99, sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m])))' },
  { id: 'topk', kind: 'topk', expr: 'topk(5, rate(node_disk_io_time_seconds_total[5m]))' },
  { id: 'join', kind: 'join', expr: '1 - node_filesystem_avail_bytes / on (instance, mountpoint) group_left node_filesystem_size_bytes' },
  { id: 'mem-ratio', kind: 'join (1:1)', expr: 'node_memory_MemAvailable_bytes / on (instance) node_memory_MemTotal_bytes' },
  { id: 'subquery', kind: 'subquery', expr: 'max_over_time(rate(node_context_switches_total[5m])[30m:1m])' },
];

/**
 * Queries the pushdown rules (docs/pushdown.md) call exact, so pushdown builds the merged view from the nodes' own
 * answers; the main corpus is mostly not exact, so there pushdown merges locally after asking the nodes.
 */
export const PUSHDOWN_CORPUS: readonly CorpusQuery[] = [
  { id: 'max-over-time', kind: 'max_over_time by', expr: 'max by (instance) (max_over_time(node_load1[5m]))' },
  { id: 'min-over-time', kind: 'min_over_time', expr: 'min_over_time(node_memory_MemAvailable_bytes[10m])' },
  { id: 'max-cpu', kind: 'max_over_time, all CPU', expr: 'max by (mode) (max_over_time(node_cpu_seconds_total[5m]))' },
];

/** Range step of every corpus query: 6 h at 60 s is 361 points per series, a typical dashboard panel. */
export const CORPUS_STEP_MS = 60_000;
