// Values that start with "-" after the time-frame and PromQL flags are values, not options.
import { describe, expect, it } from 'vitest';
import { attachDashValues } from '@core/cli/dash-values';

describe('attachDashValues', () => {
  it('joins --step/--start/--end/--time/--query-timeout with a dash value', () => {
    expect(attachDashValues(['--step', '-5s', '--start', '-60', '--end', 'now', '--time', '-1'])).toEqual(['--step=-5s', '--start=-60', '--end', 'now', '--time=-1']);
    expect(attachDashValues(['--query-timeout', '-1s'])).toEqual(['--query-timeout=-1s']);
  });
  it('leaves other flags, flags at the end, "--" and --flag=value alone', () => {
    expect(attachDashValues(['--format', '-x', '--step'])).toEqual(['--format', '-x', '--step']);
    expect(attachDashValues(['--expr', '-up', '--step'])).toEqual(['--expr=-up', '--step']);
    expect(attachDashValues(['--step', '--', '--end=-5'])).toEqual(['--step', '--', '--end=-5']);
    expect(attachDashValues(['--step', '--format', 'json'])).toEqual(['--step', '--format', 'json']);
  });
});
