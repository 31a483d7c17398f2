// Alert label and annotation templates: the subset of Go's text/template (as Prometheus's template package sets
// it up) that rules commonly use — `$labels`, `$value`, `$externalLabels`, `$externalURL`, `.Labels`…, pipelines,
// and humanize, humanizeDuration, humanizePercentage, printf, toUpper, toLower, reReplaceAll. Anything else Go
// would accept is parsed but refused at expansion with an error naming it. Pure.
import { goRegexToJs } from '@core/series/go-regex';
import { goFormatG, goPrint, goSprintf, type GoValue } from './go-format';

export const SUPPORTED_FUNCTIONS = ['humanize', 'humanizeDuration', 'humanizePercentage', 'printf', 'toUpper', 'toLower', 'reReplaceAll'] as const;

/** Functions Go's text/template or Prometheus's template package define that rrx does not evaluate. */
const KNOWN_UNSUPPORTED = new Set([
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'safeHtml', 'match', 'title', 'graphLink', 'tableLink', 'sortByLabel',
  'stripPort', 'stripDomain', 'humanize1024', 'humanizeTimestamp', 'toTime', 'toDuration', 'pathPrefix', 'externalURL', 'parseDuration', 'now',
]);
const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export interface TemplateData {
  labels: Record<string, string>;
  externalLabels: Record<string, string>;
  externalURL: string;
  value: number;
}

type Value = GoValue | Record<string, string> | TemplateDataObject;
interface TemplateDataObject {
  kind: 'data';
  data: TemplateData;
}

type Operand =
  | { k: 'var'; name: string; fields: string[] }
  | { k: 'dot'; fields: string[] }
  | { k: 'lit'; v: GoValue }
  | { k: 'fn'; name: string }
  | { k: 'sub'; pipe: Pipeline; fields: string[] };
type Command = Operand[];
interface Pipeline {
  decl?: string;
  cmds: Command[];
}
type Part = { t: 'text'; s: string } | { t: 'action'; pipe: Pipeline } | { t: 'unsupported'; what: string };

export interface ParsedTemplate {
  parts: Part[];
  /** Control actions and functions rrx cannot expand, in order of appearance. */
  unsupported: string[];
}

const cache = new Map<string, ParsedTemplate>();

/** Go's syntax check: undefined functions and malformed actions are errors (promtool reports them). */
export function checkTemplate(text: string, name = 'template'): string | undefined {
  try {
    parseTemplate(text, name);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function parseTemplate(text: string, name = 'template'): ParsedTemplate {
  const hit = cache.get(text);
  if (hit) return hit;
  const parts: Part[] = [];
  const unsupported: string[] = [];
  let i = 0;
  let line = 1;
  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${name}:${line}: ${msg}`);
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    let chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    if (open >= 0 && text.startsWith('{{- ', open)) chunk = chunk.replace(/\s+$/, '');
    if (chunk) parts.push({ t: 'text', s: chunk });
    line += (open < 0 ? text.slice(i) : text.slice(i, open)).split('\n').length - 1;
    if (open < 0) break;
    let start = open + 2;
    if (text.startsWith('- ', start)) start += 2;
    const close = findClose(text, start);
    if (close < 0) fail('unclosed action');
    let end = close;
    let after = close + 2;
    if (text[close - 1] === '-' && /\s/.test(text[close - 2] ?? '')) end = close - 2;
    const body = text.slice(start, end).trim();
    if (text[close - 1] === '-' && /\s/.test(text[close - 2] ?? '')) while (after < text.length && /\s/.test(text[after])) after++;
    line += text.slice(open, close).split('\n').length - 1;
    i = after;
    if (body.startsWith('/*')) {
      if (!body.endsWith('*/')) fail('unclosed comment');
      continue;
    }
    const first = /^[A-Za-z_]\w*/.exec(body)?.[0];
    if (first && KEYWORDS.has(first)) {
      unsupported.push(`the "${first}" action`);
      parts.push({ t: 'unsupported', what: `the "${first}" action` });
      continue;
    }
    if (!body) fail('missing value for command');
    const pipe = new ActionParser(body, fail).pipeline();
    for (const c of pipe.cmds) collectUnsupported(c, unsupported, fail);
    parts.push({ t: 'action', pipe });
  }
  const parsed = { parts, unsupported };
  if (cache.size > 500) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function findClose(text: string, from: number): number {
  let q: string | undefined;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (q) {
      if (c === '\\' && q === '"') j++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === '`') q = c;
    else if (c === '}' && text[j + 1] === '}') return j;
  }
  return -1;
}

function collectUnsupported(cmd: Command, out: string[], fail: (m: string) => never): void {
  for (const op of cmd) {
    if (op.k === 'fn') {
      if ((SUPPORTED_FUNCTIONS as readonly string[]).includes(op.name)) continue;
      if (KNOWN_UNSUPPORTED.has(op.name)) out.push(`the function "${op.name}"`);
      else fail(`function "${op.name}" not defined`);
    } else if (op.k === 'sub') for (const c of op.pipe.cmds) collectUnsupported(c, out, fail);
  }
}

class ActionParser {
  private p = 0;
  constructor(
    private readonly s: string,
    private readonly fail: (m: string) => never,
  ) {}

  pipeline(): Pipeline {
    this.ws();
    let decl: string | undefined;
    const m = /^(\$\w*)\s*:?=\s*/.exec(this.s.slice(this.p));
    if (m) {
      decl = m[1];
      this.p += m[0].length;
    }
    const cmds: Command[] = [this.command()];
    for (;;) {
      this.ws();
      if (this.s[this.p] !== '|') break;
      this.p++;
      cmds.push(this.command());
    }
    this.ws();
    if (this.p < this.s.length && this.s[this.p] !== ')') this.fail(`unexpected "${this.s[this.p]}" in command`);
    return { decl, cmds };
  }

  private ws(): void {
    while (this.p < this.s.length && /\s/.test(this.s[this.p])) this.p++;
  }

  private command(): Command {
    const ops: Operand[] = [];
    for (;;) {
      this.ws();
      const c = this.s[this.p];
      if (c === undefined || c === '|' || c === ')') break;
      ops.push(this.operand());
    }
    if (!ops.length) this.fail('missing value for command');
    return ops;
  }

  private fields(): string[] {
    const out: string[] = [];
    while (this.s[this.p] === '.') {
      const m = /^\.(\w+)/.exec(this.s.slice(this.p));
      if (!m) break;
      out.push(m[1]);
      this.p += m[0].length;
    }
    return out;
  }

  private operand(): Operand {
    const rest = this.s.slice(this.p);
    const c = rest[0];
    if (c === '$') {
      const m = /^\$\w*/.exec(rest)!;
      this.p += m[0].length;
      return { k: 'var', name: m[0], fields: this.fields() };
    }
    if (c === '.') {
      if (!/^\.\w/.test(rest)) {
        this.p++;
        return { k: 'dot', fields: [] };
      }
      return { k: 'dot', fields: this.fields() };
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(rest);
      if (!m) this.fail('unterminated quoted string');
      this.p += m![0].length;
      try {
        return { k: 'lit', v: JSON.parse(m![0]) as string };
      } catch {
        return this.fail(`invalid syntax in quoted string ${m![0]}`);
      }
    }
    if (c === '`') {
      const end = rest.indexOf('`', 1);
      if (end < 0) this.fail('unterminated raw quoted string');
      this.p += end + 1;
      return { k: 'lit', v: rest.slice(1, end) };
    }
    if (c === '(') {
      this.p++;
      const pipe = this.pipeline();
      if (this.s[this.p] !== ')') this.fail('unclosed left paren');
      this.p++;
      return { k: 'sub', pipe, fields: this.fields() };
    }
    const num = /^[+-]?(?:0x[0-9a-fA-F]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(rest);
    if (num) {
      this.p += num[0].length;
      return { k: 'lit', v: Number(num[0]) };
    }
    const id = /^[A-Za-z_]\w*/.exec(rest);
    if (id) {
      this.p += id[0].length;
      if (id[0] === 'true' || id[0] === 'false' || id[0] === 'nil') return { k: 'lit', v: id[0] };
      return { k: 'fn', name: id[0] };
    }
    return this.fail(`unexpected "${c}" in operand`);
  }
}

/** Expand a template for one alert instance. Throws TemplateError naming anything rrx does not support. */
export function expandTemplate(text: string, data: TemplateData, name = 'template'): string {
  if (!text.includes('{{')) return text;
  const t = parseTemplate(text, name);
  if (t.unsupported.length) {
    throw new TemplateError(`template: ${name}: ${t.unsupported.join(', ')} ${t.unsupported.length > 1 ? 'are' : 'is'} not supported by rrx (supported: ${SUPPORTED_FUNCTIONS.join(', ')}, $labels, $value, $externalLabels, $externalURL)`);
  }
  const vars = new Map<string, Value>([
    ['$', { kind: 'data', data }],
    ['$labels', data.labels],
    ['$externalLabels', data.externalLabels],
    ['$externalURL', data.externalURL],
    ['$value', data.value],
  ]);
  let out = '';
  for (const part of t.parts) {
    if (part.t === 'text') out += part.s;
    else if (part.t === 'action') {
      const v = runPipeline(part.pipe, vars, data, name);
      if (part.pipe.decl) vars.set(part.pipe.decl, v);
      else out += printValue(v);
    }
  }
  return out;
}

function printValue(v: Value): string {
  if (typeof v === 'string' || typeof v === 'number') return goPrint(v);
  if ('kind' in v && v.kind === 'data') return '{…}';
  const m = v as Record<string, string>;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${m[k]}`).join(' ')}]`;
}

function field(v: Value, f: string, name: string): Value {
  if (typeof v === 'object' && 'kind' in v && v.kind === 'data') {
    const d = (v as TemplateDataObject).data;
    switch (f) {
      case 'Labels':
        return d.labels;
      case 'ExternalLabels':
        return d.externalLabels;
      case 'ExternalURL':
        return d.externalURL;
      case 'Value':
        return d.value;
    }
    throw new TemplateError(`template: ${name}: can't evaluate field ${f} in type template.AlertTemplateData`);
  }
  if (typeof v === 'object') return (v as Record<string, string>)[f] ?? '';
  throw new TemplateError(`template: ${name}: can't evaluate field ${f} in type ${typeof v === 'number' ? 'float64' : 'string'}`);
}

function runPipeline(pipe: Pipeline, vars: Map<string, Value>, data: TemplateData, name: string): Value {
  let prev: Value | undefined;
  for (const cmd of pipe.cmds) prev = runCommand(cmd, prev, vars, data, name);
  return prev!;
}

function operandValue(op: Operand, vars: Map<string, Value>, data: TemplateData, name: string): Value {
  switch (op.k) {
    case 'lit':
      return op.v;
    case 'var': {
      const v = vars.get(op.name);
      if (v === undefined) throw new TemplateError(`template: ${name}: undefined variable "${op.name}"`);
      return op.fields.reduce((acc, f) => field(acc, f, name), v);
    }
    case 'dot':
      return op.fields.reduce<Value>((acc, f) => field(acc, f, name), { kind: 'data', data });
    case 'sub':
      return op.fields.reduce((acc, f) => field(acc, f, name), runPipeline(op.pipe, vars, data, name));
    case 'fn':
      return callFunction(op.name, [], name);
  }
}

function runCommand(cmd: Command, piped: Value | undefined, vars: Map<string, Value>, data: TemplateData, name: string): Value {
  const [head, ...rest] = cmd;
  if (head.k !== 'fn') {
    if (rest.length || piped !== undefined) throw new TemplateError(`template: ${name}: can't give argument to non-function`);
    return operandValue(head, vars, data, name);
  }
  const args = rest.map((o) => operandValue(o, vars, data, name));
  if (piped !== undefined) args.push(piped);
  return callFunction(head.name, args, name);
}

function toFloat(v: Value, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    const lower = s.toLowerCase().replace(/^[+-]/, '');
    if (lower === 'inf' || lower === 'infinity') return s.startsWith('-') ? -Infinity : Infinity;
    if (lower === 'nan') return NaN;
    if (s !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?0x[0-9a-fA-F]+$/.test(s)) return Number(s);
    throw new TemplateError(`template: ${name}: error calling humanize: strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  throw new TemplateError(`template: ${name}: can't convert a map to float`);
}

function str(v: Value, fn: string, name: string): string {
  if (typeof v === 'string') return v;
  throw new TemplateError(`template: ${name}: wrong type for value; expected string; got ${typeof v === 'number' ? 'float64' : 'map[string]string'} (in ${fn})`);
}

const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
const BIG = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goFormatG(v, 4);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of BIG) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return goFormatG(v, 4) + prefix;
  }
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return goFormatG(v, 4) + prefix;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goFormatG(v, 4);
  if (v === 0) return goFormatG(v, 4) + 's';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const d = Math.trunc(v);
    const seconds = d % 60;
    const minutes = Math.trunc(d / 60) % 60;
    const hours = Math.trunc(d / 3600) % 24;
    const days = Math.trunc(d / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goFormatG(v, 4)}s`;
  }
  let prefix = '';
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goFormatG(v, 4)}${prefix}s`;
}

/** Go's Regexp.ReplaceAllString: `$1`, `${1}`, `$name`, `${name}` expand; `$$` is a dollar. */
function reReplaceAll(pattern: string, repl: string, text: string, name: string): string {
  let re: RegExp;
  try {
    re = new RegExp(goRegexToJs(pattern), 'gu');
  } catch (e) {
    throw new TemplateError(`template: ${name}: error calling reReplaceAll: ${(e as Error).message}`);
  }
  return text.replace(re, (...m: unknown[]) => {
    const groups = (typeof m[m.length - 1] === 'object' ? m[m.length - 1] : undefined) as Record<string, string> | undefined;
    const nums = m.slice(0, groups ? -3 : -2) as (string | undefined)[];
    return repl.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, tok: string, braced?: string, bare?: string) => {
      if (tok === '$') return '$';
      const key = braced ?? bare!;
      if (/^\d+$/.test(key)) return nums[Number(key)] ?? '';
      return groups?.[key] ?? '';
    });
  });
}

function callFunction(fn: string, args: Value[], name: string): Value {
  const need = (n: number): void => {
    if (args.length !== n) throw new TemplateError(`template: ${name}: wrong number of args for ${fn}: want ${n} got ${args.length}`);
  };
  switch (fn) {
    case 'humanize':
      need(1);
      return humanize(toFloat(args[0], name));
    case 'humanizeDuration':
      need(1);
      return humanizeDuration(toFloat(args[0], name));
    case 'humanizePercentage':
      need(1);
      return goFormatG(toFloat(args[0], name) * 100, 4) + '%';
    case 'toUpper':
      need(1);
      return str(args[0], fn, name).toUpperCase();
    case 'toLower':
      need(1);
      return str(args[0], fn, name).toLowerCase();
    case 'reReplaceAll':
      need(3);
      return reReplaceAll(str(args[0], fn, name), str(args[1], fn, name), str(args[2], fn, name), name);
    case 'printf': {
      if (!args.length) throw new TemplateError(`template: ${name}: wrong number of args for printf: want at least 1 got 0`);
      const rest = args.slice(1).map((a) => (typeof a === 'object' ? printValue(a) : a));
      return goSprintf(str(args[0], fn, name), rest);
    }
  }
  throw new TemplateError(`template: ${name}: the function "${fn}" is not supported by rrx`);
}
