// The --read-max-* flags: per-read limits of remote_read (samples, bytes received, bytes decompressed, frame size),
// shared by every command that reads. Errors that hit a limit name the flag that raises it.
import { LIMIT_NAMES, type ReadLimits } from '@core/remote-read/limits';
import { UsageError } from './command';

export const READ_LIMIT_OPTIONS = {
  'read-max-samples': { type: 'string' },
  'read-max-bytes': { type: 'string' },
  'read-max-decompressed-bytes': { type: 'string' },
  'read-max-frame-bytes': { type: 'string' },
} as const satisfies Record<(typeof LIMIT_NAMES)[keyof typeof LIMIT_NAMES], { type: 'string' }>;

export const READ_LIMIT_USAGE = `Read limits (per node and read; a read that crosses one fails naming it):
  --read-max-samples N               samples (default 50000000)
  --read-max-bytes SIZE              response bytes as received (default 1GiB)
  --read-max-decompressed-bytes SIZE decompressed SAMPLES response (default 512MiB)
  --read-max-frame-bytes SIZE        one frame of a streamed response (default 50MB)
  SIZE is bytes, or a number with KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)`;

export type ReadLimitFlagValues = { [K in (typeof LIMIT_NAMES)[keyof typeof LIMIT_NAMES]]?: string };

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A byte size flag value: bytes, or a number with KB/MB/GB or KiB/MiB/GiB. */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const n = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive size such as 64MiB or 100000000, got "${text}"`);
  return n;
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
    throw new UsageError(`--${flag} must be a positive integer, got "${text}"`);
  }
  return Number(text);
}

/** The limits given on the command line (only those given); undefined when none was. */
export function readLimitsFromFlags(v: ReadLimitFlagValues): Partial<ReadLimits> | undefined {
  const out: Partial<ReadLimits> = {};
  for (const key of Object.keys(LIMIT_NAMES) as (keyof ReadLimits)[]) {
    const flag = LIMIT_NAMES[key];
    const text = v[flag];
    if (text === undefined) continue;
    out[key] = key === 'maxSamples' ? parseCount(text, flag) : parseSize(text, flag);
  }
  return Object.keys(out).length ? out : undefined;
}
