// The heatmap's colour scale: a perceptually ordered ramp (viridis's five anchor colours, interpolated into a 256-entry
// lookup table) over [0, max] linearly, or over [smallest positive, max] on a log scale for long-tailed latencies. A
// bucket that is present but 0 gets its own faint grey, so "nothing observed" differs from "no sample" (no colour).
// Pure: the rasterizer reads RGB bytes from the table.

export type ColorScaleKind = 'linear' | 'log';

const STOPS: readonly [number, number, number][] = [
  [0x44, 0x01, 0x54],
  [0x3b, 0x52, 0x8b],
  [0x21, 0x91, 0x8c],
  [0x5e, 0xc9, 0x62],
  [0xfd, 0xe7, 0x25],
];

/** RGB of the zero cell. */
export const ZERO_RGB: readonly [number, number, number] = [0xd0, 0xd4, 0xdc];

/** 256 × RGB, low to high. */
export const RAMP: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const f = (i / 255) * (STOPS.length - 1);
    const k = Math.min(STOPS.length - 2, Math.floor(f));
    const t = f - k;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * t);
  }
  return out;
})();

export interface ColorScale {
  kind: ColorScaleKind;
  /** Lowest value of the ramp (0 on linear, the smallest positive value on log) and the highest. */
  min: number;
  max: number;
}

export function colorScale(kind: ColorScaleKind, max: number, minPositive: number): ColorScale {
  if (!(max > 0) || !Number.isFinite(max)) return { kind: 'linear', min: 0, max: 1 };
  // Log needs a spread of positive values; a single value (or none) falls back to linear.
  if (kind === 'log' && minPositive > 0 && minPositive < max) return { kind, min: minPositive, max };
  return { kind: 'linear', min: 0, max };
}

/** Ramp index 0..255 of a positive value; -1 for 0 (the zero colour), -2 for no value (NaN: not drawn). */
export function rampIndex(v: number, s: ColorScale): number {
  if (Number.isNaN(v)) return -2;
  if (v <= 0) return -1;
  let t: number;
  if (s.kind === 'log') t = s.max > s.min ? Math.log(v / s.min) / Math.log(s.max / s.min) : 1;
  else t = s.max > s.min ? (v - s.min) / (s.max - s.min) : 1;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}

/** `#rrggbb` of a ramp index (the legend, tests). */
export function rampHex(i: number): string {
  const rgb = i < 0 ? ZERO_RGB : [RAMP[i * 3], RAMP[i * 3 + 1], RAMP[i * 3 + 2]];
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Values to label on the legend: the ends and a few in between, at their ramp positions (0..1). */
export function legendStops(s: ColorScale, count = 5): { at: number; value: number }[] {
  const out: { at: number; value: number }[] = [];
  for (let k = 0; k < count; k++) {
    const at = k / (count - 1);
    const value = s.kind === 'log' && s.max > s.min ? s.min * (s.max / s.min) ** at : s.min + (s.max - s.min) * at;
    out.push({ at, value });
  }
  return out;
}
