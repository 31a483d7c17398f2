// Shapes of the rules backtest call (the Rules panel): rule file text in, per alert instance one timeline per node
// and for merged, the differences between nodes, the recording rules (to chart as queries) and the CSV out.
import { s } from '../schema';

const str = (max = 4096) => s.string({ maxLength: max });

export const rulesBacktestSchema = s.object({
  profileId: s.string({ minLength: 1, maxLength: 200 }),
  /** The rule file's YAML (as Prometheus's rule_files). */
  rulesYaml: s.string({ minLength: 1, maxLength: 5_000_000 }),
  /** Shown in error messages as the file name. */
  fileName: s.optional(str(1000)),
  startMs: s.number({ integer: true }),
  endMs: s.number({ integer: true }),
  evaluationIntervalMs: s.optional(s.number({ integer: true, min: 1, max: 86_400_000 })),
});

export interface RulesBacktestInterval {
  state: 'pending' | 'firing';
  startMs: number;
  endMs: number;
}

/** One alert instance: a lane per node (in node order) and the merged lane last. */
export interface RulesAlertRow {
  rule: string;
  group: string;
  expr: string;
  labels: Record<string, string>;
  lanes: { node: string; intervals: RulesBacktestInterval[] }[];
}

export interface RulesDifference {
  rule: string;
  labels: Record<string, string>;
  startMs: number;
  endMs: number;
  firingOn: string[];
  detail: string;
}

export interface RulesRecordedRule {
  name: string;
  group: string;
  expr: string;
  /** Series recorded per view, nodes first then "merged". */
  series: { node: string; count: number }[];
}

export interface RulesBacktestView {
  startMs: number;
  endMs: number;
  nodes: string[];
  alerts: RulesAlertRow[];
  differences: RulesDifference[];
  recorded: RulesRecordedRule[];
  warnings: string[];
  /** One row per alert instance, node and interval. */
  csv: string;
}
