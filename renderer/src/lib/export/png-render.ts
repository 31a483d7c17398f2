// Draws a panel's chart (or the whole Compare nodes view) into a PNG: uPlot canvases scaled into a larger canvas
// under a header band, with legend, captions and findings drawn as canvas text. All positions come from
// png-layout.ts and compare-png-layout.ts; this file only paints. Browser-only (canvas).
import { layoutComparePng, type ComparePngInput, type ComparePngLayout } from './compare-png-layout';
import { layoutPng, PNG_SCALE, SWATCH, TEXT_FONT, type LegendBox, type PngInput, type PngLayout, type TextBox } from './png-layout';

export interface PngColors {
  background: string;
  text: string;
  muted: string;
}

export interface RenderedPng {
  blob: Blob;
  layout: PngLayout;
  /** Device pixels. */
  width: number;
  height: number;
}

/** Theme colours from the page's CSS variables, so the image matches what is on screen. */
export function pageColors(el: Element): PngColors {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return { background: v('--panel', '#ffffff'), text: v('--fg', '#1d2433'), muted: v('--muted', '#667085') };
}

/** The chart's lines when they live on their own canvas over the plot area (the line worker's), in CSS pixels. */
export interface LineLayer {
  image: CanvasImageSource;
  left: number;
  top: number;
  width: number;
  height: number;
}

export async function renderChartPng(source: HTMLCanvasElement, input: Omit<PngInput, 'chartWidth' | 'chartHeight'>, colors: PngColors, lines?: LineLayer | null): Promise<RenderedPng> {
  // The canvas's CSS size is the chart as seen; its backing store may already be devicePixelRatio larger.
  const { ctx, canvas, measure } = newCanvas();
  const layout = layoutPng({ ...input, chartWidth: cssWidth(source), chartHeight: cssHeight(source), scale: input.scale ?? PNG_SCALE }, measure);
  startImage(ctx, canvas, layout, colors);
  drawHeader(ctx, layout.header, colors);
  drawChart(ctx, source, layout.chart, lines);
  drawLabels(ctx, layout.legend, colors);
  return { blob: await encode(canvas), layout, width: canvas.width, height: canvas.height };
}

/** A chart to copy into a composed image: its uPlot canvas and, when the line worker drew them, its lines. */
export interface ChartSource {
  canvas: HTMLCanvasElement;
  lines: LineLayer | null;
}

export interface RenderedComparePng {
  blob: Blob;
  layout: ComparePngLayout;
  width: number;
  height: number;
}

/** The Compare nodes view as one picture; `charts` are merged first, then one per tile, as in `input`. */
export async function renderComparePng(charts: readonly ChartSource[], input: ComparePngInput, colors: PngColors): Promise<RenderedComparePng> {
  const { ctx, canvas, measure } = newCanvas();
  const layout = layoutComparePng(input, measure);
  startImage(ctx, canvas, layout, colors);
  drawHeader(ctx, layout.header, colors);
  drawLabels(ctx, layout.captions, colors);
  for (const [i, c] of charts.entries()) if (layout.charts[i]) drawChart(ctx, c.canvas, layout.charts[i], c.lines);
  drawLabels(ctx, layout.findings, colors);
  return { blob: await encode(canvas), layout, width: canvas.width, height: canvas.height };
}

const cssWidth = (c: HTMLCanvasElement) => c.clientWidth || c.width;
const cssHeight = (c: HTMLCanvasElement) => c.clientHeight || c.height;

function newCanvas(): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; measure: (text: string, font: string) => number } {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  const measure = (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  return { canvas, ctx, measure };
}

function startImage(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, layout: { scale: number; width: number; height: number }, colors: PngColors): void {
  const s = layout.scale;
  canvas.width = layout.width * s;
  canvas.height = layout.height * s;
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'top';
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
}

function drawHeader(ctx: CanvasRenderingContext2D, header: readonly TextBox[], colors: PngColors): void {
  for (const [i, t] of header.entries()) {
    ctx.font = t.font;
    ctx.fillStyle = i === 0 ? colors.text : colors.muted;
    ctx.fillText(t.text, t.x, t.y);
  }
}

/** A chart canvas scaled into its box, with the line worker's layer over it where it lies on screen. */
function drawChart(ctx: CanvasRenderingContext2D, source: HTMLCanvasElement, box: { x: number; y: number; width: number; height: number }, lines?: LineLayer | null): void {
  ctx.drawImage(source, 0, 0, source.width, source.height, box.x, box.y, box.width, box.height);
  if (lines) {
    const k = box.width / cssWidth(source);
    ctx.drawImage(lines.image, box.x + lines.left * k, box.y + lines.top * k, lines.width * k, lines.height * k);
  }
}

/** Legend items, captions and findings: a colour swatch (when the item has one) and its text. */
function drawLabels(ctx: CanvasRenderingContext2D, items: readonly LegendBox[], colors: PngColors): void {
  ctx.font = TEXT_FONT;
  for (const it of items) {
    let x = it.x;
    if (it.color) {
      ctx.fillStyle = it.color;
      ctx.fillRect(x, it.y + 2, SWATCH, SWATCH);
      x += SWATCH + 5;
    }
    ctx.fillStyle = it.color ? colors.text : colors.muted;
    ctx.fillText(it.text, x, it.y);
  }
}

async function encode(canvas: HTMLCanvasElement): Promise<Blob> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the image.');
  return blob;
}

export type CopyOutcome = { ok: true } | { ok: false; message: string };

/** Copies a PNG to the clipboard; browsers refuse without focus, permission or a secure context — say so. */
export async function copyPng(blob: Blob): Promise<CopyOutcome> {
  try {
    if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
      return { ok: false, message: 'This browser cannot copy images to the clipboard; the PNG was downloaded instead.' };
    }
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    return { ok: true };
  } catch (e) {
    const why = e instanceof Error && e.message ? ` (${e.message})` : '';
    return { ok: false, message: `The browser refused to copy the image${why}; the PNG was downloaded instead.` };
  }
}
