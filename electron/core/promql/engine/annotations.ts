// Info and warning annotations as Prometheus emits them: deduplicated by text, each rendered with the position
// "(line:col)" of the expression it is about. Never throws; collecting an annotation must not abort a query.
import type { PositionRange } from '../parser/ast';
import { positionString } from '../parser/errors';

export type AnnotationLevel = 'warning' | 'info';

interface Annotation {
  level: AnnotationLevel;
  text: string;
  pos: PositionRange | null;
  /** Forced-monotonicity infos merge into one message with ranges over all steps. */
  monotonicity?: MonotonicityDetail;
}

interface MonotonicityDetail {
  minTs: number;
  maxTs: number;
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
  count: number;
}

export const WARNING_PREFIX = 'PromQL warning: ';
export const INFO_PREFIX = 'PromQL info: ';

export class Annotations {
  private readonly byKey = new Map<string, Annotation>();

  warn(text: string, pos: PositionRange | null): void {
    this.add({ level: 'warning', text: WARNING_PREFIX + text, pos });
  }

  info(text: string, pos: PositionRange | null): void {
    this.add({ level: 'info', text: INFO_PREFIX + text, pos });
  }

  /** histogram_quantile's "needed to be fixed for monotonicity" info; repeated ones merge like upstream. */
  monotonicityInfo(metricName: string, pos: PositionRange, ts: number, minB: number, maxB: number, diff: number): void {
    let text =
      INFO_PREFIX +
      'input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)';
    if (metricName !== '') text += ` for metric name ${goQuote(metricName)}`;
    const prev = this.byKey.get(text);
    if (prev?.monotonicity) {
      const m = prev.monotonicity;
      m.minTs = Math.min(m.minTs, ts);
      m.maxTs = Math.max(m.maxTs, ts);
      m.minBucket = Math.min(m.minBucket, minB);
      m.maxBucket = Math.max(m.maxBucket, maxB);
      m.maxDiff = Math.max(m.maxDiff, diff);
      m.count++;
      return;
    }
    this.byKey.set(text, {
      level: 'info',
      text,
      pos,
      monotonicity: { minTs: ts, maxTs: ts, minBucket: minB, maxBucket: maxB, maxDiff: diff, count: 0 },
    });
  }

  private add(a: Annotation): void {
    if (!this.byKey.has(a.text)) this.byKey.set(a.text, a);
  }

  merge(other: Annotations): void {
    for (const [k, v] of other.byKey) if (!this.byKey.has(k)) this.byKey.set(k, v);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Render against the query text, as the API does: `<text> (<line>:<col>)`. */
  render(query: string): { warnings: string[]; infos: string[] } {
    const warnings: string[] = [];
    const infos: string[] = [];
    for (const a of this.byKey.values()) {
      let s = a.text;
      if (a.monotonicity) {
        const m = a.monotonicity;
        s += `, from buckets ${formatG(m.minBucket)} to ${formatG(m.maxBucket)}, with a max diff of ${formatG2(m.maxDiff)}, over ${m.count + 1} samples from ${rfc3339(m.minTs)} to ${rfc3339(m.maxTs)}`;
      }
      if (a.pos && query !== '') s += ` (${positionString(query, a.pos.start).text})`;
      (a.level === 'warning' ? warnings : infos).push(s);
    }
    return { warnings, infos };
  }
}

function rfc3339(ms: number): string {
  return new Date(Math.trunc(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Go's %g for float64: shortest digits, exponent form when the exponent is < -4 or >= 6 (Go's rule). */
export function formatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const e = v.toExponential();
  const exp = Number(e.slice(e.indexOf('e') + 1));
  if (exp < -4 || exp >= 6) return goExponent(e);
  return v.toFixed(Math.max(0, Math.min(100, fractionDigits(v))));
}

/** Digits after the point in the shortest round-trip representation. */
function fractionDigits(v: number): number {
  const e = Math.abs(v).toExponential();
  const [mant, ex] = e.split('e');
  const mantDigits = mant.replace('.', '').length;
  return Math.max(0, mantDigits - 1 - Number(ex));
}

/** Go's %.2g. */
function formatG2(v: number): string {
  if (!Number.isFinite(v)) return formatG(v);
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(2)))));
  if (exp < -4 || exp >= 2) return goExponent(Number(v.toPrecision(2)).toExponential());
  return String(Number(v.toPrecision(2)));
}

function goExponent(s: string): string {
  // JS "1e+21" → Go "1e+21"; JS "1e-7" → Go "1e-07".
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's strconv.Quote for the label values and names that appear in messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (ch === '\ufffd' && c === 0xfffd) out += ch;
    else out += ch;
  }
  return out + '"';
}
