// Where the y axis ticks and how it writes them: round steps in the unit's own base — bytes by powers of two (so
// 128 KiB, 256 KiB, 384 KiB rather than 97.66 KiB), seconds by clock steps (15 s, 1 m, 6 h), everything else by
// 1-2-5 decades — labels with just the digits the step needs (0.08, 0.09, 0.1; never 0.083, 0.085), and a log
// scale at whole decades only, written plainly (0.0001, 1e-7; never 1.000000e-4). Pure.
import type { Unit } from './units';

const EPS = 1e-9;

/** Smallest 1, 2 or 5 × 10^k at or above `raw`. */
export function decimalStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - EPS)) return m * p;
  return 10 * p;
}

/** Smallest power of two at or above `raw` (whole bytes: at least 1). */
export function binaryStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  return Math.max(1, Math.pow(2, Math.ceil(Math.log2(raw) - EPS)));
}

const CLOCK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Seconds: clock steps from 1 s to a week; 1-2-5 below a second, and beyond a week in days. */
export function secondsStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  if (raw < 1) return decimalStep(raw);
  for (const s of CLOCK_STEPS) if (s >= raw * (1 - EPS)) return s;
  return decimalStep(raw / 86400) * 86400;
}

export function stepFor(raw: number, unit: Unit): number {
  if (unit === 'bytes' || unit === 'bytes/s') return binaryStep(raw);
  if (unit === 'seconds') return secondsStep(raw);
  if (unit === 'ratio') return decimalStep(raw * 100) / 100;
  return decimalStep(raw);
}

/** Every multiple of the unit's round step ≥ `minStep` inside [min, max]. */
export function linearSplits(min: number, max: number, minStep: number, unit: Unit): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  const step = stepFor(Math.max(minStep, (max - min) / 50, Number.MIN_VALUE), unit);
  const out: number[] = [];
  const first = Math.ceil(min / step - EPS);
  for (let k = first; k * step <= max * (1 + EPS) + EPS && out.length < 100; k++) {
    // k × step, not repeated addition: 0.1 + 0.2 would drift into 0.30000000000000004.
    const v = k * step;
    out.push(Math.abs(v) < step * EPS ? 0 : v);
  }
  return out;
}

/** Whole decades inside [min, max], every n-th when more than `maxCount` would fit. */
export function logSplits(min: number, max: number, maxCount: number): number[] {
  if (!(min > 0) || !(max > 0) || max < min) return [];
  const lo = Math.ceil(Math.log10(min) - EPS);
  const hi = Math.floor(Math.log10(max) + EPS);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(1, maxCount)));
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) if ((e - lo) % every === 0) out.push(Number(`1e${e}`));
  return out;
}

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** The fewest digits (0…8) at which every value reads back as itself, given the step between them. */
function digitsFor(values: readonly number[], step: number): number {
  for (let d = 0; d <= 8; d++) {
    const tol = Math.abs(step) * 1e-6;
    if (values.every((v) => Math.abs(Number(v.toFixed(d)) - v) <= tol)) return d;
  }
  return 8;
}

/** `v` to `d` digits, trailing zeros dropped (0.5, 1, 1.5 — not 0.5, 1.0, 1.5), never "-0". */
function plain(v: number, d: number): string {
  let s = v.toFixed(d);
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** A decade for a log axis: 0.001 … 1000 plainly, 1e-7 and 1e9 beyond; units scale as on a linear axis. */
function decadeLabel(v: number, unit: Unit): string {
  if (unit === 'bytes' || unit === 'bytes/s') return linearLabels([v], v, unit)[0];
  const e = Math.round(Math.log10(v));
  const suffix = unit === 'seconds' ? 's' : unit === 'percent' ? '%' : '';
  if (unit === 'ratio') return e >= -1 && e <= 5 ? `${plain(v * 100, Math.max(0, -e - 2))}%` : `1e${e + 2}%`;
  if (e >= -3 && e < 3) return `${plain(v, Math.max(0, -e))}${suffix}`;
  // Plain numbers from a thousand up as on the linear axis: 1k, 10k, 100k, 1M.
  if (unit === 'none' && e >= 3 && e < 21) return `${10 ** (e % 3)}${'kMGTPE'[Math.floor(e / 3) - 1]}`;
  return `1e${e}${suffix}`;
}

export function logLabels(splits: readonly number[], unit: Unit): string[] {
  return splits.map((v) => decadeLabel(v, unit));
}

/** Labels for evenly spaced ticks (step apart), in one scale for the whole axis. */
export function linearLabels(splits: readonly number[], step: number, unit: Unit): string[] {
  const maxAbs = splits.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  switch (unit) {
    case 'bytes':
    case 'bytes/s': {
      let k = 0;
      while (k < IEC.length - 1 && maxAbs >= Math.pow(1024, k + 1)) k++;
      const scale = Math.pow(1024, k);
      const xs = splits.map((v) => v / scale);
      const d = digitsFor(xs, step / scale);
      const suffix = unit === 'bytes/s' ? '/s' : '';
      return xs.map((x) => (x === 0 ? `0 B${suffix}` : `${plain(x, d)} ${IEC[k]}${suffix}`));
    }
    case 'seconds': {
      const [size, name] = maxAbs >= 86400 && step >= 3600 ? [86400, 'd'] : maxAbs >= 3600 && step >= 60 ? [3600, 'h'] : maxAbs >= 60 && step >= 1 ? [60, 'm'] : step >= 1 || maxAbs >= 1 ? [1, 's'] : maxAbs >= 1e-3 ? [1e-3, 'ms'] : [1e-6, 'µs'];
      const xs = splits.map((v) => v / size);
      const d = digitsFor(xs, step / size);
      return xs.map((x) => `${plain(x, d)}${name}`);
    }
    case 'ratio': {
      const xs = splits.map((v) => v * 100);
      const d = digitsFor(xs, step * 100);
      return xs.map((x) => `${plain(x, d)}%`);
    }
    case 'percent': {
      const d = digitsFor(splits, step);
      return splits.map((x) => `${plain(x, d)}%`);
    }
    default: {
      // SI prefixes from a thousand up, so 1 500 000 reads 1.5M; small numbers stay plain decimals.
      const si = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
      let k = 0;
      while (k < si.length - 1 && maxAbs >= Math.pow(1000, k + 1)) k++;
      const scale = Math.pow(1000, k);
      const xs = splits.map((v) => v / scale);
      const d = digitsFor(xs, step / scale);
      if (d >= 6 && k === 0) return splits.map((v) => (v === 0 ? '0' : v.toExponential(Math.max(0, digitsFor(splits.map((x) => x / step), 1)))));
      return xs.map((x) => `${plain(x, d)}${si[k]}`);
    }
  }
}
