import { describe, expect, it } from 'vitest';
import type { Finding } from '@shared/api/query-types';
import { csvField, CSV_HEADER, csvFileName, findingLabels, findingsCsv, formatCoveredBy, formatFindingDuration, neutraliseCell, sortFindings } from '../../../../renderer/src/lib/compare/findings';

const f = (p: Partial<Finding>): Finding => ({
  kind: 'gap',
  severity: 'low',
  node: 'b',
  labels: { __name__: 'up', job: 'node' },
  startMs: 1_000_000,
  endMs: 1_240_000,
  durationMs: 240_000,
  coveredBy: ['a'],
  detail: 'b: no samples for 4 min',
  ...p,
});

describe('sortFindings', () => {
  it('puts high before medium before low, then earliest, then longest', () => {
    const xs = [f({ severity: 'low', startMs: 1 }), f({ severity: 'high', startMs: 5 }), f({ severity: 'medium', startMs: 2 }), f({ severity: 'high', startMs: 3, durationMs: 1 }), f({ severity: 'high', startMs: 3, durationMs: 9 })];
    const s = sortFindings(xs);
    expect(s.map((x) => [x.severity, x.startMs, x.durationMs])).toEqual([
      ['high', 3, 9],
      ['high', 3, 1],
      ['high', 5, 240_000],
      ['medium', 2, 240_000],
      ['low', 1, 240_000],
    ]);
    expect(xs[0].severity).toBe('low'); // input untouched
  });
});

describe('formatting', () => {
  it('durations in whole seconds, instants as "instant"', () => {
    expect(formatFindingDuration(254_999)).toBe('4m15s');
    expect(formatFindingDuration(240_000)).toBe('4m');
    expect(formatFindingDuration(450)).toBe('450ms');
    expect(formatFindingDuration(0)).toBe('instant');
  });
  it('labels, or "(all series)" for node-wide findings; covered-by', () => {
    expect(findingLabels(f({}))).toBe('up{job="node"}');
    expect(findingLabels(f({ labels: {} }))).toBe('(all series)');
    expect(formatCoveredBy([])).toBe('nobody');
    expect(formatCoveredBy(['a', 'c'])).toBe('a, c');
  });
});

describe('CSV', () => {
  it('neutralises formula-like cells with a leading quote', () => {
    for (const v of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx']) expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(neutraliseCell('a=b')).toBe('a=b');
  });
  it('quotes fields with quotes, commas and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1,2')).toBe('"\'=1,2"');
  });
  it('writes a header and one CRLF-terminated row per finding, sorted, times in ISO UTC', () => {
    const csv = findingsCsv([f({ severity: 'low' }), f({ kind: 'reset', severity: 'medium', durationMs: 0, endMs: 1_000_000, detail: '=HYPERLINK("x")' })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[1].startsWith('reset,medium,b,')).toBe(true);
    expect(lines[1]).toContain('"\'=HYPERLINK(""x"")"');
    expect(lines[2]).toBe('gap,low,b,"up{job=""node""}",1970-01-01T00:16:40.000Z,1970-01-01T00:20:40.000Z,240,a,b: no samples for 4 min');
    expect(lines[3]).toBe('');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('names the file after the expression', () => {
    expect(csvFileName('rate(up{job="x"}[5m])', 0)).toBe('rrx-findings-rate_up_job_x_5m-1970-01-01T00-00-00-000Z.csv');
    expect(csvFileName('!!', 0)).toMatch(/^rrx-findings-query-/);
  });
});
