// --query-timeout: Prometheus's --query.timeout for rrx's own evaluation (default 2m), shared by the commands
// that evaluate PromQL.
import { DEFAULT_QUERY_TIMEOUT_MS } from '@core/promql/engine/options';
import { UsageError } from './command';
import { parseDurationMs } from './time-arg';

export const QUERY_TIMEOUT_USAGE = '  --query-timeout D           longest a query may evaluate before it fails with "query timed out" (default 2m)';

export function queryTimeoutFromFlag(text: string | undefined): number {
  if (text === undefined) return DEFAULT_QUERY_TIMEOUT_MS;
  const ms = parseDurationMs(text);
  if (!ms || ms <= 0) throw new UsageError(`--query-timeout must be a positive duration such as 30s or 2m, got "${text}"`);
  return ms;
}
