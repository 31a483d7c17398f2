// Rule files as `promtool check rules` reads them: YAML groups of recording and alerting rules, validated with
// Prometheus's rules (model/rulefmt) and its error wording, each error prefixed with the file and line:column.
// Pure: takes text, never reads the disk or evaluates anything.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { parse } from '@core/promql/parser';
import type { Expr } from '@core/promql/parser/ast';
import { DurationError, parsePromDuration } from '@core/profiles/duration';
import { checkTemplate } from './template';

export interface RecordingRuleSpec {
  kind: 'recording';
  name: string;
  expr: string;
  ast: Expr;
  labels: Record<string, string>;
  /** 1-based line of the rule in its file (for messages). */
  line: number;
}

export interface AlertingRuleSpec {
  kind: 'alerting';
  name: string;
  expr: string;
  ast: Expr;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  line: number;
}

export type RuleSpec = RecordingRuleSpec | AlertingRuleSpec;

export interface RuleGroupSpec {
  name: string;
  file: string;
  /** undefined: the global evaluation interval applies. */
  intervalMs?: number;
  queryOffsetMs?: number;
  limit: number;
  labels: Record<string, string>;
  rules: RuleSpec[];
}

export interface RuleFile {
  file: string;
  groups: RuleGroupSpec[];
}

/** Every problem of one or more rule files, one promtool-style line each ("rules.yml: 4:13: group "g", rule 1, …"). */
export class RuleFileError extends Error {
  override readonly name = 'RuleFileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export interface ParseRulesOptions {
  /** Parse expressions with Prometheus 2.x functions. */
  prometheus2?: boolean;
}

const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

interface Ctx {
  file: string;
  lc: LineCounter;
  /** Semantic problems (rulefmt's Validate), reported only when the YAML decoded. */
  errors: string[];
  /** Decoding problems: promtool stops at the first one of these, before validating anything. */
  decode: string[];
  /** Unknown fields, reported together as one "yaml: unmarshal errors" like Go's strict decoder. */
  unknown: string[];
}

function pos(ctx: Ctx, node: Node | null | undefined): string {
  if (!node?.range) return '0:0';
  const p = ctx.lc.linePos(node.range[0]);
  return `${p.line}:${p.col}`;
}

function lineOf(ctx: Ctx, node: Node | null | undefined): number {
  return node?.range ? ctx.lc.linePos(node.range[0]).line : 0;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null) return '';
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

function pairsOf(map: YAMLMap): Pair[] {
  return map.items as Pair[];
}

/** Unknown keys are errors, as promtool's strict decoding (KnownFields) makes them. */
function checkKnown(ctx: Ctx, map: YAMLMap, known: readonly string[], type: string): void {
  for (const p of pairsOf(map)) {
    const k = scalarString(p.key);
    if (k !== undefined && !known.includes(k)) ctx.unknown.push(`  line ${lineOf(ctx, p.key as Node)}: field ${k} not found in type ${type}`);
  }
}

function get(map: YAMLMap, key: string): Node | undefined {
  for (const p of pairsOf(map)) if (scalarString(p.key) === key) return p.value as Node;
  return undefined;
}

function stringMap(ctx: Ctx, node: Node | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (node === undefined || (isScalar(node) && node.value === null)) return out;
  if (!isMap(node)) {
    ctx.decode.push(`${ctx.file}: yaml: unmarshal errors:\n  line ${lineOf(ctx, node)}: ${what} must be a map of strings`);
    return out;
  }
  for (const p of pairsOf(node)) {
    const k = scalarString(p.key);
    const v = scalarString(p.value);
    if (k === undefined || v === undefined) ctx.decode.push(`${ctx.file}: yaml: unmarshal errors:\n  line ${lineOf(ctx, p.value as Node)}: ${what} must be a map of strings`);
    else out[k] = v;
  }
  return out;
}

function duration(ctx: Ctx, node: Node | undefined): number | undefined {
  if (node === undefined) return undefined;
  const s = scalarString(node);
  try {
    return parsePromDuration(s ?? '');
  } catch (e) {
    ctx.decode.push(`${ctx.file}: ${e instanceof DurationError ? e.message : String(e)}`);
    return undefined;
  }
}

/** Parse and validate one rule file. Throws RuleFileError listing every problem (nothing is half-loaded). */
export function parseRuleFile(text: string, file: string, opts: ParseRulesOptions = {}): RuleFile {
  const lc = new LineCounter();
  const ctx: Ctx = { file, lc, errors: [], decode: [], unknown: [] };
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  for (const e of doc.errors) {
    const p = e.linePos?.[0];
    ctx.errors.push(`${file}: yaml: line ${p?.line ?? 0}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  if (ctx.errors.length) throw new RuleFileError(ctx.errors);
  const groups: RuleGroupSpec[] = [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { file, groups };
  if (!isMap(root)) throw new RuleFileError([`${file}: yaml: line ${lineOf(ctx, root)}: the file must be a map with a "groups" list`]);
  checkKnown(ctx, root, ['groups'], 'rulefmt.RuleGroups');
  const list = get(root, 'groups');
  if (list !== undefined && !isSeq(list) && !(isScalar(list) && list.value === null)) ctx.decode.push(`${file}: ${pos(ctx, list)}: "groups" must be a list`);
  const seen = new Set<string>();
  for (const g of isSeq(list) ? (list.items as Node[]) : []) {
    if (!isMap(g)) {
      ctx.decode.push(`${file}: ${pos(ctx, g)}: a group must be a map`);
      continue;
    }
    const group = parseGroup(ctx, g, opts);
    if (group.name === '') ctx.errors.push(`${file}: ${pos(ctx, g)}: Groupname must not be empty`);
    if (seen.has(group.name)) ctx.errors.push(`${file}: ${pos(ctx, g)}: groupname: "${group.name}" is repeated in the same file`);
    seen.add(group.name);
    groups.push(group);
  }
  if (ctx.decode.length) throw new RuleFileError([ctx.decode[0]]);
  if (ctx.unknown.length) throw new RuleFileError([`${file}: yaml: unmarshal errors:\n${ctx.unknown.join('\n')}`]);
  if (ctx.errors.length) throw new RuleFileError(ctx.errors);
  return { file, groups };
}

function parseGroup(ctx: Ctx, g: YAMLMap, opts: ParseRulesOptions): RuleGroupSpec {
  checkKnown(ctx, g, GROUP_FIELDS, 'rulefmt.RuleGroup');
  const name = scalarString(get(g, 'name')) ?? '';
  const limitNode = get(g, 'limit');
  let limit = 0;
  if (limitNode !== undefined) {
    const s = scalarString(limitNode) ?? '';
    if (!/^-?\d+$/.test(s)) ctx.decode.push(`${ctx.file}: yaml: unmarshal errors:\n  line ${lineOf(ctx, limitNode)}: cannot unmarshal !!str \`${s}\` into int`);
    else limit = Number(s);
  }
  const labels = stringMap(ctx, get(g, 'labels'), 'labels');
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_NAME.test(k) || k === '__name__') ctx.errors.push(`${ctx.file}: invalid label name: ${k}`);
    if (!isValidUtf8(v)) ctx.errors.push(`${ctx.file}: invalid label value: ${v}`);
  }
  const group: RuleGroupSpec = {
    name,
    file: ctx.file,
    intervalMs: duration(ctx, get(g, 'interval')),
    queryOffsetMs: duration(ctx, get(g, 'query_offset')),
    limit,
    labels,
    rules: [],
  };
  if (group.intervalMs === 0) group.intervalMs = undefined;
  const rules = get(g, 'rules');
  if (rules !== undefined && !isSeq(rules) && !(isScalar(rules) && rules.value === null)) ctx.decode.push(`${ctx.file}: ${pos(ctx, rules)}: "rules" must be a list`);
  (isSeq(rules) ? (rules.items as Node[]) : []).forEach((r, i) => {
    if (!isMap(r)) {
      ctx.decode.push(`${ctx.file}: ${pos(ctx, r)}: a rule must be a map`);
      return;
    }
    const rule = parseRule(ctx, r, name, i + 1, opts);
    if (rule) group.rules.push(rule);
  });
  return group;
}

function isValidUtf8(s: string): boolean {
  // JS strings from YAML are always valid UTF-16; a lone surrogate is the only invalid case.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function parseRule(ctx: Ctx, r: YAMLMap, groupName: string, index: number, opts: ParseRulesOptions): RuleSpec | undefined {
  checkKnown(ctx, r, RULE_FIELDS, 'rulefmt.RuleNode');
  const recordNode = get(r, 'record');
  const alertNode = get(r, 'alert');
  const exprNode = get(r, 'expr');
  const record = scalarString(recordNode) ?? '';
  const alert = scalarString(alertNode) ?? '';
  const expr = scalarString(exprNode) ?? '';
  const forMs = duration(ctx, get(r, 'for')) ?? 0;
  const keepFiringForMs = duration(ctx, get(r, 'keep_firing_for')) ?? 0;
  const labels = stringMap(ctx, get(r, 'labels'), 'labels');
  const annotations = stringMap(ctx, get(r, 'annotations'), 'annotations');
  const ruleName = alert || record;
  const errs: string[] = [];
  const at = (node: Node | undefined, msg: string): void => void errs.push(`${pos(ctx, node)}: ${msg}`);
  const both = (msg: string): void => void errs.push(`${pos(ctx, recordNode)}: ${pos(ctx, alertNode)}: ${msg}`);

  if (record && alert) both("only one of 'record' and 'alert' must be set");
  if (!record && !alert) both("one of 'record' or 'alert' must be set");
  let ast: Expr | undefined;
  if (!expr) at(exprNode, "field 'expr' must be set in rule");
  else {
    try {
      ast = parse(expr, { prometheus2Functions: opts.prometheus2 });
    } catch (e) {
      at(exprNode, `could not parse expression: ${(e as Error).message}`);
    }
  }
  if (record) {
    if (Object.keys(annotations).length) at(recordNode, "invalid field 'annotations' in recording rule");
    if (forMs) at(recordNode, "invalid field 'for' in recording rule");
    if (keepFiringForMs) at(recordNode, "invalid field 'keep_firing_for' in recording rule");
    if (!METRIC_NAME.test(record)) at(recordNode, `invalid recording rule name: ${record}`);
  }
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_NAME.test(k) || k === '__name__') errs.push(`invalid label name: ${k}`);
    if (!isValidUtf8(v)) errs.push(`invalid label value: ${v}`);
  }
  for (const k of Object.keys(annotations)) if (!LABEL_NAME.test(k)) errs.push(`invalid annotation name: ${k}`);
  if (alert) {
    for (const [k, v] of Object.entries(labels)) {
      const e = checkTemplate(v, `__alert_${alert}`);
      if (e) errs.push(`label "${k}": ${e}`);
    }
    for (const [k, v] of Object.entries(annotations)) {
      const e = checkTemplate(v, `__alert_${alert}`);
      if (e) errs.push(`annotation "${k}": ${e}`);
    }
  }
  for (const e of errs) ctx.errors.push(`${ctx.file}: ${prefixRule(e, groupName, index, ruleName)}`);
  if (errs.length || !ast) return undefined;
  const line = lineOf(ctx, r);
  if (record) return { kind: 'recording', name: record, expr, ast, labels, line };
  return { kind: 'alerting', name: alert, expr, ast, forMs, keepFiringForMs, labels, annotations, line };
}

/** rulefmt.Error's wording: positions (when known) first, then `group "g", rule N, "name": message`. */
function prefixRule(e: string, group: string, index: number, name: string): string {
  const m = /^((?:\d+:\d+: )*)(.*)$/s.exec(e)!;
  return `${m[1]}group ${JSON.stringify(group)}, rule ${index}, ${JSON.stringify(name)}: ${m[2]}`;
}
