// Rules evaluated continuously on the merged view (serve-api --rules): each group on a timer at its interval,
// aligned to multiples of it, reading what its rules need at that instant from every node, merging, and running
// the same rule steps as the backtest. `warmUp` first backtests the recent past (the longest `for` +
// `keep_firing_for`, plus the lookback) so alerts resume in the state a running rule manager would have them in,
// as Prometheus restores `for` state. Answers /api/v1/rules and /api/v1/alerts in Prometheus's shapes.
import { fanOut } from '@core/cluster/fanout/fan-out';
import { planSelectors } from '@core/promql/planner';
import { exprToString } from '@core/promql/parser/printer';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { PlannedStore } from '@core/query/planned-store';
import { mergeSnapshot } from '@core/query/run-cluster-query';
import { matchersKey } from '@core/series/matchers-key';
import type { SelectorRequest } from '@core/series/types';
import { applyStep, backtestStore, createRuleRuns, outputNames, type RuleRun } from './backtest';
import { defaultWarmupMs, readForRules } from './run-backtest';
import { LayeredStore, RecordedStore } from './recorded-store';
import type { RuleGroupSpec } from './rule-file';
import { queryAt } from './rule-query';
import { groupIntervalMs } from './schedule';
import type { AlertInstance } from './alert-state';

export interface LiveRulesOptions {
  globalIntervalMs: number;
  lookbackDeltaMs?: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  now?: () => number;
  /** Called when a group's evaluation fails as a whole (every node failed); rule failures stay in the rule's health. */
  onError?: (message: string) => void;
}

interface GroupState {
  group: RuleGroupSpec;
  intervalMs: number;
  runs: RuleRun[];
  lastEvalMs?: number;
  lastDurationMs: number;
  timer?: NodeJS.Timeout;
  running: boolean;
}

/** Go's strconv.FormatFloat(v, 'e', -1, 64), how the rules and alerts APIs print an alert's value. */
function formatValueE(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const [m, e] = v.toExponential().split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${Math.abs(n) < 10 ? '0' : ''}${Math.abs(n)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class LiveRules {
  private readonly recorded = new RecordedStore();
  private readonly names: Set<string>;
  private readonly groups: GroupState[];
  private readonly specs: readonly RuleGroupSpec[];
  private readonly runs: RuleRun[];
  private readonly stopping = new AbortController();
  private readonly now: () => number;
  private readonly ruleDurationMs = new Map<RuleRun, number>();

  constructor(
    private readonly spec: ClusterSpec,
    groups: readonly RuleGroupSpec[],
    private readonly o: LiveRulesOptions,
  ) {
    this.now = o.now ?? Date.now;
    this.names = outputNames(groups);
    const runs = createRuleRuns(groups, this.recorded, o, () => {});
    this.specs = groups;
    this.runs = runs;
    this.groups = groups.map((group) => ({
      group,
      intervalMs: groupIntervalMs(group, o.globalIntervalMs),
      runs: runs.filter((r) => r.group === group),
      lastDurationMs: 0,
      running: false,
    }));
  }

  /**
   * Backtest the merged view up to `nowMs` so pending and firing alerts (and recorded series) are where a rule
   * manager running all along would have them. Call before start(); a failed read leaves the state empty.
   */
  async warmUp(nowMs = this.now()): Promise<void> {
    const last = Math.floor(nowMs / 1000) * 1000;
    const w = { startMs: last - defaultWarmupMs(this.specs) - (this.o.lookbackDeltaMs ?? 5 * 60_000), endMs: last, globalIntervalMs: this.o.globalIntervalMs, lookbackDeltaMs: this.o.lookbackDeltaMs, warmupMs: 0 };
    try {
      const snapshot = await readForRules(this.spec, this.specs, w, { signal: this.stopping.signal });
      const base = new PlannedStore(snapshot.requests, mergeSnapshot(this.spec, snapshot, this.spec.strategy));
      backtestStore(this.specs, base, { ...w, compat: this.spec.compat, externalLabels: this.o.externalLabels, externalURL: this.o.externalURL, signal: this.stopping.signal }, { runs: this.runs, recorded: this.recorded });
    } catch (e) {
      if (!this.stopping.signal.aborted) this.o.onError?.(`warm-up: ${(e as Error).message}`);
    }
  }

  /** Start every group's timer; the first evaluation is at the next multiple of its interval. */
  start(): void {
    for (const g of this.groups) this.schedule(g);
  }

  stop(): void {
    this.stopping.abort(new Error('stopping'));
    for (const g of this.groups) clearTimeout(g.timer);
  }

  private schedule(g: GroupState): void {
    if (this.stopping.signal.aborted) return;
    const now = this.now();
    const next = Math.floor(now / g.intervalMs) * g.intervalMs + g.intervalMs;
    g.timer = setTimeout(() => {
      // A slow evaluation skips ticks rather than piling up, as Prometheus's group loop does.
      if (!g.running) void this.evaluate(g, next).finally(() => this.schedule(g));
      else this.schedule(g);
    }, next - now);
    g.timer.unref?.();
  }

  /** One evaluation of a group at t (exported for tests through evaluateAll). */
  async evaluate(g: GroupState, t: number): Promise<void> {
    g.running = true;
    const started = performance.now();
    try {
      const requests = this.requestsAt(g, t);
      const outcomes = await fanOut(this.spec.nodes, requests, { timeoutMs: Math.min(this.spec.timeoutMs, g.intervalMs * 10), signal: this.stopping.signal });
      if (this.stopping.signal.aborted) return;
      const snapshot = { requests, outcomes, readAtMs: this.now() };
      const ok = outcomes.some((x) => x.ok);
      const base = new PlannedStore(requests, ok ? mergeSnapshot(this.spec, snapshot, this.spec.strategy) : []);
      const store = new LayeredStore(base, this.recorded, this.names);
      const failedAll = ok ? undefined : `no node answered: ${outcomes.map((x) => `${x.node.name}: ${x.error}`).join('; ')}`;
      for (const run of g.runs) {
        const ruleStarted = performance.now();
        const outcome = failedAll
          ? ({ ok: false, error: failedAll } as const)
          : queryAt(run.rule.ast, run.rule.expr, store, t - run.offsetMs, { compat: this.spec.compat, lookbackDeltaMs: this.o.lookbackDeltaMs, noStepSubqueryIntervalMs: this.o.globalIntervalMs, signal: this.stopping.signal });
        applyStep(run, t, outcome);
        this.ruleDurationMs.set(run, performance.now() - ruleStarted);
      }
      if (failedAll) this.o.onError?.(`group ${g.group.name}: ${failedAll}`);
      this.recorded.trimBefore(t - (this.o.lookbackDeltaMs ?? 5 * 60_000) - 60 * 60_000);
    } catch (e) {
      if (!this.stopping.signal.aborted) this.o.onError?.(`group ${g.group.name}: ${(e as Error).message}`);
    } finally {
      g.lastEvalMs = t;
      g.lastDurationMs = performance.now() - started;
      g.running = false;
    }
  }

  /** Evaluate every group once at t (in order). For tests and for a first answer right after start. */
  async evaluateAll(t: number): Promise<void> {
    for (const g of this.groups) await this.evaluate(g, t);
  }

  private requestsAt(g: GroupState, t: number): SelectorRequest[] {
    const byKey = new Map<string, SelectorRequest>();
    for (const run of g.runs) {
      const at = t - run.offsetMs;
      for (const req of planSelectors(run.rule.ast, { startMs: at, endMs: at, stepMs: 0, lookbackDeltaMs: this.o.lookbackDeltaMs, noStepSubqueryIntervalMs: this.o.globalIntervalMs, compat: this.spec.compat })) {
        const name = req.matchers.find((m) => m.name === '__name__' && m.type === '=');
        if (name && this.names.has(name.value)) continue;
        const k = matchersKey(req.matchers);
        const prev = byKey.get(k);
        byKey.set(k, prev ? { matchers: req.matchers, startMs: Math.min(prev.startMs, req.startMs), endMs: Math.max(prev.endMs, req.endMs) } : req);
      }
    }
    return [...byKey.values()];
  }

  private alertJson(a: AlertInstance): Record<string, unknown> {
    const sorted = (m: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    return { labels: sorted(a.labels), annotations: sorted(a.annotations), state: a.state, activeAt: iso(a.activeAtMs), value: formatValueE(a.value) };
  }

  /** GET /api/v1/alerts. */
  alerts(): { alerts: Record<string, unknown>[] } {
    return { alerts: this.groups.flatMap((g) => g.runs.flatMap((r) => (r.alerts ? r.alerts.current().map((a) => this.alertJson(a)) : []))) };
  }

  /** GET /api/v1/rules (type=alert|record filters, as in Prometheus). */
  rules(type?: 'alert' | 'record'): { groups: Record<string, unknown>[] } {
    return {
      groups: this.groups.map((g) => ({
        name: g.group.name,
        file: g.group.file,
        rules: g.runs
          .filter((r) => !type || (type === 'alert') === (r.rule.kind === 'alerting'))
          .map((r) => {
            // Field order and omissions as Prometheus's API structs (labels omitted when empty on recording rules).
            const labels = { ...g.group.labels, ...r.rule.labels };
            const tail = {
              health: r.lastEvalMs === undefined ? 'unknown' : r.lastError ? 'err' : 'ok',
              ...(r.lastError ? { lastError: r.lastError } : {}),
              evaluationTime: (this.ruleDurationMs.get(r) ?? 0) / 1000,
              lastEvaluation: r.lastEvalMs === undefined ? '0001-01-01T00:00:00Z' : iso(r.lastEvalMs),
            };
            const query = exprToString(r.rule.ast);
            if (r.rule.kind === 'recording') return { name: r.rule.name, query, ...(Object.keys(labels).length ? { labels } : {}), ...tail, type: 'recording' };
            const active = r.alerts!.current();
            const state = active.some((a) => a.state === 'firing') ? 'firing' : active.length ? 'pending' : 'inactive';
            return {
              state,
              name: r.rule.name,
              query,
              duration: r.rule.forMs / 1000,
              keepFiringFor: r.rule.keepFiringForMs / 1000,
              labels,
              annotations: r.rule.annotations,
              alerts: active.map((a) => this.alertJson(a)),
              ...tail,
              type: 'alerting',
            };
          }),
        interval: g.intervalMs / 1000,
        limit: g.group.limit,
        evaluationTime: g.lastDurationMs / 1000,
        lastEvaluation: g.lastEvalMs === undefined ? '0001-01-01T00:00:00Z' : iso(g.lastEvalMs),
      })),
    };
  }
}
