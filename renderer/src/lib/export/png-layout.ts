// Layout of an exported chart image: header band (title, time range, cluster and nodes), the chart, and a legend
// wrapped into rows — all in CSS pixels, then scaled. Pure: text widths come from an injected measure function so
// the maths is testable without a canvas. png-render.ts draws what this returns.

export const PNG_SCALE = 2;
export const PAD = 12;
export const TITLE_FONT = '600 15px system-ui, sans-serif';
export const TEXT_FONT = '12px system-ui, sans-serif';
export const TITLE_LINE = 20;
export const TEXT_LINE = 16;
export const LEGEND_LINE = 18;
export const SWATCH = 10;
const SWATCH_GAP = 5;
const ITEM_GAP = 16;
/** A legend of thousands of series would dwarf the chart: list this many, then say how many more. */
export const MAX_LEGEND_ITEMS = 60;

export type Measure = (text: string, font: string) => number;

export interface PngInput {
  chartWidth: number;
  chartHeight: number;
  title: string;
  /** Smaller lines under the title: time range, cluster and nodes. */
  lines: string[];
  legend: { label: string; color: string }[];
  scale?: number;
}

export interface TextBox {
  text: string;
  x: number;
  y: number;
  font: string;
}

export interface LegendBox {
  text: string;
  color: string | null;
  x: number;
  y: number;
}

export interface PngLayout {
  scale: number;
  /** CSS pixels; the canvas is width*scale × height*scale. */
  width: number;
  height: number;
  header: TextBox[];
  chart: { x: number; y: number; width: number; height: number };
  legend: LegendBox[];
}

/** Cuts text to fit maxWidth, ending with "…". */
export function fitText(text: string, maxWidth: number, font: string, measure: Measure): string {
  if (measure(text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid) + '…', font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

/** Title and the smaller lines under it, from the top of the image; `bottom` is where the next block starts. */
export function layoutHeader(title: string, lines: readonly string[], textWidth: number, measure: Measure): { header: TextBox[]; bottom: number } {
  const header: TextBox[] = [];
  let y = PAD;
  header.push({ text: fitText(title, textWidth, TITLE_FONT, measure), x: PAD, y, font: TITLE_FONT });
  y += TITLE_LINE;
  for (const line of lines) {
    header.push({ text: fitText(line, textWidth, TEXT_FONT, measure), x: PAD, y, font: TEXT_FONT });
    y += TEXT_LINE;
  }
  return { header, bottom: y + PAD / 2 };
}

/**
 * The image is exactly as wide as the chart (so the chart is copied 1:1 in CSS pixels, at `scale` device pixels
 * each); text that does not fit is shortened rather than widening the picture.
 */
export function layoutPng(input: PngInput, measure: Measure): PngLayout {
  const scale = input.scale ?? PNG_SCALE;
  const width = Math.max(1, Math.round(input.chartWidth));
  const textWidth = Math.max(20, width - 2 * PAD);
  const { header, bottom } = layoutHeader(input.title, input.lines, textWidth, measure);
  let y = bottom;
  const chart = { x: 0, y, width, height: Math.max(1, Math.round(input.chartHeight)) };
  y += chart.height + PAD / 2;

  const legend: LegendBox[] = [];
  const shown = input.legend.slice(0, MAX_LEGEND_ITEMS);
  let x = PAD;
  let rowUsed = false;
  const itemMax = textWidth - SWATCH - SWATCH_GAP;
  const place = (text: string, color: string | null): void => {
    const label = fitText(text, itemMax, TEXT_FONT, measure);
    const w = (color ? SWATCH + SWATCH_GAP : 0) + measure(label, TEXT_FONT);
    if (rowUsed && x + w > width - PAD) {
      x = PAD;
      y += LEGEND_LINE;
    }
    legend.push({ text: label, color, x, y });
    x += w + ITEM_GAP;
    rowUsed = true;
  };
  for (const it of shown) place(it.label, it.color);
  if (input.legend.length > shown.length) place(`… and ${input.legend.length - shown.length} more series`, null);
  if (rowUsed) y += LEGEND_LINE;
  const height = Math.round(y + PAD / 2);
  return { scale, width, height, header, chart, legend };
}
