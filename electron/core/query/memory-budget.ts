// The memory budget of a local evaluation: how many bytes rrx may spend holding raw samples before `auto` pushes
// the query down or delegates it. A stand-in owned here until the streaming work (issue 19) takes it over: one
// default, one parser for `--max-memory`, one estimate from series counts.

/** Default budget: 1 GiB of held samples. */
export const DEFAULT_MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/**
 * Bytes one raw sample costs a local evaluation: 16 held per decoded sample (timestamp + value as Float64, measured
 * by the bench: 16.4), and about as much again for its merged copy and the evaluator's windows.
 */
export const BYTES_PER_SAMPLE = 32;

/** Scrape interval assumed when estimating samples per series (the common 15 s; Prometheus's own default is 1m). */
export const ASSUMED_SCRAPE_INTERVAL_MS = 15_000;

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

export interface LocalEstimate {
  /** Series every node would send, summed over nodes and selectors. */
  series: number;
  samples: number;
  bytes: number;
}

/** Samples a local evaluation would pull: series × window ÷ scrape interval (at least one sample per series). */
export function estimateLocal(seriesPerSelector: readonly { series: number; windowMs: number }[], intervalMs = ASSUMED_SCRAPE_INTERVAL_MS): LocalEstimate {
  let series = 0;
  let samples = 0;
  for (const s of seriesPerSelector) {
    series += s.series;
    samples += s.series * Math.max(1, Math.ceil(s.windowMs / intervalMs));
  }
  return { series, samples, bytes: samples * BYTES_PER_SAMPLE };
}
