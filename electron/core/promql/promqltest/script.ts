// Parser for promqltest scripts (load / clear / eval with expect lines and expected series), following the
// grammar of Prometheus's promql/promqltest/test.go. Produces plain command objects; runs nothing.
import type { Labels } from '../../series/types';
import { parseDurationMs } from './duration';
import { parseNumber, parseSeriesDesc, readQuoted, type SequenceValue } from './series-desc';

export interface LoadCmd {
  kind: 'load';
  line: number;
  stepMs: number;
  withNhcb: boolean;
  series: { labels: Labels; values: SequenceValue[] }[];
}

export interface ClearCmd {
  kind: 'clear';
  line: number;
}

export type ExpectType = 'ordered' | 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';

export interface Expectation {
  /** Exact message, or a regex (which matches anything when no message part was given). */
  message?: string;
  regex?: RegExp;
}

export interface EvalCmd {
  kind: 'eval';
  line: number;
  expr: string;
  isRange: boolean;
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Evaluation time of an instant query (end of an `expect range vector` window, else the `at` time). */
  evalMs: number;
  fail: boolean;
  warn: boolean;
  info: boolean;
  ordered: boolean;
  expectedFailMessage?: string;
  expectedFailRegexp?: RegExp;
  expects: Map<ExpectType, Expectation[]>;
  expectScalar: boolean;
  scalar?: number;
  expectedString?: string;
  excludeFromRangeQuery: boolean;
  /** Expected series by label key, with their 1-based position in the listing. */
  expected: { labels: Labels; pos: number; values: SequenceValue[] }[];
}

export type Command = LoadCmd | ClearCmd | EvalCmd;

export class ScriptError extends Error {
  override readonly name = 'ScriptError';
}

const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const PAT_EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const PAT_EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

function duration(s: string, line: number, what: string): number {
  const d = parseDurationMs(s);
  if (d === null) throw new ScriptError(`line ${line}: invalid ${what} ${JSON.stringify(s)}`);
  return d;
}

/** Go's regexp syntax is close enough to JS's for the patterns scripts use; (?s) flags become JS flags. */
export function goRegex(pattern: string): RegExp {
  let flags = '';
  let p = pattern;
  const m = /^\(\?([a-z]+)\)/.exec(p);
  if (m) {
    flags = m[1].replace(/[^ims]/g, '');
    p = p.slice(m[0].length);
  }
  return new RegExp(p, flags);
}

/** Go's strconv.Unquote for `expect string` lines. */
function unquote(s: string): string {
  if (!/^(["`]).*\1$/s.test(s)) throw new ScriptError('expected string literal not valid - check that the string is correctly quoted');
  return readQuoted(s, 0)[0];
}

export function parseScript(input: string): Command[] {
  const lines = input.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const cmds: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') continue;
    const word = l.split(/[\t ]+/, 1)[0].toLowerCase();
    if (word === 'clear') {
      cmds.push({ kind: 'clear', line: i + 1 });
    } else if (word.startsWith('load')) {
      const m = PAT_LOAD.exec(l);
      if (!m) throw new ScriptError(`line ${i + 1}: invalid load command`);
      const cmd: LoadCmd = { kind: 'load', line: i + 1, stepMs: duration(m[2], i + 1, 'step'), withNhcb: m[1] === 'with_nhcb', series: [] };
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++;
        cmd.series.push(parseSeriesDesc(lines[i]));
      }
      cmds.push(cmd);
    } else if (word.startsWith('eval')) {
      i = parseEval(lines, i, cmds);
    } else {
      throw new ScriptError(`line ${i + 1}: invalid command ${JSON.stringify(l)}`);
    }
  }
  return cmds;
}

function parseEval(lines: string[], i: number, cmds: Command[]): number {
  const l = lines[i];
  const inst = PAT_EVAL_INSTANT.exec(l);
  const rng = inst ? null : PAT_EVAL_RANGE.exec(l);
  if (!inst && !rng) throw new ScriptError(`line ${i + 1}: invalid evaluation command`);
  const line = i + 1;
  const cmd: EvalCmd = {
    kind: 'eval',
    line,
    expr: inst ? inst[3] : rng![5],
    isRange: !inst,
    startMs: 0,
    endMs: 0,
    stepMs: 0,
    evalMs: 0,
    fail: false,
    warn: false,
    info: false,
    ordered: false,
    expects: new Map(),
    expectScalar: false,
    excludeFromRangeQuery: false,
    expected: [],
  };
  if (inst) {
    cmd.startMs = cmd.evalMs = duration(inst[2] ?? '', line, 'timestamp');
  } else {
    cmd.startMs = duration(rng![2], line, 'start timestamp');
    cmd.endMs = duration(rng![3], line, 'end timestamp');
    cmd.stepMs = duration(rng![4], line, 'step');
    if (cmd.endMs < cmd.startMs) throw new ScriptError(`line ${line}: end timestamp is before start timestamp`);
  }
  const mod = inst ? inst[1] : rng![1];
  if (mod === 'ordered') cmd.ordered = true;
  if (mod === 'fail') cmd.fail = true;
  if (mod === 'warn') cmd.warn = true;
  if (mod === 'info') cmd.info = true;

  let expectRangeVector = false;
  let j = 1;
  while (i + 1 < lines.length) {
    i++;
    const def = lines[i];
    if (def === '') {
      i--;
      break;
    }
    if (cmd.fail && def.startsWith('expected_fail_message')) {
      cmd.expectedFailMessage = def.slice('expected_fail_message'.length).trim();
      break;
    }
    if (cmd.fail && def.startsWith('expected_fail_regexp')) {
      cmd.expectedFailRegexp = goRegex(def.slice('expected_fail_regexp'.length).trim());
      break;
    }
    if (def.startsWith('expect range vector')) {
      const m = PAT_EXPECT_RANGE.exec(def);
      if (!m) throw new ScriptError(`line ${i + 1}: invalid range vector definition`);
      expectRangeVector = true;
      cmd.startMs = duration(m[1], i + 1, 'start');
      cmd.endMs = duration(m[2], i + 1, 'end');
      cmd.stepMs = duration(m[3], i + 1, 'step');
      cmd.evalMs = cmd.endMs;
      cmd.excludeFromRangeQuery = true;
      continue;
    }
    if (def.startsWith('expect string')) {
      const rest = def.slice('expect string'.length).trim();
      if (rest === '') throw new ScriptError('expected string literal not valid - a quoted string literal is required');
      cmd.expectedString = unquote(rest);
      cmd.excludeFromRangeQuery = true;
      continue;
    }
    if (def.split(' ')[0] === 'expect') {
      const m = PAT_EXPECT.exec(def.trim());
      if (!m) throw new ScriptError(`line ${i + 1}: invalid expect statement`);
      const type = m[1] as ExpectType;
      const e: Expectation = {};
      if (m[2] === 'msg') e.message = m[3].trim();
      else if (m[2] === 'regex') e.regex = goRegex(m[3].trim());
      else e.regex = /^.*$/s;
      const list = cmd.expects.get(type) ?? [];
      list.push(e);
      cmd.expects.set(type, list);
      continue;
    }
    const num = parseNumber(def);
    if (num !== null) {
      cmd.expectScalar = true;
      cmd.scalar = num;
      break;
    }
    const sd = parseSeriesDesc(def);
    if (sd.values.length > 1 && !cmd.isRange && !expectRangeVector)
      throw new ScriptError(`line ${i + 1}: expecting multiple values in instant evaluation not allowed`);
    cmd.expected.push({ labels: sd.labels, pos: j, values: sd.values });
    j++;
  }
  cmds.push(cmd);
  return i;
}
