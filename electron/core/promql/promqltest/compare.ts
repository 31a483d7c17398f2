// Checks one eval's outcome against its expectations (result values, ordering, annotations, errors) with the
// same rules and tolerance as Prometheus's promqltest; returns a failure description or null.
import { labelsKey } from '../../series/labels';
import { almostEqual } from '../functions/almost-equal';
import type { QueryResult, ResultSeries } from '../engine/query';
import { labelsString } from '../engine/labels-ops';
import type { EvalCmd, Expectation } from './script';
import type { SequenceValue } from './series-desc';
import { compareLabels } from '../../series/labels';
import { histogramsMatch, histogramText } from './compare-histogram';

const EPSILON = 0.000001;

function check(e: Expectation, s: string): boolean {
  return e.regex ? e.regex.test(s) : e.message === s;
}

function show(e: Expectation): string {
  return e.regex ? `pattern ${String(e.regex)}` : `message ${JSON.stringify(e.message)}`;
}

export function checkFailure(cmd: EvalCmd, message: string): string | null {
  if (cmd.expectedFailMessage !== undefined && cmd.expectedFailMessage !== message)
    return `expected error ${JSON.stringify(cmd.expectedFailMessage)}, but got: ${message}`;
  if (cmd.expectedFailRegexp && !cmd.expectedFailRegexp.test(message))
    return `expected error matching ${String(cmd.expectedFailRegexp)}, but got: ${message}`;
  const f = cmd.expects.get('fail');
  if (f && f.length > 0 && !check(f[0], message)) return `expected error matching ${show(f[0])}, but got: ${message}`;
  return null;
}

function checkAnnotationsOfType(expected: Expectation[] | undefined, actual: string[], kind: string): string | null {
  if (!expected || expected.length === 0) return null;
  if (actual.length === 0) return `expected ${kind} annotations but none were found`;
  for (const e of expected)
    if (!actual.some((a) => check(e, a))) return `expected ${kind} annotation matching ${show(e)} but found: ${JSON.stringify(actual)}`;
  for (const a of actual) if (!expected.some((e) => check(e, a))) return `unexpected ${kind} annotation ${JSON.stringify(a)}`;
  return null;
}

export function checkAnnotations(cmd: EvalCmd, warnings: string[], infos: string[]): string | null {
  if (cmd.warn && warnings.length === 0) return 'expected warnings but got none';
  if (cmd.info && infos.length === 0) return 'expected info annotations but got none';
  return (
    checkAnnotationsOfType(cmd.expects.get('warn'), warnings, 'warn') ??
    checkAnnotationsOfType(cmd.expects.get('info'), infos, 'info') ??
    (cmd.expects.has('no_warn') && warnings.length > 0 ? `unexpected warning annotations: ${JSON.stringify(warnings)}` : null) ??
    (cmd.expects.has('no_info') && infos.length > 0 ? `unexpected info annotations: ${JSON.stringify(infos)}` : null)
  );
}

function isOrdered(cmd: EvalCmd): boolean {
  return cmd.ordered || (cmd.expects.get('ordered')?.length ?? 0) > 0;
}

function fmtPoint(s: ResultSeries, i: number): string {
  const h = s.histograms?.[i];
  return h ? histogramText(h) : String(s.values[i]);
}

function fmtSeries(s: ResultSeries): string {
  return Array.from(s.timestamps, (t, i) => `${fmtPoint(s, i)} @[${t}]`).join(', ');
}

/** Compare a result with the expected values; `r` may be a vector rebuilt from a range query's middle step. */
export function compareResult(cmd: EvalCmd, r: QueryResult): string | null {
  const expected = new Map(cmd.expected.map((e) => [labelsKey(e.labels), e]));
  switch (r.resultType) {
    case 'matrix': {
      if (isOrdered(cmd)) return 'expected ordered result, but query returned a matrix';
      if (cmd.expectScalar) return 'expected scalar result, but got matrix';
      for (let i = 1; i < r.series.length; i++)
        if (compareLabels(r.series[i - 1].labels, r.series[i].labels) > 0) return 'matrix results should always be sorted by labels';
      const seen = new Set<string>();
      for (const s of r.series) {
        const key = labelsKey(s.labels);
        const exp = expected.get(key);
        if (!exp) return `unexpected metric ${labelsString(s.labels)} in result, has ${fmtSeries(s)}`;
        seen.add(key);
        const wantF: [number, number][] = [];
        const wantH: [number, SequenceValue][] = [];
        for (let i = 0; i < exp.values.length; i++) {
          const t = cmd.startMs + i * cmd.stepMs;
          if (t > cmd.endMs) return `expected ${exp.values.length} points for ${labelsString(exp.labels)}, but query time range cannot return this many points`;
          const v = exp.values[i];
          if (v.omitted) continue;
          if (v.histogram) wantH.push([t, v]);
          else wantF.push([t, v.value]);
        }
        const gotF: number[] = [];
        const gotH: number[] = [];
        for (let i = 0; i < s.timestamps.length; i++) (s.histograms?.[i] ? gotH : gotF).push(i);
        if (wantF.length !== gotF.length || wantH.length !== gotH.length)
          return `expected ${wantF.length} float points and ${wantH.length} histogram points for ${labelsString(exp.labels)}, but got ${fmtSeries(s)}`;
        for (let k = 0; k < wantF.length; k++) {
          const i = gotF[k];
          if (wantF[k][0] !== s.timestamps[i])
            return `expected float value at index ${k} for ${labelsString(exp.labels)} to have timestamp ${wantF[k][0]}, but it had timestamp ${s.timestamps[i]} (result has ${fmtSeries(s)})`;
          if (!almostEqual(s.values[i], wantF[k][1], EPSILON))
            return `expected float value at index ${k} (t=${s.timestamps[i]}) for ${labelsString(exp.labels)} to be ${wantF[k][1]}, but got ${s.values[i]} (result has ${fmtSeries(s)})`;
        }
        for (let k = 0; k < wantH.length; k++) {
          const i = gotH[k];
          const e = wantH[k][1];
          if (wantH[k][0] !== s.timestamps[i])
            return `expected histogram value at index ${k} for ${labelsString(exp.labels)} to have timestamp ${wantH[k][0]}, but it had timestamp ${s.timestamps[i]} (result has ${fmtSeries(s)})`;
          if (!histogramsMatch(e.h!, s.histograms![i]!, e.hintSet === true))
            return `expected histogram value at index ${k} (t=${s.timestamps[i]}) for ${labelsString(exp.labels)} to be ${histogramText(e.h!)}, but got ${fmtPoint(s, i)} (result has ${fmtSeries(s)})`;
        }
      }
      for (const [k, e] of expected) if (!seen.has(k)) return `expected metric ${labelsString(e.labels)} not found`;
      return null;
    }
    case 'vector': {
      if (cmd.expectScalar) return `expected scalar result, but got vector ${r.series.map((s) => labelsString(s.labels)).join(', ')}`;
      const seen = new Set<string>();
      for (let pos = 0; pos < r.series.length; pos++) {
        const s = r.series[pos];
        const key = labelsKey(s.labels);
        const exp = expected.get(key);
        if (!exp) return `unexpected metric ${labelsString(s.labels)} in result, has value ${fmtPoint(s, 0)}`;
        if (isOrdered(cmd) && exp.pos !== pos + 1)
          return `expected metric ${labelsString(s.labels)} at position ${exp.pos} but was at ${pos + 1}`;
        const v0 = exp.values[0];
        const h0 = s.histograms?.[0] ?? null;
        if (v0.histogram && !h0) return `expected histogram ${histogramText(v0.h!)} for ${labelsString(s.labels)} but got float value ${s.values[0]}`;
        if (!v0.histogram && h0) return `expected float value ${v0.value} for ${labelsString(s.labels)} but got histogram ${histogramText(h0)}`;
        if (h0) {
          if (!histogramsMatch(v0.h!, h0, v0.hintSet === true)) return `expected ${histogramText(v0.h!)} for ${labelsString(s.labels)} but got ${histogramText(h0)}`;
        } else if (!almostEqual(v0.value, s.values[0], EPSILON)) return `expected ${v0.value} for ${labelsString(s.labels)} but got ${s.values[0]}`;
        seen.add(key);
      }
      for (const [k, e] of expected) if (!seen.has(k)) return `expected metric ${labelsString(e.labels)} not found`;
      return null;
    }
    case 'scalar':
      if (!cmd.expectScalar) return `expected vector or matrix result, but got scalar ${r.value}`;
      if (!almostEqual(cmd.scalar!, r.value, EPSILON)) return `expected scalar ${cmd.scalar} but got ${r.value}`;
      return null;
    case 'string':
      if (cmd.expectedString !== r.value) return `expected string "${cmd.expectedString}" but got "${r.value}"`;
      return null;
  }
}
