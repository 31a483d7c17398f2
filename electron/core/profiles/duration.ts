// Prometheus durations (`1m30s`, `500ms`, `2h`, `1y`) ↔ milliseconds, with Prometheus's own grammar and its
// canonical formatting (largest units first; y and w only when exact). Pure.

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/** Milliseconds of a Prometheus duration string. Throws DurationError for anything Prometheus would reject. */
export function parsePromDuration(s: string): number {
  if (s === '0') return 0;
  const m = DURATION.exec(s);
  if (!s || !m) throw new DurationError(`not a valid duration string: ${JSON.stringify(s)}`);
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNITS[i][1];
  if (!Number.isSafeInteger(ms)) throw new DurationError(`duration out of range: ${JSON.stringify(s)}`);
  return ms;
}

/** Prometheus's canonical string for a whole number of milliseconds (`0s` for zero). */
export function formatPromDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new DurationError(`cannot format ${ms} ms as a Prometheus duration`);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of UNITS) {
    if ((unit === 'y' || unit === 'w') && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}
