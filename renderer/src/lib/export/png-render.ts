// Draws a panel's chart into a PNG: the uPlot canvas scaled into a larger canvas under a header band, with a legend
// drawn as canvas text. All positions come from png-layout.ts; this file only paints. Browser-only (canvas).
import { layoutPng, PNG_SCALE, SWATCH, type PngInput, type PngLayout } from './png-layout';

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
  const cssW = source.clientWidth || source.width;
  const cssH = source.clientHeight || source.height;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  const measure = (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  const layout = layoutPng({ ...input, chartWidth: cssW, chartHeight: cssH, scale: input.scale ?? PNG_SCALE }, measure);
  const s = layout.scale;
  canvas.width = layout.width * s;
  canvas.height = layout.height * s;
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'top';
  for (const [i, t] of layout.header.entries()) {
    ctx.font = t.font;
    ctx.fillStyle = i === 0 ? colors.text : colors.muted;
    ctx.fillText(t.text, t.x, t.y);
  }
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, source.width, source.height, layout.chart.x, layout.chart.y, layout.chart.width, layout.chart.height);
  if (lines) {
    const k = layout.chart.width / cssW;
    ctx.drawImage(lines.image, layout.chart.x + lines.left * k, layout.chart.y + lines.top * k, lines.width * k, lines.height * k);
  }
  ctx.font = '12px system-ui, sans-serif';
  for (const it of layout.legend) {
    let x = it.x;
    if (it.color) {
      ctx.fillStyle = it.color;
      ctx.fillRect(x, it.y + 2, SWATCH, SWATCH);
      x += SWATCH + 5;
    }
    ctx.fillStyle = it.color ? colors.text : colors.muted;
    ctx.fillText(it.text, x, it.y);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the image.');
  return { blob, layout, width: canvas.width, height: canvas.height };
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
