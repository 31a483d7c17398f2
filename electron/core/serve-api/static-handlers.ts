// Endpoints with fixed answers that clients (Grafana above all) call to probe a Prometheus: build info, metric
// metadata (remote_read carries none), exemplars (none), and empty rules and alerts when serve-api runs without --rules.
import { APP_VERSION } from '@core/app-info';
import type { Compat } from '@core/promql/engine/options';
import type { ApiSuccess } from './context';

/**
 * Grafana picks features by the Prometheus version it reads here, so `version` names the Prometheus whose
 * semantics rrx evaluates with (2.42.0 for --compat prometheus2, 3.0.0 otherwise); rrx's own version is in
 * `revision` and `branch`.
 */
export function buildInfo(compat: Compat): ApiSuccess {
  return {
    data: {
      version: compat === 'prometheus2' ? '2.42.0' : '3.0.0',
      revision: `rrx-${APP_VERSION}`,
      branch: 'rrx',
      buildUser: 'rrx',
      buildDate: '',
      goVersion: `node${process.versions.node}`,
    },
  };
}

export const EMPTY_METADATA: ApiSuccess = { data: {} };
export const NO_EXEMPLARS: ApiSuccess = { data: [] };
export const NO_RULES: ApiSuccess = { data: { groups: [] } };
export const NO_ALERTS: ApiSuccess = { data: { alerts: [] } };
