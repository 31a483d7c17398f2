// One alerting rule's state machine, step by step as Prometheus's AlertingRule.Eval runs it: new result elements
// become pending, pending fires once active for `for`, a missing element resolves (or keeps firing for
// `keep_firing_for`), and every active alert yields an ALERTS and an ALERTS_FOR_STATE sample. It also keeps the
// timeline of each alert instance (pending and firing intervals) for the backtest. Pure, no clock.
import { labelsKey } from '@core/series/labels';
import type { Labels } from '@core/series/types';
import type { AlertingRuleSpec } from './rule-file';
import { expandTemplate, TemplateError } from './template';

export type AlertState = 'pending' | 'firing';

export interface StateInterval {
  state: AlertState;
  startMs: number;
  /** Exclusive: the evaluation at which the state ended; the range end while still active. */
  endMs: number;
}

export interface AlertInstance {
  /** The alert's identifying labels (alertname, rule labels, expression labels without __name__). */
  labels: Labels;
  /** Annotations as last expanded. */
  annotations: Record<string, string>;
  intervals: StateInterval[];
  /** Last value of the expression for this instance. */
  value: number;
  activeAtMs: number;
  state: AlertState | 'inactive';
}

export interface ExprSample {
  labels: Labels;
  value: number;
}

export interface OutputSample {
  labels: Labels;
  value: number;
}

interface Active {
  labels: Labels;
  annotations: Record<string, string>;
  state: AlertState | 'inactive';
  activeAtMs: number;
  resolvedAtMs: number;
  keepFiringSinceMs: number;
  value: number;
}

const RESOLVED_RETENTION_MS = 15 * 60_000;

export class AlertRuleError extends Error {
  override readonly name = 'AlertRuleError';
}

export interface AlertContext {
  externalLabels: Record<string, string>;
  externalURL: string;
  /** Group labels; the rule's own labels win. */
  groupLabels: Record<string, string>;
  limit: number;
  /** Called once per distinct template problem (annotation templates only; label templates fail the evaluation). */
  warn: (message: string) => void;
}

export class AlertStateMachine {
  private readonly active = new Map<string, Active>();
  private readonly timeline = new Map<string, AlertInstance>();
  private readonly labelTemplates: [string, string][];

  constructor(
    readonly rule: AlertingRuleSpec,
    private readonly ctx: AlertContext,
  ) {
    this.labelTemplates = Object.entries({ ...ctx.groupLabels, ...rule.labels });
  }

  /**
   * One evaluation at `tsMs` (the group's timestamp) over the expression's result. Returns the ALERTS and
   * ALERTS_FOR_STATE samples to write at `tsMs - queryOffset`. Throws AlertRuleError when Prometheus's Eval fails.
   */
  step(tsMs: number, result: readonly ExprSample[]): OutputSample[] {
    const name = `__alert_${this.rule.name}`;
    const fresh = new Map<string, Active>();
    for (const smpl of result) {
      const base: Record<string, string> = { ...smpl.labels };
      delete base.__name__;
      const data = { labels: { ...base }, externalLabels: this.ctx.externalLabels, externalURL: this.ctx.externalURL, value: smpl.value };
      const expand = (text: string, fatal: boolean): string => {
        try {
          return expandTemplate(text, data, name);
        } catch (e) {
          if (fatal && e instanceof TemplateError) throw new AlertRuleError(`label template of alert ${this.rule.name}: ${e.message}`);
          this.ctx.warn(`annotation template of alert ${this.rule.name}: ${(e as Error).message}`);
          return `<error expanding template: ${(e as Error).message}>`;
        }
      };
      const labels: Record<string, string> = base;
      for (const [k, v] of this.labelTemplates) labels[k] = expand(v, true);
      labels.alertname = this.rule.name;
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.rule.annotations)) annotations[k] = expand(v, false);
      const key = labelsKey(labels);
      if (fresh.has(key)) throw new AlertRuleError('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, { labels, annotations, state: 'pending', activeAtMs: tsMs, resolvedAtMs: 0, keepFiringSinceMs: 0, value: smpl.value });
    }

    for (const [key, a] of fresh) {
      const prev = this.active.get(key);
      if (prev && prev.state !== 'inactive') {
        prev.value = a.value;
        prev.annotations = a.annotations;
        continue;
      }
      this.active.set(key, a);
    }

    const out: OutputSample[] = [];
    let numActive = 0;
    const { forMs, keepFiringForMs } = this.rule;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && keepFiringForMs > 0) {
          if (a.keepFiringSinceMs === 0) a.keepFiringSinceMs = tsMs;
          if (tsMs - a.keepFiringSinceMs < keepFiringForMs) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAtMs !== 0 && tsMs - a.resolvedAtMs > RESOLVED_RETENTION_MS)) this.active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAtMs = tsMs;
        }
        if (!keepFiring) {
          this.record(key, a, tsMs);
          continue;
        }
      } else {
        a.keepFiringSinceMs = 0;
      }
      numActive++;
      if (a.state === 'pending' && tsMs - a.activeAtMs >= forMs) a.state = 'firing';
      this.record(key, a, tsMs);
      out.push({ labels: { __name__: 'ALERTS', ...a.labels, alertstate: a.state }, value: 1 });
      out.push({ labels: { __name__: 'ALERTS_FOR_STATE', ...a.labels }, value: Math.floor(a.activeAtMs / 1000) });
    }
    if (this.ctx.limit > 0 && numActive > this.ctx.limit) {
      for (const [key, a] of this.active) this.record(key, { ...a, state: 'inactive' }, tsMs);
      this.active.clear();
      throw new AlertRuleError(`exceeded limit of ${this.ctx.limit} with ${numActive} alerts`);
    }
    return out;
  }

  /** The alerts currently pending or firing (for /api/v1/alerts). */
  current(): AlertInstance[] {
    const out: AlertInstance[] = [];
    for (const [key, a] of this.active) if (a.state !== 'inactive') out.push({ ...this.timeline.get(key)!, annotations: a.annotations, value: a.value, activeAtMs: a.activeAtMs, state: a.state });
    return out;
  }

  /** Every instance seen, with its intervals; open intervals end at `endMs`. */
  instances(endMs: number): AlertInstance[] {
    return [...this.timeline.values()].map((inst) => ({
      ...inst,
      intervals: inst.intervals.map((iv) => (Number.isNaN(iv.endMs) ? { ...iv, endMs: Math.max(iv.startMs, endMs) } : iv)),
    }));
  }

  /** Keep the timeline: close the open interval when the state changes, open one for a new active state. */
  private record(key: string, a: Active, tsMs: number): void {
    let inst = this.timeline.get(key);
    if (!inst) {
      if (a.state === 'inactive') return;
      inst = { labels: a.labels, annotations: a.annotations, intervals: [], value: a.value, activeAtMs: a.activeAtMs, state: a.state };
      this.timeline.set(key, inst);
    }
    inst.annotations = a.annotations;
    inst.value = a.value;
    inst.activeAtMs = a.activeAtMs;
    const open = inst.intervals.at(-1);
    const openState = open && Number.isNaN(open.endMs) ? open.state : 'inactive';
    if (openState === a.state) return;
    if (open && Number.isNaN(open.endMs)) open.endMs = tsMs;
    if (a.state !== 'inactive') inst.intervals.push({ state: a.state, startMs: tsMs, endMs: NaN });
    inst.state = a.state;
  }
}
