// CSV export: RFC 4180 quoting, both layouts parsed back equal the data, text cells neutralised against formula
// injection while numeric cells (negative numbers, infinities) stay numbers; the zip writer makes valid archives.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFloatF } from '@core/promql/engine/format-float';
import { selectViews, textCell, toCsv, zip } from '@core/export';
import type { EvaluatedResult } from '@shared/api/query-types';
import { csvRecords, parseCsv } from './csv-parse';

const T = 1_700_000_000_000;
const result = (series: { labels: Record<string, string>; ts: number[]; vs: number[] }[]): EvaluatedResult => ({
  resultType: 'matrix',
  series: series.map((s) => ({ labels: s.labels, timestamps: Float64Array.from(s.ts), values: Float64Array.from(s.vs) })),
  warnings: [],
  infos: [],
});

const evil = '=HYPERLINK("http://x","click"),\n"quoted"';
const merged = result([
  { labels: { __name__: 'm', job: 'api', note: evil }, ts: [T, T + 15_000, T + 30_000], vs: [-1.5, Infinity, NaN] },
  { labels: { __name__: 'm', job: '+SUM(A1)', node: '@cmd' }, ts: [T + 15_000], vs: [1e21] },
]);
const nodeA = result([{ labels: { __name__: 'm', job: 'api', note: evil }, ts: [T], vs: [-0.25] }]);

describe('CSV export', () => {
  it('long: one row per sample, labels as columns, parsed back equal to the data', () => {
    const { csv, rows } = toCsv(selectViews(merged, [nodeA, null], ['a', 'b']), 'long');
    expect(csv.endsWith('\r\n')).toBe(true);
    const recs = csvRecords(csv);
    expect(rows).toBe(5);
    expect(Object.keys(recs[0])).toEqual(['node', 'timestamp', 'timestamp_ms', 'value', '__name__', 'job', 'label:node', 'note']);
    expect(recs.map((r) => [r.node, r.timestamp_ms, r.value])).toEqual([
      ['merged', String(T), '-1.5'],
      ['merged', String(T + 15_000), '+Inf'],
      ['merged', String(T + 30_000), 'NaN'],
      ['merged', String(T + 15_000), formatFloatF(1e21)],
      ['a', String(T), '-0.25'],
    ]);
    expect(recs[0].timestamp).toBe('2023-11-14T22:13:20.000Z');
    expect(recs[0].note).toBe(`'${evil}`); // neutralised and still one cell despite comma, quote and newline
    expect(recs[3].job).toBe("'+SUM(A1)");
    expect(recs[3]['label:node']).toBe("'@cmd");
    expect(Number(recs[0].value)).toBe(-1.5); // numbers stay numbers
  });

  it('wide: one row per (node, time), one column per series, empty where a series has no sample', () => {
    const recs = csvRecords(toCsv(selectViews(merged, [nodeA, null], ['a', 'b']), 'wide').csv);
    const cols = Object.keys(recs[0]);
    expect(cols.slice(0, 3)).toEqual(['node', 'timestamp', 'timestamp_ms']);
    expect(cols).toHaveLength(5);
    expect(recs.map((r) => [r.node, r.timestamp_ms, r[cols[3]], r[cols[4]]])).toEqual([
      ['merged', String(T), '-1.5', ''],
      ['merged', String(T + 15_000), '+Inf', formatFloatF(1e21)],
      ['merged', String(T + 30_000), 'NaN', ''],
      ['a', String(T), '-0.25', ''],
    ]);
  });

  it('selects merged only, one node, or explains a bad node name', () => {
    expect(selectViews(merged, [nodeA, null], ['a', 'b'], 'merged').map((v) => v.node)).toEqual(['merged']);
    expect(selectViews(merged, [nodeA, null], ['a', 'b'], 'a').map((v) => v.node)).toEqual(['a']);
    expect(() => selectViews(merged, [nodeA, null], ['a', 'b'], 'b')).toThrow(/did not answer/);
    expect(() => selectViews(merged, [nodeA, null], ['a', 'b'], 'c')).toThrow(/neither "merged" nor one of the nodes \(a, b\)/);
  });

  it('neutralises every formula-starting character in text cells only', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(parseCsv(textCell(`${c}x`) + '\r\n')[0][0]).toBe(`'${c}x`);
    expect(textCell('plain')).toBe('plain');
    expect(textCell('a"b')).toBe('"a""b"');
  });

  it('writes a zip that unzip accepts, byte-identical contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrx-zip-'));
    try {
      const big = new TextEncoder().encode('x,y\r\n'.repeat(10_000));
      const rnd = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
      writeFileSync(join(dir, 'b.zip'), zip([{ name: 'csv/ä.csv', data: big }, { name: 'png/r.png', data: rnd }, { name: 'empty', data: new Uint8Array(0) }]));
      execFileSync('unzip', ['-tq', join(dir, 'b.zip')]);
      expect(execFileSync('unzip', ['-p', join(dir, 'b.zip'), 'csv/ä.csv']).equals(Buffer.from(big))).toBe(true);
      expect(execFileSync('unzip', ['-p', join(dir, 'b.zip'), 'png/r.png']).equals(Buffer.from(rnd))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CSV export: native histograms', () => {
  const h = {
    counterResetHint: 0 as const,
    schema: 0,
    zeroThreshold: 0.001,
    zeroCount: 2,
    count: 14,
    sum: 7.5,
    positiveSpans: Int32Array.of(0, 2),
    positiveBuckets: Float64Array.of(3, 4),
    negativeSpans: Int32Array.of(1, 1),
    negativeBuckets: Float64Array.of(5),
  };
  const withHist: EvaluatedResult = {
    resultType: 'matrix',
    series: [
      { labels: { __name__: 'latency_seconds' }, timestamps: Float64Array.of(T, T + 15_000), values: Float64Array.of(NaN, 42), histograms: [h, null] },
    ],
    warnings: [],
    infos: [],
  };

  it('long: a count row, a sum row and one row per bucket (negative, zero, positive) with bounds and boundary rule', () => {
    const recs = parseCsv(toCsv(selectViews(withHist, undefined, []), 'long').csv);
    expect(recs[0]).toEqual(['node', 'timestamp', 'timestamp_ms', 'value', 'histogram_part', 'bucket_lower', 'bucket_upper', 'bucket_rule', '__name__']);
    expect(recs.slice(1).map((r) => r.slice(2))).toEqual([
      [String(T), '14', 'count', '', '', '', 'latency_seconds'],
      [String(T), '7.5', 'sum', '', '', '', 'latency_seconds'],
      [String(T), '5', 'bucket', '-2', '-1', '1', 'latency_seconds'],
      [String(T), '2', 'bucket', '-0.001', '0.001', '3', 'latency_seconds'],
      [String(T), '3', 'bucket', '0.5', '1', '0', 'latency_seconds'],
      [String(T), '4', 'bucket', '1', '2', '0', 'latency_seconds'],
      [String(T + 15_000), '42', '', '', '', '', 'latency_seconds'],
    ]);
  });

  it('wide: a histogram cell holds the sample in Prometheus’s JSON form', () => {
    const recs = parseCsv(toCsv(selectViews(withHist, undefined, []), 'wide').csv);
    expect(JSON.parse(recs[1][3])).toEqual({
      count: '14',
      sum: '7.5',
      buckets: [
        [1, '-2', '-1', '5'],
        [3, '-0.001', '0.001', '2'],
        [0, '0.5', '1', '3'],
        [0, '1', '2', '4'],
      ],
    });
    expect(recs[2][3]).toBe('42');
  });

  it('float-only exports keep their columns', () => {
    expect(parseCsv(toCsv(selectViews(merged, undefined, []), 'long').csv)[0]).not.toContain('histogram_part');
  });
});
