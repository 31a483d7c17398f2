// The Prometheus HTTP API's query answer (`{"status","data":{"resultType","result"},"warnings","infos"}`) decoded
// into the contract's EvaluatedResult on typed arrays. Strict: a malformed answer is a decode error, not a guess.
import type { EvaluatedResult, ResultSeries } from '@shared/api/query-types';

export class ApiDecodeError extends Error {
  override readonly name = 'ApiDecodeError';
}

/** Prometheus writes values as strings: numbers, "NaN", "+Inf", "-Inf". */
export function parseSampleValue(v: unknown): number {
  if (typeof v !== 'string') throw new ApiDecodeError(`a sample value is ${typeof v}, not a string`);
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (v === 'NaN') return NaN;
  const n = Number(v);
  if (Number.isNaN(n) || v.trim() === '') throw new ApiDecodeError(`"${v.slice(0, 40)}" is not a sample value`);
  return n;
}

function timeMs(t: unknown): number {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new ApiDecodeError('a sample timestamp is not a number');
  return Math.round(t * 1000);
}

function labelsOf(m: unknown): Record<string, string> {
  if (!m || typeof m !== 'object') throw new ApiDecodeError('a series has no "metric" object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') throw new ApiDecodeError(`label ${k} is not a string`);
    out[k] = v;
  }
  return out;
}

function points(list: unknown): { timestamps: Float64Array; values: Float64Array } {
  if (!Array.isArray(list)) throw new ApiDecodeError('"values" is not a list');
  const timestamps = new Float64Array(list.length);
  const values = new Float64Array(list.length);
  list.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw new ApiDecodeError('a sample is not a [time, value] pair');
    timestamps[i] = timeMs(p[0]);
    values[i] = parseSampleValue(p[1]);
  });
  return { timestamps, values };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Decode a successful query or query_range answer. Native-histogram samples are dropped with a warning. */
export function decodeQueryAnswer(json: unknown): EvaluatedResult {
  const o = json as { status?: unknown; data?: { resultType?: unknown; result?: unknown }; warnings?: unknown; infos?: unknown };
  if (!o || typeof o !== 'object' || o.status !== 'success' || !o.data || typeof o.data !== 'object') {
    throw new ApiDecodeError('the answer is not a successful Prometheus API response');
  }
  const warnings = strings(o.warnings);
  const infos = strings(o.infos);
  const { resultType, result } = o.data;
  let histograms = 0;
  switch (resultType) {
    case 'matrix':
    case 'vector': {
      if (!Array.isArray(result)) throw new ApiDecodeError('"result" is not a list');
      const series: ResultSeries[] = [];
      for (const r of result as Record<string, unknown>[]) {
        if (resultType === 'matrix') {
          const labels = labelsOf(r.metric);
          if (r.histograms !== undefined) histograms++;
          if (r.values === undefined && r.histograms === undefined) throw new ApiDecodeError('a matrix series has no "values"');
          const p = points(r.values ?? []);
          if (p.timestamps.length) series.push({ labels, ...p });
        } else {
          if (r.histogram !== undefined) {
            histograms++;
            continue;
          }
          series.push({ labels: labelsOf(r.metric), ...points([r.value]) });
        }
      }
      if (histograms) warnings.push(`${histograms} native histogram series in the engine's answer are not shown (rrx does not evaluate native histograms)`);
      return { resultType, series, warnings, infos };
    }
    case 'scalar': {
      const p = points([result]);
      return { resultType: 'scalar', series: [{ labels: {}, ...p }], warnings, infos };
    }
    case 'string': {
      if (!Array.isArray(result) || result.length !== 2 || typeof result[1] !== 'string') throw new ApiDecodeError('a string result is not [time, "text"]');
      return { resultType: 'string', series: [], stringValue: result[1], warnings, infos };
    }
    default:
      throw new ApiDecodeError(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}

/** Decode a /api/v1/series answer: the label sets. */
export function decodeSeriesAnswer(json: unknown): Record<string, string>[] {
  const o = json as { status?: unknown; data?: unknown };
  if (!o || typeof o !== 'object' || o.status !== 'success' || !Array.isArray(o.data)) throw new ApiDecodeError('the answer is not a successful /api/v1/series response');
  return o.data.map(labelsOf);
}
