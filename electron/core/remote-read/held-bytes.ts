// What decoded native histograms hold beyond their sample slots, for the memory budget's charge at decode.
import { histogramBytes } from '@core/memory/sizes';
import type { SeriesBuilder } from './series-builder';

/** Bytes of the histogram samples appended to a builder since slot `from`. */
export function histogramsBytes(builder: SeriesBuilder, from: number): number {
  const hs = builder.histograms;
  if (!hs) return 0;
  let bytes = 0;
  for (let i = from; i < builder.length && i < hs.length; i++) {
    const h = hs[i];
    if (h) bytes += histogramBytes(h);
  }
  return bytes;
}
