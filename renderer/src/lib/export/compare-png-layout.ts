// Layout of an exported comparison (Compare nodes view): the single-panel PNG's header band (layoutHeader), then
// the merged chart under its caption, the node tiles in rows under theirs, and the findings list — in CSS pixels,
// then scaled. Pure, like png-layout.ts; png-render.ts paints it.
import { fitText, LEGEND_LINE, layoutHeader, PAD, PNG_SCALE, SWATCH, TEXT_FONT, TEXT_LINE, type LegendBox, type Measure, type TextBox } from './png-layout';

/** Findings beyond this many are summarised in one line, so a noisy range cannot make the picture endless. */
export const MAX_PNG_FINDINGS = 40;
const TILE_GAP = 12;
const SWATCH_GAP = 5;

export interface CompareChartSize {
  /** "Merged (union) · 3 series · lookback 5m", "demo-b · lookback 30s". */
  caption: string;
  /** The node's colour (the merged grey for the merged chart). */
  color: string;
  /** The chart as seen, CSS px. */
  width: number;
  height: number;
}

export interface ComparePngInput {
  title: string;
  lines: string[];
  merged: CompareChartSize;
  tiles: CompareChartSize[];
  findingsTitle: string;
  findings: { text: string; color: string }[];
  scale?: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ComparePngLayout {
  scale: number;
  width: number;
  height: number;
  header: TextBox[];
  /** One per chart, merged first: a swatch in the chart's colour and its caption. */
  captions: LegendBox[];
  /** Merged first, then the tiles in input order. */
  charts: Rect[];
  /** The findings heading (no colour), one row per finding, and "… and N more" when cut. */
  findings: LegendBox[];
}

/**
 * As wide as the merged chart (copied 1:1 in CSS pixels, as the single-panel PNG copies its chart); tiles keep
 * their on-screen size and wrap into rows that fit that width. Text that does not fit is shortened.
 */
export function layoutComparePng(input: ComparePngInput, measure: Measure): ComparePngLayout {
  const scale = input.scale ?? PNG_SCALE;
  const width = Math.max(1, Math.round(input.merged.width));
  const textWidth = Math.max(20, width - 2 * PAD);
  const { header, bottom } = layoutHeader(input.title, input.lines, textWidth, measure);
  const captions: LegendBox[] = [];
  const charts: Rect[] = [];
  let y = bottom;

  const caption = (c: CompareChartSize, x: number, y0: number, w: number): void => {
    captions.push({ text: fitText(c.caption, Math.max(20, w - SWATCH - SWATCH_GAP), TEXT_FONT, measure), color: c.color, x, y: y0 });
  };
  caption(input.merged, PAD, y, textWidth);
  y += LEGEND_LINE;
  charts.push({ x: 0, y, width, height: Math.max(1, Math.round(input.merged.height)) });
  y += charts[0].height + PAD;

  // Tiles: left to right, a new row when the next would cross the right edge; a row is as tall as its tallest.
  let x = 0;
  let rowHeight = 0;
  for (const t of input.tiles) {
    const w = Math.max(1, Math.min(width, Math.round(t.width)));
    const h = Math.max(1, Math.round(t.height));
    if (x > 0 && x + w > width) {
      y += rowHeight + PAD;
      x = 0;
      rowHeight = 0;
    }
    caption(t, x + PAD, y, w - PAD);
    charts.push({ x, y: y + LEGEND_LINE, width: w, height: h });
    rowHeight = Math.max(rowHeight, LEGEND_LINE + h);
    x += w + TILE_GAP;
  }
  if (input.tiles.length) y += rowHeight + PAD;

  const findings: LegendBox[] = [{ text: fitText(input.findingsTitle, textWidth, TEXT_FONT, measure), color: null, x: PAD, y }];
  y += TEXT_LINE + 2;
  const shown = input.findings.slice(0, MAX_PNG_FINDINGS);
  for (const f of shown) {
    findings.push({ text: fitText(f.text, textWidth - SWATCH - SWATCH_GAP, TEXT_FONT, measure), color: f.color, x: PAD, y });
    y += LEGEND_LINE;
  }
  if (input.findings.length > shown.length) {
    findings.push({ text: `… and ${input.findings.length - shown.length} more findings`, color: null, x: PAD, y });
    y += LEGEND_LINE;
  }
  return { scale, width, height: Math.round(y + PAD / 2), header, captions, charts, findings };
}
