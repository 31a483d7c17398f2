// exprToString: renders an expression the way Prometheus's String() does (printer.go), so error messages, logs and
// tests can show queries in Prometheus's canonical form. Pure; never consults anything but the node.
import type { LabelMatcher } from '../../series/types';
import type { AggregateExpr, BinaryExpr, DurationExpr, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from './ast';
import { goQuote } from './quote';

/** model.Duration.String(): 1h30m, 90d, 1w, 0s, with "-" for negatives. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let sign = '';
  if (ms < 0) {
    sign = '-';
    ms = -ms;
  }
  let r = '';
  const f = (unit: string, mult: number, exact: boolean): void => {
    if (exact && ms % mult !== 0) return;
    const v = Math.floor(ms / mult);
    if (v > 0) {
      r += `${v}${unit}`;
      ms -= v * mult;
    }
  };
  f('y', 31_536_000_000, true);
  f('w', 604_800_000, true);
  f('d', 86_400_000, false);
  f('h', 3_600_000, false);
  f('m', 60_000, false);
  f('s', 1000, false);
  f('ms', 1, false);
  return sign + r;
}

/** strconv.FormatFloat(v, 'f', -1, 64): shortest exact decimal, never exponent notation. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  if (!/e/i.test(s)) return s;
  const [mant, expStr] = s.split(/e/i);
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const intLen = mant.replace('-', '').split('.')[0].length;
  const point = intLen + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/** Go's %v of a float64 (fill values): like strconv 'g' with shortest precision. */
function formatFloatV(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return formatFloat(v);
}

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelName(s: string): string {
  return LEGACY_LABEL.test(s) ? s : goQuote(s);
}

export function matcherToString(m: LabelMatcher): string {
  return labelName(m.name) + m.type + goQuote(m.value);
}

function atString(ts: number | null, startOrEnd: 'start' | 'end' | null): string {
  if (ts !== null) return ` @ ${(ts / 1000).toFixed(3)}`;
  if (startOrEnd) return ` @ ${startOrEnd}()`;
  return '';
}

function offsetString(ms: number, e: DurationExpr | null): string {
  if (e) return ` offset ${durationExprToString(e)}`;
  if (ms > 0) return ` offset ${formatDuration(ms)}`;
  if (ms < 0) return ` offset -${formatDuration(-ms)}`;
  return '';
}

function vectorSelectorToString(n: VectorSelector, withModifiers: boolean): string {
  const parts: string[] = [];
  for (const m of n.matchers) {
    if (m.name === '__name__' && m.type === '=' && m.value === n.name && m.value !== '') continue;
    parts.push(matcherToString(m));
  }
  let s = n.name;
  if (parts.length) s += '{' + parts.sort().join(',') + '}';
  if (!withModifiers) return s;
  s += atString(n.timestamp, n.startOrEnd);
  if (n.anchored) s += ' anchored';
  else if (n.smoothed) s += ' smoothed';
  return s + offsetString(n.offsetMs, n.offsetExpr);
}

function matrixSelectorToString(n: MatrixSelector): string {
  const vs = n.vectorSelector;
  const range = n.rangeExpr ? durationExprToString(n.rangeExpr) : formatDuration(n.rangeMs);
  const ext = vs.anchored ? ' anchored' : vs.smoothed ? ' smoothed' : '';
  return (
    `${vectorSelectorToString(vs, false)}[${range}]${ext}` +
    atString(vs.timestamp, vs.startOrEnd) +
    offsetString(vs.offsetMs, vs.offsetExpr)
  );
}

function subqueryToString(n: SubqueryExpr): string {
  let step = '';
  if (n.stepMs !== 0) step = formatDuration(n.stepMs);
  else if (n.stepExpr) step = durationExprToString(n.stepExpr);
  const range = n.rangeExpr ? durationExprToString(n.rangeExpr) : formatDuration(n.rangeMs);
  return (
    `${exprToString(n.expr)}[${range}:${step}]` + atString(n.timestamp, n.startOrEnd) + offsetString(n.offsetMs, n.offsetExpr)
  );
}

function durationExprToString(n: DurationExpr): string {
  let s: string;
  const sub = (e: Expr | null): string => (e ? exprToString(e) : '');
  switch (n.op) {
    case 'step':
    case 'range':
      s = `${n.op}()`;
      break;
    case 'min_of':
    case 'max_of':
      s = `${n.op}(${sub(n.lhs)}, ${sub(n.rhs)})`;
      break;
    default:
      if (n.lhs === null) s = n.op === '-' ? '-' + sub(n.rhs) : sub(n.rhs);
      else s = `${sub(n.lhs)} ${n.op} ${sub(n.rhs)}`;
  }
  return n.wrapped ? `(${s})` : s;
}

function aggregateOpString(n: AggregateExpr): string {
  if (n.without) return `${n.op} without (${n.grouping.map(labelName).join(', ')}) `;
  if (n.grouping.length > 0) return `${n.op} by (${n.grouping.map(labelName).join(', ')}) `;
  return n.op;
}

function matchingString(n: BinaryExpr): string {
  const vm = n.matching;
  if (!vm) return '';
  let s = '';
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  if (vm.matchingLabels.length > 0 || vm.on || grouped) {
    s += ` ${vm.on ? 'on' : 'ignoring'} (${vm.matchingLabels.map(labelName).join(', ')})`;
  }
  if (grouped) {
    s += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${vm.include.map(labelName).join(', ')})`;
  }
  const { lhs, rhs } = vm.fillValues;
  if (lhs !== null || rhs !== null) {
    if (lhs !== null && rhs !== null && (lhs === rhs || (Number.isNaN(lhs) && Number.isNaN(rhs)))) {
      s += ` fill (${formatFloatV(lhs)})`;
    } else {
      if (lhs !== null) s += ` fill_left (${formatFloatV(lhs)})`;
      if (rhs !== null) s += ` fill_right (${formatFloatV(rhs)})`;
    }
  }
  return s;
}

/** Prometheus's Expr.String(). */
export function exprToString(e: Expr): string {
  switch (e.kind) {
    case 'AggregateExpr': {
      const args = e.param ? `${exprToString(e.param)}, ${exprToString(e.expr)}` : exprToString(e.expr);
      return `${aggregateOpString(e)}(${args})`;
    }
    case 'BinaryExpr':
      return `${exprToString(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${matchingString(e)} ${exprToString(e.rhs)}`;
    case 'Call':
      return `${e.func.name}(${e.args.map(exprToString).join(', ')})`;
    case 'MatrixSelector':
      return matrixSelectorToString(e);
    case 'SubqueryExpr':
      return subqueryToString(e);
    case 'NumberLiteral':
      if (e.duration) {
        const ms = Math.round(e.val * 1000);
        return ms < 0 ? '-' + formatDuration(-ms) : formatDuration(ms);
      }
      return formatFloat(e.val);
    case 'ParenExpr':
      return `(${exprToString(e.expr)})`;
    case 'StringLiteral':
      return goQuote(e.val);
    case 'UnaryExpr':
      return e.op + exprToString(e.expr);
    case 'VectorSelector':
      return vectorSelectorToString(e, true);
    case 'StepInvariantExpr':
      return exprToString(e.expr);
    case 'DurationExpr':
      return durationExprToString(e);
  }
}
