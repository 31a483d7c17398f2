// Prometheus's model.ParseDuration (1h30m, 5m, 10s53ms, 0): the time notation of promqltest scripts. Returns
// milliseconds, or null when the text is not a duration.
const UNITS: [string, number][] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];
const RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export function parseDurationMs(s: string): number | null {
  if (s === '0') return 0;
  if (s === '') return null;
  const m = RE.exec(s);
  if (!m) return null;
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNITS[i][1];
  return ms;
}
