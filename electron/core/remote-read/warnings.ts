// Non-fatal findings of a read: data we received but could not turn into float samples (native histograms).
// The read still succeeds; the UI lists these next to the result.
import type { Labels } from '@core/series/types';

export type RemoteReadWarningKind = 'unsupported-chunk-encoding' | 'unsupported-histogram-samples';

export interface RemoteReadWarning {
  kind: RemoteReadWarningKind;
  queryIndex: number;
  series: Labels;
  /** Chunk encoding name for chunk warnings, e.g. "HISTOGRAM". */
  encoding?: string;
  message: string;
}
