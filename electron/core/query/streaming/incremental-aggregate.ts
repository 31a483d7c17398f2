// An aggregation (sum, avg, min, max, count, group, stddev, stdvar — by/without) folded series by series instead
// of step by step: per (group, step) it keeps exactly the state eval-aggregate.ts keeps per group within one step
// and applies the same operations in the same series order, so every result is bit-identical to the engine's
// (Kahan sums, 2.42's plain sums and incremental means included). Input series are dropped once folded.
import type { AggregateExpr } from '@core/promql/parser/ast';
import { kahanInc } from '@core/promql/functions/kahan';
import { groupingKeyAndLabels, prometheus2AvgStep } from '@core/promql/engine/eval-aggregate';
import { dropMetricName } from '@core/promql/engine/labels-ops';
import type { ResolvedOptions } from '@core/promql/engine/options';
import type { StepSeries } from '@core/promql/engine/values';
import type { Labels } from '@core/series/types';
import { NotStreamableError } from './not-streamable';

export const STREAMABLE_AGGREGATIONS: ReadonlySet<string> = new Set(['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar']);

/** Per-group state over the steps; slot = step (one column per group, allocated when the group first appears). */
interface GroupState {
  labels: Labels;
  value: Float64Array;
  mean: Float64Array;
  comp: Float64Array;
  count: Float64Array;
  seen: Uint8Array;
  incremental: Uint8Array;
  dropName: Uint8Array;
}

export class IncrementalAggregate {
  private readonly groups: GroupState[] = [];
  private readonly keys = new Map<string, number>();
  private readonly grouping: string[];
  private readonly op: string;
  private readonly p2: boolean;
  private readonly pair = new Float64Array(2);

  constructor(
    private readonly e: AggregateExpr,
    private readonly steps: number,
    private readonly opts: ResolvedOptions,
  ) {
    if (!STREAMABLE_AGGREGATIONS.has(e.op) || e.param) throw new NotStreamableError(`${e.op} is not folded incrementally`);
    this.grouping = [...e.grouping].sort();
    this.op = e.op;
    this.p2 = opts.compat === 'prometheus2';
  }

  /** Bytes of state held (the output's size class: 4 float columns and 3 byte columns per group). */
  get heldBytes(): number {
    return this.groups.length * this.steps * 35;
  }

  /** Fold the next input series (in the order the engine would see them). */
  add(s: StepSeries): void {
    if (s.histograms?.some((h) => h !== null)) throw new NotStreamableError('native histograms are aggregated by the whole-snapshot path');
    const [key, labels] = groupingKeyAndLabels(s.labels, this.grouping, this.e.without);
    let gi = this.keys.get(key);
    if (gi === undefined) {
      gi = this.groups.length;
      this.keys.set(key, gi);
      const n = this.steps;
      this.groups.push({
        labels,
        value: new Float64Array(n),
        mean: new Float64Array(n),
        comp: new Float64Array(n),
        count: new Float64Array(n),
        seen: new Uint8Array(n),
        incremental: new Uint8Array(n),
        dropName: new Uint8Array(n),
      });
    }
    const g = this.groups[gi];
    const { value, mean, comp, count, seen, incremental, dropName } = g;
    const op = this.op;
    const p2 = this.p2;
    const pair = this.pair;
    const sDrop = s.dropName ? 1 : 0;
    for (let i = 0; i < this.steps; i++) {
      if (!s.present[i]) continue;
      const f = s.values[i];
      if (!seen[i]) {
        seen[i] = 1;
        value[i] = f;
        mean[i] = f;
        comp[i] = 0;
        count[i] = 1;
        incremental[i] = 0;
        dropName[i] = sDrop;
        if (op === 'stddev' || op === 'stdvar') value[i] = p2 || (!Number.isNaN(f) && Number.isFinite(f)) ? 0 : NaN;
        else if (op === 'group') value[i] = 1;
        continue;
      }
      if (sDrop) dropName[i] = 1;
      if (op === 'avg') count[i]++;
      if (p2 && (op === 'sum' || op === 'avg')) {
        if (op === 'sum') value[i] += f;
        else prometheus2AvgStep(mean, count[i], i, f);
        continue;
      }
      switch (op) {
        case 'sum':
          kahanInc(f, value[i], comp[i], pair);
          value[i] = pair[0];
          comp[i] = pair[1];
          break;
        case 'avg': {
          if (!incremental[i]) {
            kahanInc(f, value[i], comp[i], pair);
            if (Number.isFinite(pair[0]) || Number.isNaN(pair[0])) {
              value[i] = pair[0];
              comp[i] = pair[1];
              break;
            }
            incremental[i] = 1;
            mean[i] = value[i] / (count[i] - 1);
            comp[i] /= count[i] - 1;
          }
          const q = (count[i] - 1) / count[i];
          kahanInc(f / count[i], q * mean[i], q * comp[i], pair);
          mean[i] = pair[0];
          comp[i] = pair[1];
          break;
        }
        case 'max':
          if (value[i] < f || Number.isNaN(value[i])) value[i] = f;
          break;
        case 'min':
          if (value[i] > f || Number.isNaN(value[i])) value[i] = f;
          break;
        case 'count':
          count[i]++;
          break;
        case 'stddev':
        case 'stdvar': {
          count[i]++;
          const delta = f - mean[i];
          mean[i] += delta / count[i];
          value[i] += delta * (f - mean[i]);
          break;
        }
      }
    }
  }

  /** The aggregated series as evalAggregate returns them (groups in order of first appearance, empty ones dropped). */
  finish(): StepSeries[] {
    const out: StepSeries[] = [];
    for (const g of this.groups) {
      const values = new Float64Array(this.steps);
      const present = new Uint8Array(this.steps);
      let dropName = false;
      let any = false;
      for (let i = 0; i < this.steps; i++) {
        if (!g.seen[i]) continue;
        let v = g.value[i];
        switch (this.op) {
          case 'avg':
            if (this.p2) v = g.mean[i];
            else v = g.incremental[i] ? g.mean[i] + g.comp[i] : g.value[i] / g.count[i] + g.comp[i] / g.count[i];
            break;
          case 'count':
            v = g.count[i];
            break;
          case 'stdvar':
            v = g.value[i] / g.count[i];
            break;
          case 'stddev':
            v = Math.sqrt(g.value[i] / g.count[i]);
            break;
          case 'sum':
            v = g.value[i] + g.comp[i];
            break;
        }
        present[i] = 1;
        values[i] = v;
        dropName = g.dropName[i] === 1; // the engine keeps the flag of the group's last step with a sample
        any = true;
      }
      if (!any) continue;
      const s: StepSeries = { labels: g.labels, dropName, values, present };
      if (!this.opts.delayedNameRemoval && s.dropName) s.labels = dropMetricName(s.labels);
      out.push(s);
    }
    return out;
  }
}
