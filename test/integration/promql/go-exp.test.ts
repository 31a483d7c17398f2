// rrx's Exp (functions/go-exp.ts) against the real Prometheus 2.42 binary, bit for bit: range queries of
// `exp(vector(time() * a + b))` make Prometheus evaluate Exp at every step (11 000 arguments per query, each
// computed by the same float64 arithmetic in the test), over arguments across the whole domain — tiny, ordinary,
// near the overflow bound, in the subnormal tail and underflowing — and `x ^ y` with fractional y (Go's Pow
// calls Exp) and sinh/cosh/tanh the same way. Bounded: a fixed number of queries, each with a deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goExp } from '@core/promql/functions/go-exp';
import { goCosh, goPow, goSinh, goTanh } from '@core/promql/functions/go-math';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { prng } from '../../helpers/series-fixtures';

const POINTS = 11_000;
/** Queries per function family; every query checks POINTS arguments. */
const EXP_QUERIES = Number(process.env.RRX_EXP_QUERIES ?? 40);

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus({ configYaml: 'global:\n  scrape_interval: 15s\n', label: 'exp reference prometheus' });
}, 60_000);
afterAll(async () => prom?.stop());

type Point = [number, string];

async function rangeValues(query: string, startS: number, stepS: number): Promise<Point[]> {
  const params = new URLSearchParams({ query, start: String(startS), end: String(startS + stepS * (POINTS - 1)), step: String(stepS) });
  const r = await fetch(`${prom.baseUrl}/api/v1/query_range`, { method: 'POST', body: params, signal: AbortSignal.timeout(30_000) });
  const body = (await r.json()) as { status: string; error?: string; data: { result: { values: Point[] }[] } };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return body.data.result[0]?.values ?? [];
}

const parseGo = (s: string): number => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));

/** Ask `fn(time() * a + b)` and check every step against f of the same argument computed here. */
async function compare(fnExpr: (arg: string) => string, f: (x: number) => number, a: number, b: number, stepS: number): Promise<{ n: number; bad: string[] }> {
  const startS = 1_000_000_000;
  const arg = `time() * ${a} + ${b}`;
  const values = await rangeValues(fnExpr(arg), startS, stepS);
  const bad: string[] = [];
  for (const [t, v] of values) {
    // time() is the step's millisecond timestamp / 1000, as Prometheus computes it.
    const x = (Math.round(t * 1000) / 1000) * a + b;
    const ours = f(x);
    const theirs = parseGo(v);
    if (!(Object.is(ours, theirs) || (Number.isNaN(ours) && Number.isNaN(theirs)))) bad.push(`x=${x}: ours ${ours} vs ${v}`);
  }
  return { n: values.length, bad };
}

/** Spans [lo, hi] of arguments: one query sweeps `POINTS` arguments linearly from lo (step 1 s). */
function sweep(rnd: () => number, lo: number, hi: number): { a: number; b: number } {
  const from = lo + rnd() * (hi - lo) * 0.5;
  const width = (hi - from) * (0.2 + rnd() * 0.8);
  const a = width / POINTS;
  // b such that the first step (t = 1e9) lands on `from`.
  return { a: Number(a.toPrecision(12)), b: Number((from - 1e9 * Number(a.toPrecision(12))).toPrecision(15)) };
}

describe('Go math.Exp (amd64) against Prometheus 2.42, bit for bit', () => {
  const ranges: [number, number][] = [
    [-1e-6, 1e-6],
    [-1, 1],
    [-20, 20],
    [-700, 700],
    [700, 709.8],
    [-745.2, -700],
    [-0.001, 0.001],
  ];

  it('exp(x) over the whole domain', async () => {
    const rnd = prng(2042);
    let checked = 0;
    const bad: string[] = [];
    for (let q = 0; q < EXP_QUERIES; q++) {
      const [lo, hi] = ranges[q % ranges.length];
      const { a, b } = sweep(rnd, lo, hi);
      const r = await compare((x) => `exp(vector(${x}))`, goExp, a, b, 1);
      checked += r.n;
      bad.push(...r.bad);
    }
    console.log(`exp: ${checked} arguments compared with Prometheus, ${bad.length} differ`);
    expect(checked).toBeGreaterThan(EXP_QUERIES * POINTS * 0.99);
    expect(bad.slice(0, 20)).toEqual([]);
  }, 300_000);

  it('sinh, cosh, tanh and x ^ fractional y', async () => {
    const rnd = prng(1919);
    let checked = 0;
    const bad: string[] = [];
    const cases: [(x: string) => string, (x: number) => number, number, number][] = [
      [(x) => `sinh(vector(${x}))`, goSinh, -30, 30],
      [(x) => `cosh(vector(${x}))`, goCosh, -30, 30],
      [(x) => `tanh(vector(${x}))`, goTanh, -25, 25],
      [(x) => `vector(2.5) ^ (${x})`, (x) => goPow(2.5, x), -900, 900],
      [(x) => `vector(${x}) ^ 1.37`, (x) => goPow(x, 1.37), 0, 1e6],
      [(x) => `vector(${x}) ^ -0.731`, (x) => goPow(x, -0.731), 1e-9, 50],
    ];
    for (let q = 0; q < Math.max(cases.length, EXP_QUERIES / 2); q++) {
      const [expr, f, lo, hi] = cases[q % cases.length];
      const { a, b } = sweep(rnd, lo, hi);
      const r = await compare(expr, f, a, b, 1);
      checked += r.n;
      bad.push(...r.bad);
    }
    console.log(`sinh/cosh/tanh/pow: ${checked} arguments compared with Prometheus, ${bad.length} differ`);
    expect(bad.slice(0, 20)).toEqual([]);
  }, 300_000);
});
