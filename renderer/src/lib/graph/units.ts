// Unit-aware number formatting for axes, tooltips and tables. The unit is inferred from Prometheus naming
// conventions (_bytes, _seconds, _ratio) in the expression, or chosen by the user. Pure.

export type Unit = 'none' | 'bytes' | 'bytes/s' | 'seconds' | 'percent' | 'ratio';
export const UNIT_CHOICES: readonly { value: Unit | 'auto'; label: string }[] = [
  { value: 'auto', label: 'Unit: auto' },
  { value: 'none', label: 'Plain number' },
  { value: 'bytes', label: 'Bytes' },
  { value: 'bytes/s', label: 'Bytes/s' },
  { value: 'seconds', label: 'Seconds' },
  { value: 'ratio', label: 'Ratio (0–1 as %)' },
  { value: 'percent', label: 'Percent (0–100)' },
];

const RATE_FNS = /\b(rate|irate|deriv)\s*\(/;
const COUNTING_FNS = /\b(count|count_values|count_over_time|absent|absent_over_time|changes|resets|timestamp|time|histogram_quantile\s*\(\s*[\d.]+\s*,\s*sum)\b/;

/**
 * Best guess from the metric names in an expression. When several units appear, or a count/ratio of them is taken,
 * answers "none" rather than mislabel the axis.
 */
export function inferUnit(expr: string): Unit {
  const names = expr.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  const units = new Set<Unit>();
  for (const n of names) {
    if (/_bytes(_total|_sum)?$/.test(n)) units.add('bytes');
    else if (/_seconds(_total|_sum)?$/.test(n)) units.add('seconds');
    else if (/_ratio$/.test(n)) units.add('ratio');
    else if (/_percent$/.test(n)) units.add('percent');
  }
  if (units.size !== 1) return 'none';
  if (/\s\/\s/.test(expr) || COUNTING_FNS.test(expr)) return 'none';
  const u = [...units][0];
  if (u === 'bytes' && RATE_FNS.test(expr)) return 'bytes/s';
  // rate of a seconds counter (CPU seconds per second) is a ratio of time: show it as such.
  if (u === 'seconds' && RATE_FNS.test(expr)) return 'none';
  return u;
}

function trim(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function scaled(v: number, base: number, suffixes: readonly string[], digits: number): string {
  const a = Math.abs(v);
  let i = 0;
  let x = a;
  while (x >= base && i < suffixes.length - 1) {
    x /= base;
    i++;
  }
  return `${v < 0 ? '-' : ''}${trim(x, digits)}${suffixes[i]}`;
}

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const IEC = [' B', ' KiB', ' MiB', ' GiB', ' TiB', ' PiB', ' EiB'];

function formatSeconds(v: number, digits: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a === 0) return '0s';
  if (a < 1e-6) return `${sign}${trim(a * 1e9, digits)}ns`;
  if (a < 1e-3) return `${sign}${trim(a * 1e6, digits)}µs`;
  if (a < 1) return `${sign}${trim(a * 1e3, digits)}ms`;
  if (a < 60) return `${sign}${trim(a, digits)}s`;
  if (a < 3600) return `${sign}${trim(a / 60, digits)}m`;
  if (a < 86400) return `${sign}${trim(a / 3600, digits)}h`;
  return `${sign}${trim(a / 86400, digits)}d`;
}

/** Formats one value; `digits` is the precision after scaling (axes use 2, tooltips 4). */
export function formatValue(v: number | null | undefined, unit: Unit, digits = 2): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'bytes':
      return scaled(v, 1024, IEC, digits);
    case 'bytes/s':
      return `${scaled(v, 1024, IEC, digits)}/s`;
    case 'seconds':
      return formatSeconds(v, digits);
    case 'ratio':
      return `${trim(v * 100, digits)}%`;
    case 'percent':
      return `${trim(v, digits)}%`;
    default: {
      const a = Math.abs(v);
      if (a !== 0 && a < 0.001) return v.toExponential(digits);
      return scaled(v, 1000, SI, digits);
    }
  }
}

/**
 * Axis tick labels: the fewest digits (2…6) at which neighbouring ticks read differently, so a large value with a
 * small spread (a counter at 17.3 TiB) does not print the same label on every tick.
 */
export function formatTicks(splits: readonly number[], unit: Unit): string[] {
  let labels: string[] = [];
  for (let digits = 2; digits <= 6; digits++) {
    labels = splits.map((v) => formatValue(v, unit, digits));
    if (new Set(labels).size === labels.length) return labels;
  }
  return labels;
}
