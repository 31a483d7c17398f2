// info() (experimental): enriches each series with the data labels of the info series (target_info by default)
// that share its identifying labels (instance, job), as Prometheus's promql/info.go does.
import type { Call, Expr, VectorSelector } from '../parser/ast';
import type { LabelMatcher, Labels } from '../../series/types';
import { compileMatcher } from '../../series/matcher';
import type { Evaluator } from './evaluator';
import { QueryError } from './errors';
import type { StepGrid } from './grid';
import { evalVectorSelector } from './eval-selector';
import { goRegexToJs } from '../../series/go-regex';
import { labelsString, METRIC_NAME } from './labels-ops';
import { OutputCollector } from './output-collector';
import type { StepSeries, VectorSteps } from './values';

const TARGET_INFO = 'target_info';
const IDENTIFYING = ['instance', 'job'];

function jsMatcher(m: LabelMatcher): (l: Labels) => boolean {
  return compileMatcher(m.type === '=~' || m.type === '!~' ? { ...m, value: goRegexToJs(m.value) } : m);
}

function effectiveNameMatchers(ms: LabelMatcher[]): LabelMatcher[] {
  if (ms.some((m) => m.type === '=' || m.type === '=~')) return ms;
  if (ms.length > 0) return [{ type: '=~', name: METRIC_NAME, value: '.+_info' }, ...ms];
  return [{ type: '=', name: METRIC_NAME, value: TARGET_INFO }];
}

/** The `@` and offset of the first selector in the data argument, including enclosing subqueries' offsets. */
function timestampAndOffset(root: Expr): { at: number | null; offsetMs: number } {
  const path: Expr[] = [];
  let found: { at: number | null; offsetMs: number } | null = null;
  const walk = (e: Expr): void => {
    if (found) return;
    if (e.kind === 'VectorSelector') {
      let at = e.timestamp;
      let offsetMs = e.offsetMs;
      for (let i = path.length - 1; at === null && i >= 0; i--) {
        const p = path[i];
        if (p.kind === 'SubqueryExpr') {
          offsetMs += p.offsetMs;
          at = p.timestamp;
        }
      }
      found = { at, offsetMs };
      return;
    }
    path.push(e);
    switch (e.kind) {
      case 'MatrixSelector':
        walk(e.vectorSelector);
        break;
      case 'Call':
        e.args.forEach(walk);
        break;
      case 'AggregateExpr':
        if (e.param) walk(e.param);
        walk(e.expr);
        break;
      case 'BinaryExpr':
        walk(e.lhs);
        walk(e.rhs);
        break;
      case 'SubqueryExpr':
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        walk(e.expr);
        break;
    }
    path.pop();
  };
  walk(root);
  return found ?? { at: null, offsetMs: 0 };
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function evalInfo(ev: Evaluator, call: Call, grid: StepGrid): VectorSteps {
  const { at, offsetMs } = timestampAndOffset(call.args[0]);
  const base = ev.vector(call.args[0], grid);
  const dataMatchers = new Map<string, LabelMatcher[]>();
  let nameMatchers: LabelMatcher[] = [];
  let sel: Expr | undefined = call.args[1];
  while (sel && (sel.kind === 'ParenExpr' || sel.kind === 'StepInvariantExpr')) sel = sel.expr;
  if (sel && sel.kind === 'VectorSelector') {
    for (const m of sel.matchers) {
      dataMatchers.set(m.name, [...(dataMatchers.get(m.name) ?? []), m]);
      if (m.name === METRIC_NAME) nameMatchers.push(m);
    }
  } else {
    nameMatchers = [{ type: '=', name: METRIC_NAME, value: TARGET_INFO }];
  }
  const effective = effectiveNameMatchers(nameMatchers).map(jsMatcher);
  const ignored = base.series.map((s) => effective.every((f) => f({ [METRIC_NAME]: s.labels[METRIC_NAME] ?? '' })));

  // Identifying label values of the series to enrich, as alternations for the info-series selector.
  const idValues = new Map<string, Set<string>>();
  base.series.forEach((s, i) => {
    if (ignored[i]) return;
    for (const l of IDENTIFYING) {
      const v = s.labels[l];
      if (!v) continue;
      if (!idValues.has(l)) idValues.set(l, new Set());
      idValues.get(l)!.add(v);
    }
  });
  const dataNameMatchers = dataMatchers.get(METRIC_NAME) ?? [];
  dataMatchers.delete(METRIC_NAME);
  let info: StepSeries[] = [];
  if (idValues.size > 0) {
    const matchers: LabelMatcher[] = [];
    for (const [name, vals] of idValues) matchers.push({ type: '=~', name, value: [...vals].map(quoteMeta).join('|') });
    for (const ms of dataMatchers.values()) matchers.push(...ms);
    matchers.push(...effectiveNameMatchers(dataNameMatchers));
    const vs: VectorSelector = {
      kind: 'VectorSelector',
      name: '',
      matchers,
      offsetMs,
      offsetExpr: null,
      timestamp: at,
      startOrEnd: null,
      anchored: false,
      smoothed: false,
      bypassEmptyMatcherCheck: true,
      posRange: call.posRange,
    };
    // Values are the info samples' own timestamps (seconds): the newest one wins a signature clash.
    info = evalVectorSelector(ev, vs, grid, true, () => {
      throw new QueryError('info sample should be float');
    }).series;
  }

  const sig = (name: string, l: Labels): string => name + '\xff' + IDENTIFYING.map((k) => `${k}=${l[k] ?? ''}`).join('\xfe');
  const infoNames = [...new Set(info.map((s) => s.labels[METRIC_NAME] ?? ''))];
  const infoSigs = info.map((s) => sig(s.labels[METRIC_NAME] ?? '', s.labels));
  const allMatchEmpty = [...dataMatchers.values()].every((ms) => ms.every((m) => jsMatcher(m)({})));
  const out = new OutputCollector(grid.steps);

  for (let i = 0; i < grid.steps; i++) {
    ev.checkAbort();
    const bySig = new Map<string, number>();
    info.forEach((s, k) => {
      if (!s.present[i]) return;
      const prev = bySig.get(infoSigs[k]);
      if (prev === undefined || info[prev].values[i] < s.values[i]) bySig.set(infoSigs[k], k);
      else if (info[prev].values[i] === s.values[i])
        throw new QueryError(
          `found duplicate series for info metric: existing ${labelsString(info[prev].labels)} @ ${Math.round(info[prev].values[i] * 1000)}, new ${labelsString(s.labels)} @ ${Math.round(s.values[i] * 1000)}`,
        );
    });
    base.series.forEach((b, k) => {
      if (!b.present[i]) return;
      if (ignored[k]) {
        out.add(b.labels, b.dropName, i, b.values[i]);
        return;
      }
      const added: Record<string, string> = {};
      let seen = 0;
      for (const name of infoNames) {
        const idx = bySig.get(sig(name, b.labels));
        if (idx === undefined) continue;
        for (const [ln, lv] of Object.entries(info[idx].labels)) {
          if (ln === METRIC_NAME) continue;
          if (dataMatchers.size > 0 && !dataMatchers.has(ln)) continue;
          if (added[ln] !== undefined && added[ln] !== lv) throw new QueryError(`conflicting label: ${ln}`);
          if (b.labels[ln] !== undefined) continue;
          added[ln] = lv;
        }
        seen++;
      }
      if (seen === 0 && !allMatchEmpty) return;
      out.add({ ...b.labels, ...added }, b.dropName, i, b.values[i]);
    });
  }
  return { type: 'vector', series: out.series };
}
