// Prometheus HTTP API JSON for a query answer, encoded as a sequence of text chunks instead of one object tree and
// one string: a 16 MB matrix never exists whole in memory, and no per-point array or object is built. The bytes are
// Prometheus's: those of JSON.stringify(toPrometheusApiJson(r)) (api-json.ts) except that vector and matrix point
// timestamps keep Go's three millisecond digits ("….230", see apiTimestamp), with serve-api's extra envelope parts
// (a `limit` cut, `stats`, added warnings and infos) in the places its writer put them.
import type { HistogramColumn } from '../../series/histogram';
import { histogramToApiJson } from './api-json';
import { formatApiFloat, formatFloatF } from './format-float';
import type { QueryResult, ResultSeries } from './query';

/** About 64 KiB of text per chunk: large enough to amortise a write, small enough to keep memory flat. */
export const API_JSON_CHUNK_CHARS = 1 << 16;

export interface ApiAnswerParts {
  result: QueryResult;
  /** Warnings and infos of the envelope (omitted when empty); default: the result's own. */
  warnings?: readonly string[];
  infos?: readonly string[];
  /** serve-api's `limit`: only the first `limit` series of a vector or matrix (0 or absent: all). */
  limit?: number;
  /** serve-api's `stats` object, written after `result` inside `data`. */
  stats?: unknown;
}

/** The answer's JSON text, in order, in chunks of about `chunkChars` characters (no trailing newline). */
export function* encodeApiJson(parts: ApiAnswerParts, chunkChars = API_JSON_CHUNK_CHARS): Generator<string, void, undefined> {
  const r = parts.result;
  let buf = `{"status":"success","data":{"resultType":"${r.resultType}","result":`;
  // A range answer's series share the step grid: each timestamp's text is made once, at its position.
  const tsAt: number[] = [];
  const tsText: string[] = [];
  switch (r.resultType) {
    case 'scalar':
      // promql.Scalar marshals itself with FormatFloat 'f' (never 'e'), unlike vector and matrix samples.
      buf += `[${r.timestampMs / 1000},"${formatFloatF(r.value)}"]`;
      break;
    case 'string':
      buf += `[${r.timestampMs / 1000},${JSON.stringify(r.value)}]`;
      break;
    default: {
      const n = parts.limit && parts.limit > 0 ? Math.min(parts.limit, r.series.length) : r.series.length;
      buf += '[';
      for (let k = 0; k < n; k++) {
        const s = r.series[k];
        buf += (k ? ',{"metric":' : '{"metric":') + JSON.stringify(s.labels);
        if (r.resultType === 'vector') buf += vectorPoint(s);
        else {
          // Float points and histogram points are written as two lists; long float runs flush mid-series.
          const hs = s.histograms;
          if (!hs || hasFloat(hs)) {
            buf += ',"values":[';
            const ts = s.timestamps;
            const vs = s.values;
            let first = true;
            for (let i = 0; i < ts.length; i++) {
              if (hs && hs[i]) continue;
              const t = ts[i];
              let text: string;
              if (tsAt[i] === t) text = tsText[i];
              else {
                text = apiTimestamp(t);
                tsAt[i] = t;
                tsText[i] = text;
              }
              buf += (first ? '[' : ',[') + text + ',"' + formatApiFloat(vs[i]) + '"]';
              first = false;
              if (buf.length >= chunkChars) {
                yield buf;
                buf = '';
              }
            }
            buf += ']';
          }
          if (hs && hs.some((h) => h)) buf += ',"histograms":[' + histogramPoints(s.timestamps, hs) + ']';
        }
        buf += '}';
        if (buf.length >= chunkChars) {
          yield buf;
          buf = '';
        }
      }
      buf += ']';
    }
  }
  if (parts.stats !== undefined) buf += ',"stats":' + JSON.stringify(parts.stats);
  buf += '}';
  const warnings = parts.warnings ?? r.warnings;
  const infos = parts.infos ?? r.infos;
  if (warnings.length) buf += ',"warnings":' + JSON.stringify(warnings);
  if (infos.length) buf += ',"infos":' + JSON.stringify(infos);
  yield buf + '}';
}

/** The whole answer as one string (small answers, tests). */
export function apiJsonText(parts: ApiAnswerParts): string {
  let out = '';
  for (const c of encodeApiJson(parts)) out += c;
  return out;
}

/**
 * A sample's timestamp as Prometheus's jsonutil.MarshalTimestamp writes it for vector and matrix points: integer
 * seconds, then a point and the milliseconds as three digits when they are not zero ("1700000000.230", not
 * JS's "1700000000.23"). Scalars and strings are marshalled as a float (float64(t)/1000) and keep JS's form.
 */
export function apiTimestamp(ms: number): string {
  if (!Number.isSafeInteger(ms)) return String(ms / 1000);
  const neg = ms < 0;
  const a = neg ? -ms : ms;
  const frac = a % 1000;
  const whole = (a - frac) / 1000;
  const text = frac === 0 ? String(whole) : whole + (frac < 10 ? '.00' : frac < 100 ? '.0' : '.') + frac;
  return neg ? '-' + text : text;
}

function vectorPoint(s: ResultSeries): string {
  const h = s.histograms?.[0];
  if (h) return `,"histogram":[${apiTimestamp(s.timestamps[0])},${JSON.stringify(histogramToApiJson(h))}]`;
  return `,"value":[${apiTimestamp(s.timestamps[0])},"${formatApiFloat(s.values[0])}"]`;
}

function hasFloat(hs: HistogramColumn): boolean {
  for (let i = 0; i < hs.length; i++) if (!hs[i]) return true;
  return false;
}

function histogramPoints(ts: Float64Array, hs: HistogramColumn): string {
  const out: string[] = [];
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i];
    if (h) out.push(`[${apiTimestamp(ts[i])},${JSON.stringify(histogramToApiJson(h))}]`);
  }
  return out.join(',');
}
