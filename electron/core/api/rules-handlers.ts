// Handler for rules.backtest (the Rules panel): parse the pasted rule file, read once per node what the rules
// need, backtest every node and the merged view, and shape timelines, differences, recorded rules and the CSV.
import type { ClusterSpec } from '@core/query/cluster-spec';
import { analyzeSnapshot } from '@core/query/run-cluster-query';
import { backtestCsv } from '@core/rules/backtest-csv';
import { backtestWarnings } from '@core/rules/backtest-json';
import { alertDifferences, alertTimelines, MERGED } from '@core/rules/differences';
import { parseRuleFile, RuleFileError } from '@core/rules/rule-file';
import { backtestSnapshot, readForRules } from '@core/rules/run-backtest';
import { DEFAULT_EVALUATION_INTERVAL_MS } from '@core/rules/schedule';
import type { RulesAlertRow, RulesBacktestView } from '@shared/api/rules-types';
import { ApiCallError } from './api-error';
import type { CallContext } from './handlers';

export interface RulesHandlerDeps {
  clusterFor(profileId: string): Promise<ClusterSpec>;
}

export interface RulesBacktestRequest {
  profileId: string;
  rulesYaml: string;
  fileName?: string;
  startMs: number;
  endMs: number;
  evaluationIntervalMs?: number;
}

export function createRulesHandlers(deps: RulesHandlerDeps) {
  return {
    'rules.backtest': async (req: RulesBacktestRequest, ctx: CallContext = {}): Promise<RulesBacktestView> => {
      if (req.endMs < req.startMs) throw new ApiCallError('invalid-request', 'The end of the range is before its start.', 'endMs');
      const spec = await deps.clusterFor(req.profileId);
      let groups;
      try {
        groups = parseRuleFile(req.rulesYaml, req.fileName ?? 'rules.yml', { prometheus2: spec.compat === 'prometheus2' }).groups;
      } catch (e) {
        if (e instanceof RuleFileError) throw new ApiCallError('invalid-rules', e.problems.join('\n'), 'rulesYaml');
        throw e;
      }
      const window = { startMs: req.startMs, endMs: req.endMs, globalIntervalMs: req.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS };
      const snapshot = await readForRules(spec, groups, window, { signal: ctx.signal });
      const bt = backtestSnapshot(spec, groups, snapshot, window, { signal: ctx.signal });
      const gaps = analyzeSnapshot(spec, req.startMs, req.endMs, snapshot).findings.filter((f) => f.kind === 'gap').map((f) => ({ node: f.node, startMs: f.startMs, endMs: f.endMs }));
      const timelines = alertTimelines(bt);
      const rows = new Map<string, RulesAlertRow>();
      for (const t of timelines) {
        const key = `${t.group}\u0000${t.rule}\u0000${JSON.stringify(t.labels)}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { rule: t.rule, group: t.group, expr: t.expr, labels: { ...t.labels }, lanes: [] }));
        row.lanes.push({ node: t.node, intervals: t.intervals.map((iv) => ({ ...iv })) });
      }
      const nodes = bt.nodes.filter((n) => n.result).map((n) => n.node);
      return {
        startMs: req.startMs,
        endMs: req.endMs,
        nodes,
        alerts: [...rows.values()],
        differences: alertDifferences(timelines, gaps).map((d) => ({ rule: d.rule, labels: { ...d.labels }, startMs: d.startMs, endMs: d.endMs, firingOn: d.firingOn, detail: d.detail })),
        recorded: bt.merged.recorded.map((r) => ({
          name: r.name,
          group: r.group,
          expr: r.expr,
          series: [
            ...bt.nodes.flatMap((n) => (n.result ? [{ node: n.node, count: n.result.recorded.find((x) => x.name === r.name && x.group === r.group)?.series.length ?? 0 }] : [])),
            { node: MERGED, count: r.series.length },
          ],
        })),
        warnings: backtestWarnings(bt),
        csv: backtestCsv(timelines),
      };
    },
  };
}
