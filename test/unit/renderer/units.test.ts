import { describe, expect, it } from 'vitest';
import { formatTicks, formatValue, inferUnit } from '../../../renderer/src/lib/graph/units';

describe('units', () => {
  it('infers the unit from metric-name suffixes', () => {
    expect(inferUnit('node_memory_MemAvailable_bytes')).toBe('bytes');
    expect(inferUnit('rate(node_network_receive_bytes_total[5m])')).toBe('bytes/s');
    expect(inferUnit('histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m]))')).toBe('none');
    expect(inferUnit('process_cpu_seconds_total')).toBe('seconds');
    expect(inferUnit('rate(node_cpu_seconds_total[5m])')).toBe('none');
    expect(inferUnit('scrape_duration_seconds')).toBe('seconds');
    expect(inferUnit('cache_hit_ratio')).toBe('ratio');
    expect(inferUnit('up')).toBe('none');
    expect(inferUnit('a_bytes / b_bytes')).toBe('none');
    expect(inferUnit('count(a_bytes)')).toBe('none');
    expect(inferUnit('a_bytes + b_seconds')).toBe('none');
  });
  it('formats bytes in binary units', () => {
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(3 * 1024 ** 3, 'bytes')).toBe('3 GiB');
    expect(formatValue(2048, 'bytes/s')).toBe('2 KiB/s');
  });
  it('formats seconds from ns to days', () => {
    expect(formatValue(0.0005, 'seconds')).toBe('500µs');
    expect(formatValue(0.25, 'seconds')).toBe('250ms');
    expect(formatValue(90, 'seconds')).toBe('1.5m');
    expect(formatValue(172800, 'seconds')).toBe('2d');
    expect(formatValue(0, 'seconds')).toBe('0s');
  });
  it('formats ratios and percents', () => {
    expect(formatValue(0.125, 'ratio')).toBe('12.5%');
    expect(formatValue(55, 'percent')).toBe('55%');
  });
  it('plain numbers use SI and keep tiny values readable', () => {
    expect(formatValue(1500, 'none')).toBe('1.5k');
    expect(formatValue(2_000_000, 'none')).toBe('2M');
    expect(formatValue(0.5, 'none')).toBe('0.5');
    expect(formatValue(0.00012, 'none')).toBe('1.20e-4');
    expect(formatValue(-1500, 'none')).toBe('-1.5k');
  });
  it('spells special values', () => {
    expect(formatValue(null, 'none')).toBe('—');
    expect(formatValue(NaN, 'bytes')).toBe('NaN');
    expect(formatValue(Infinity, 'none')).toBe('+Inf');
  });
  it('tick labels gain digits until neighbours differ', () => {
    const t = 1024 ** 4;
    expect(formatTicks([17.3 * t, 17.301 * t, 17.302 * t], 'bytes')).toEqual(['17.3 TiB', '17.301 TiB', '17.302 TiB']);
    expect(formatTicks([0, 1024, 2048], 'bytes')).toEqual(['0 B', '1 KiB', '2 KiB']);
  });
});
