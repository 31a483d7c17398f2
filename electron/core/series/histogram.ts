// Native histogram samples as the core holds them (shared by the remote_read decoders, the merge, the engine,
// the workspace codec and the API encoders). One object per *sample*, never per bucket: spans and bucket counts
// are typed arrays. Integer histograms from HISTOGRAM chunks are converted to this float form on decode (PromQL
// only ever evaluates float histograms, as Prometheus does).

/** Prometheus's CounterResetHint (model/histogram): what the producer knew about counter resets. */
export const CounterResetHint = { Unknown: 0, CounterReset: 1, NotCounterReset: 2, Gauge: 3 } as const;
export type CounterResetHint = (typeof CounterResetHint)[keyof typeof CounterResetHint];

/**
 * A float histogram with absolute bucket counts (not deltas). Spans are [offset, length] pairs flattened into one
 * Int32Array, as Prometheus's `[]Span` (the first offset is relative to index 0, later ones to the previous span's
 * end). `customValues` holds the upper bounds of a custom-buckets histogram (schema -53) and is absent otherwise.
 */
export interface FloatHistogram {
  counterResetHint: CounterResetHint;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  count: number;
  sum: number;
  positiveSpans: Int32Array;
  positiveBuckets: Float64Array;
  negativeSpans: Int32Array;
  negativeBuckets: Float64Array;
  customValues?: Float64Array;
}

/**
 * Histogram samples of a series, aligned with its `timestamps`: `histograms[i]` is the histogram at timestamps[i],
 * or null where that sample is a float (then values[i] holds it). A series with no histogram samples leaves the
 * field undefined, so float-only hot paths never look at it. Where histograms[i] is set, values[i] is NaN and
 * must not be read as a float.
 */
export type HistogramColumn = ReadonlyArray<FloatHistogram | null>;

export const CUSTOM_BUCKETS_SCHEMA = -53;
