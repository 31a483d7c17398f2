// Times and durations as the Prometheus HTTP API accepts them (api.go parseTime/parseDuration): unix seconds with
// decimals (rounded to the millisecond) or RFC 3339; durations as float seconds or Prometheus durations ("1m30s").
// Pure; the error texts are Prometheus's, so clients see the same sentences.

/** The bounds Prometheus clients send for "no limit" (api.go minTimeFormatted / maxTimeFormatted). */
export const MIN_TIME_TEXT = '-292273086-05-16T16:47:06Z';
export const MAX_TIME_TEXT = '292277025-08-18T07:12:54.999999999Z';

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// model.ParseDuration: units in this order, each at most once.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
/** Go's time.Duration limit (int64 nanoseconds), in ms. */
const MAX_DURATION_MS = 9_223_372_036_854;

export class ParamError extends Error {
  override readonly name = 'ParamError';
}

/**
 * Unix ms of a time parameter. The "no limit" bounds come back as -Infinity / +Infinity so callers can apply
 * their own bounded default instead of a year-292-million window.
 */
export function parseApiTime(text: string): number {
  if (FLOAT.test(text)) {
    const t = Number(text);
    if (Number.isFinite(t)) {
      // math.Modf then rounding the fraction to milliseconds, as api.go does.
      const whole = Math.trunc(t);
      return whole * 1000 + Math.round((t - whole) * 1000);
    }
  }
  if (RFC3339.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  if (text === MIN_TIME_TEXT) return -Infinity;
  if (text === MAX_TIME_TEXT) return Infinity;
  throw new ParamError(`cannot parse ${JSON.stringify(text)} to a valid timestamp`);
}

/** Milliseconds of a duration parameter (truncated like Go's nanosecond Duration is when turned into ms). */
export function parseApiDuration(text: string): number {
  if (FLOAT.test(text)) {
    const d = Number(text);
    if (Math.abs(d * 1000) > MAX_DURATION_MS) throw new ParamError(`cannot parse ${JSON.stringify(text)} to a valid duration. It overflows int64`);
    return Math.trunc(Math.trunc(d * 1e9) / 1e6);
  }
  const m = text === '' ? null : DURATION.exec(text);
  if (m && m.slice(1).some((x) => x !== undefined)) {
    let ms = 0;
    m.slice(1).forEach((x, i) => (ms += x === undefined ? 0 : Number(x) * UNIT_MS[i]));
    if (ms <= MAX_DURATION_MS) return ms;
  }
  throw new ParamError(`cannot parse ${JSON.stringify(text)} to a valid duration`);
}
