// The annotation texts Prometheus emits around native histograms (util/annotations), built in one place so every
// evaluator module words them identically.
import { goQuote } from './annotations';

export type HistogramOperation = 'addition' | 'subtraction' | 'aggregation';

function withMetric(text: string, metric: string): string {
  return metric === '' ? text : `${text} for metric name ${goQuote(metric)}`;
}

export const histogramTexts = {
  mixedFloatsHistograms: (metric: string): string => `encountered a mix of histograms and floats for metric name ${goQuote(metric)}`,
  mixedFloatsHistogramsAgg: (): string => 'encountered a mix of histograms and floats for aggregation',
  notCounter: (metric: string): string => `this native histogram metric is not a counter: ${goQuote(metric)}`,
  notGauge: (metric: string): string => `this native histogram metric is not a gauge: ${goQuote(metric)}`,
  mixedExponentialCustom: (metric: string): string =>
    `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metric)}`,
  incompatibleTypesInBinOp: (lhs: string, op: string, rhs: string): string =>
    `incompatible sample types encountered for binary operator ${goQuote(op)}: ${lhs} ${op} ${rhs}`,
  incompatibleBucketLayout: (op: string): string => `incompatible bucket layout encountered for binary operator ${op}`,
  ignoredInAggregation: (aggregation: string): string => `ignored histogram in ${aggregation} aggregation`,
  ignoredInMixedRange: (metric: string): string =>
    `ignored histograms in a range containing both floats and histograms for metric name ${goQuote(metric)}`,
  quantileNaNResult: (metric: string): string => withMetric('input to histogram_quantile has NaN observations, result is NaN', metric),
  quantileNaNSkew: (metric: string): string => withMetric('input to histogram_quantile has NaN observations, result is skewed higher', metric),
  fractionNaNs: (metric: string): string =>
    withMetric('input to histogram_fraction has NaN observations, which are excluded from all fractions', metric),
  counterResetCollision: (op: HistogramOperation): string => `conflicting counter resets during histogram ${op}`,
  mismatchedCustomBuckets: (op: HistogramOperation): string => `mismatched custom buckets were reconciled during ${op}`,
  mixedClassicNative: (metric: string): string => withMetric('vector contains a mix of classic and native histograms', metric),
};
