// Parameter parsing of the query API against Prometheus's own rules (web/api/v1/api.go): times, durations, the
// range checks and their order, match[] sets and the bounded lookup window.
import { describe, expect, it } from 'vitest';
import { ApiError } from '@core/serve-api/api-error';
import { ApiForm } from '@core/serve-api/form';
import { ALL_SERIES, lookupWindow, matchSetsParam, parseMatchSets } from '@core/serve-api/match-params';
import { instantQueryParams, rangeQueryParams } from '@core/serve-api/query-params';
import { MAX_TIME_TEXT, MIN_TIME_TEXT, ParamError, parseApiDuration, parseApiTime } from '@core/serve-api/time-params';

const form = (q: Record<string, string | string[]>, body = ''): ApiForm => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return ApiForm.of(p, body);
};

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('times', () => {
  it('unix seconds with decimals, rounded to the millisecond like math.Modf + Round', () => {
    expect(parseApiTime('1700000000')).toBe(1_700_000_000_000);
    expect(parseApiTime('1700000000.123')).toBe(1_700_000_000_123);
    expect(parseApiTime('1700000000.1235')).toBe(1_700_000_000_124);
    expect(parseApiTime('-1.5')).toBe(-1500);
    expect(parseApiTime('1.7e9')).toBe(1_700_000_000_000);
    expect(parseApiTime('.5')).toBe(500);
  });

  it('RFC 3339 with zone offsets and nanoseconds', () => {
    expect(parseApiTime('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseApiTime('2024-01-02T03:04:05.123456789Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    expect(parseApiTime('2024-01-02T05:04:05+02:00')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('the bounds clients send for "no limit" become ±Infinity', () => {
    expect(parseApiTime(MIN_TIME_TEXT)).toBe(-Infinity);
    expect(parseApiTime(MAX_TIME_TEXT)).toBe(Infinity);
  });

  it('anything else is refused with Prometheus’s sentence', () => {
    for (const bad of ['', 'now', 'yesterday', '2024-01-02', '2024-01-02 03:04:05Z', 'Inf', 'NaN', '1h']) {
      expect(() => parseApiTime(bad), bad).toThrow(new ParamError(`cannot parse ${JSON.stringify(bad)} to a valid timestamp`));
    }
  });
});

describe('durations', () => {
  it('float seconds, truncated like Go’s nanosecond durations', () => {
    expect(parseApiDuration('15')).toBe(15_000);
    expect(parseApiDuration('0.5')).toBe(500);
    // 1.001 s is 1000999999.9999999 ns in float64; Go truncates, and so the step is 1000 ms there too.
    expect(parseApiDuration('1.001')).toBe(1000);
    expect(parseApiDuration('0.0005')).toBe(0);
    expect(parseApiDuration('0')).toBe(0);
    expect(parseApiDuration('-5')).toBe(-5000);
  });

  it('Prometheus durations, units in order y w d h m s ms', () => {
    expect(parseApiDuration('1m30s')).toBe(90_000);
    expect(parseApiDuration('1h')).toBe(3_600_000);
    expect(parseApiDuration('2d')).toBe(172_800_000);
    expect(parseApiDuration('1y')).toBe(31_536_000_000);
    expect(parseApiDuration('250ms')).toBe(250);
  });

  it('refuses empty, out-of-order, unknown units and overflow', () => {
    for (const bad of ['', '30s1m', '1x', 'm', '1.5m', 's']) {
      expect(() => parseApiDuration(bad), bad).toThrow(`cannot parse ${JSON.stringify(bad)} to a valid duration`);
    }
    expect(() => parseApiDuration('1e12')).toThrow('It overflows int64');
  });
});

describe('query and query_range parameters', () => {
  it('instant: time defaults to now; body values win over the URL’s, as Go’s FormValue', () => {
    const p = instantQueryParams(form({ query: 'up' }), 42_000);
    expect(p.frame).toEqual({ startMs: 42_000, endMs: 42_000, stepMs: 0 });
    expect(p.expr).toBe('up');
    const both = instantQueryParams(form({ query: 'from_url', time: '1' }, 'query=from%20body&time=2'), 0);
    expect(both.expr).toBe('from body');
    expect(both.frame.startMs).toBe(2000);
  });

  it('instant: a bad time or timeout is bad_data with Prometheus’s wording', () => {
    expect(apiError(() => instantQueryParams(form({ query: 'up', time: 'x' }), 0)).message).toBe(`invalid parameter "time": Invalid time value for 'time': cannot parse "x" to a valid timestamp`);
    expect(apiError(() => instantQueryParams(form({ query: 'up', timeout: 'soon' }), 0)).message).toBe('invalid parameter "timeout": cannot parse "soon" to a valid duration');
    expect(apiError(() => instantQueryParams(form({ query: 'up', lookback_delta: 'x' }), 0)).message).toBe('error parsing lookback delta duration: cannot parse "x" to a valid duration');
  });

  it('range: timeout, lookback_delta, stats and the rrx extensions', () => {
    const p = rangeQueryParams(form({ query: 'up', start: '0', end: '60', step: '15s', timeout: '2.5', lookback_delta: '1m', stats: 'all', node: 'b', dedup: 'penalty' }));
    expect(p).toEqual({ expr: 'up', frame: { startMs: 0, endMs: 60_000, stepMs: 15_000 }, timeoutMs: 2500, lookbackDeltaMs: 60_000, stats: 'all', limit: 0, node: 'b', strategy: 'penalty' });
    expect(apiError(() => rangeQueryParams(form({ query: 'up', start: '0', end: '60', step: '15', dedup: 'magic' }))).message).toMatch(/^invalid parameter "dedup": must be one of union, penalty/);
  });

  it('range: checks in Prometheus’s order — start, end, end before start, step, step sign, resolution', () => {
    const msg = (q: Record<string, string>): string => apiError(() => rangeQueryParams(form({ query: 'up', ...q }))).message;
    expect(msg({ start: 'a', end: 'b', step: 'c' })).toBe('invalid parameter "start": cannot parse "a" to a valid timestamp');
    expect(msg({ start: '0', end: 'b', step: 'c' })).toBe('invalid parameter "end": cannot parse "b" to a valid timestamp');
    expect(msg({ start: '10', end: '0', step: 'c' })).toBe('invalid parameter "end": end timestamp must not be before start time');
    expect(msg({ start: '0', end: '10', step: 'c' })).toBe('invalid parameter "step": cannot parse "c" to a valid duration');
    expect(msg({ start: '0', end: '10' })).toBe('invalid parameter "step": cannot parse "" to a valid duration');
    expect(msg({ start: '0', end: '10', step: '0' })).toBe('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
    expect(msg({ start: '0', end: '11001', step: '1' })).toBe('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  });

  it('limit: a non-negative integer, parsed first (Prometheus 3)', () => {
    expect(instantQueryParams(form({ query: 'up', limit: '5' }), 0).limit).toBe(5);
    expect(apiError(() => rangeQueryParams(form({ limit: 'x', start: 'bad' }))).message).toBe('invalid parameter "limit": strconv.Atoi: parsing "x": invalid syntax');
    expect(apiError(() => instantQueryParams(form({ limit: '-1' }), 0)).message).toBe('invalid parameter "limit": limit must be non-negative');
  });

  it('range: the 11,000-point limit divides like Go’s integer durations', () => {
    expect(rangeQueryParams(form({ query: 'up', start: '0', end: '11000', step: '1' })).frame.endMs).toBe(11_000_000);
    expect(rangeQueryParams(form({ query: 'up', start: '0', end: '11000.5', step: '1' })).frame.endMs).toBe(11_000_500);
  });
});

describe('match[] and the lookup window', () => {
  it('one matcher set per match[], in order', () => {
    expect(parseMatchSets(['up', '{job="node",__name__=~"node_.*"}'])).toEqual([
      [{ type: '=', name: '__name__', value: 'up' }],
      [
        { type: '=', name: 'job', value: 'node' },
        { type: '=~', name: '__name__', value: 'node_.*' },
      ],
    ]);
    expect(ALL_SERIES).toEqual([{ type: '=~', name: '__name__', value: '.+' }]);
  });

  it('refuses sets whose every matcher matches the empty string, and non-selectors', () => {
    // The parser itself refuses a selector of empty-matching matchers, as Prometheus's does.
    expect(() => parseMatchSets(['{job=~".*"}'])).toThrow('1:1: parse error: vector selector must contain at least one non-empty matcher');
    expect(() => parseMatchSets(['up', '{job=""}'])).toThrow('must contain at least one non-empty matcher');
    expect(() => parseMatchSets(['sum(up)'])).toThrow('is not a series selector');
    expect(apiError(() => matchSetsParam(form({ 'match[]': 'up{' }), true)).message).toMatch(/^invalid parameter "match\[\]": 1:\d+: parse error/);
    expect(apiError(() => matchSetsParam(form({ 'match[]': 'up{' }), false)).message).toMatch(/^1:\d+: parse error/);
  });

  it('repeated match[] from body and URL are all kept', () => {
    expect(form({ 'match[]': ['a', 'b'] }, 'match%5B%5D=c').all('match[]')).toEqual(['c', 'a', 'b']);
  });

  it('no start/end: the last hour before now, with a warning; short windows pass unchanged', () => {
    const now = 10 * 3_600_000;
    expect(lookupWindow(form({}), now)).toEqual({ startMs: now - 3_600_000, endMs: now, clipped: expect.stringContaining('an open window was limited to the 1h before its end') });
    expect(lookupWindow(form({ start: '100', end: '200' }), now)).toEqual({ startMs: 100_000, endMs: 200_000 });
    expect(lookupWindow(form({ start: MIN_TIME_TEXT, end: MAX_TIME_TEXT }), now)).toMatchObject({ startMs: now - 3_600_000, endMs: now });
    // promtool's defaults: Prometheus's min and max time as unix seconds; an end after now means now.
    expect(lookupWindow(form({ start: '-9223309901257974', end: '9223309901257975' }), now)).toEqual({
      startMs: now - 3_600_000,
      endMs: now,
      clipped: expect.stringContaining('an open window was limited'),
    });
    expect(lookupWindow(form({ start: String(now / 1000 - 60), end: String(now / 1000 + 3600) }), now)).toEqual({ startMs: now - 60_000, endMs: now });
    expect(lookupWindow(form({ start: String(now / 1000 + 60), end: String(now / 1000 + 120) }), now)).toEqual({ startMs: now + 60_000, endMs: now + 60_000 });
    expect(lookupWindow(form({ start: '0', end: '7200' }), now, 1_800_000)).toEqual({
      startMs: 5_400_000,
      endMs: 7_200_000,
      clipped: expect.stringContaining('the requested window was limited to the 30m before its end'),
    });
    expect(apiError(() => lookupWindow(form({ start: 'x' }), now)).message).toBe(`invalid parameter "start": Invalid time value for 'start': cannot parse "x" to a valid timestamp`);
  });
});
