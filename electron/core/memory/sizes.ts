// How many bytes held samples cost, how memory sizes are written and read ("512MiB"), and the budgets' defaults
// sized to the machine. Pure: no state, nothing from other core folders but the histogram type.
import os from 'node:os';
import v8 from 'node:v8';
import type { FloatHistogram } from '@core/series/histogram';

/**
 * Bytes one raw float sample costs a local evaluation: 16 held per decoded sample (timestamp + value as Float64,
 * measured by the bench: 16.4), and about as much again for its merged copy and the evaluator's windows. The same
 * constant prices `auto`'s estimate and the charges at decode, so a query auto keeps local fits the budget.
 */
export const BYTES_PER_SAMPLE = 32;

/** Ceiling of the per-query default: 1 GiB of held samples (auto's threshold before budgets were sized). */
export const DEFAULT_MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/** Never default a budget below this, however small the machine: a few hundred thousand series-hours. */
const MIN_DEFAULT_BYTES = 256 * 1024 * 1024;

/**
 * Bytes a decoded native histogram holds beyond its sample slot: the object (~11 fields), its typed arrays'
 * headers, and 8 bytes a bucket, 4 a span number. Estimated as V8 lays them out on 64-bit; exact enough to budget.
 */
export function histogramBytes(h: FloatHistogram): number {
  const arrays = 4 + (h.customValues ? 1 : 0);
  return (
    96 +
    arrays * 72 +
    8 * (h.positiveBuckets.length + h.negativeBuckets.length + (h.customValues?.length ?? 0)) +
    4 * (h.positiveSpans.length + h.negativeSpans.length)
  );
}

export interface MachineMemory {
  totalBytes: number;
  heapLimitBytes: number;
}

export function machineMemory(): MachineMemory {
  return { totalBytes: os.totalmem(), heapLimitBytes: v8.getHeapStatistics().heap_size_limit };
}

/**
 * The process budget by default (the sum over the queries running at once in the app or serve-api): a quarter of
 * the machine's RAM, and at most twice V8's heap limit (samples live in typed arrays outside the heap, but their
 * label objects, histograms and the evaluator's vectors inside it), never below 256 MiB.
 */
export function defaultProcessBudgetBytes(m: MachineMemory = machineMemory()): number {
  return Math.max(MIN_DEFAULT_BYTES, Math.floor(Math.min(m.totalBytes / 4, 2 * m.heapLimitBytes)));
}

/** The per-query budget by default: the process budget, at most 1 GiB. */
export function defaultQueryBudgetBytes(m: MachineMemory = machineMemory()): number {
  return Math.min(DEFAULT_MAX_MEMORY_BYTES, defaultProcessBudgetBytes(m));
}

export class MemorySizeError extends Error {
  override readonly name = 'MemorySizeError';
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** "512MiB", "2GB", "1e9" → bytes. */
export function parseMemorySize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new MemorySizeError(`"${text}" is not a memory size such as 512MiB or 2GB`);
  const bytes = Number(m[1]) * unit;
  if (!(bytes > 0)) throw new MemorySizeError(`a memory size must be positive, got "${text}"`);
  return Math.round(bytes);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** 38 123 456 → "38 M", 91 000 → "91 k": sample counts in sentences. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)} G`;
  if (n >= 1e6) return `${trim(n / 1e6)} M`;
  if (n >= 1e4) return `${trim(n / 1e3)} k`;
  return String(n);
}

function trim(v: number): string {
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
}
