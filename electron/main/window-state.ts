// The main window's size and position remembered between runs. `restoreBounds` (pure, unit-tested) turns what was
// saved — possibly on a monitor that is gone — into sane bounds for today's displays; the Electron glue is thin.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Screen } from 'electron';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 };
/** As window.ts's minWidth/minHeight. */
export const MIN_SIZE = { width: 800, height: 500 };
/** How much of the window must stay on some display (a grabbable piece of the title bar) to keep its position. */
const MIN_VISIBLE = { width: 100, height: 40 };

function isRect(r: unknown): r is Rect {
  const o = r as Record<string, unknown> | null;
  return !!o && ['x', 'y', 'width', 'height'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k] as number));
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

function centeredIn(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: Math.round(area.x + (area.width - w) / 2), y: Math.round(area.y + (area.height - h) / 2), width: w, height: h };
}

/**
 * Bounds to open the window with: the saved ones when a usable part of them is on a display (shrunk to fit that
 * display's work area and moved fully onto it), else the saved (or default) size centred on the primary display.
 */
export function restoreBounds(saved: unknown, workAreas: readonly Rect[], primary: Rect): WindowState {
  const s = saved as Partial<WindowState> | null | undefined;
  if (!s || !isRect(s.bounds) || s.bounds.width <= 0 || s.bounds.height <= 0) {
    return { bounds: centeredIn(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  }
  const b = s.bounds;
  const maximized = s.maximized === true;
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(b, area);
    if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) {
    return { bounds: centeredIn(primary, clamp(Math.round(b.width), MIN_SIZE.width, primary.width), clamp(Math.round(b.height), MIN_SIZE.height, primary.height)), maximized };
  }
  const width = clamp(Math.round(b.width), MIN_SIZE.width, best.width);
  const height = clamp(Math.round(b.height), MIN_SIZE.height, best.height);
  return {
    bounds: { x: clamp(Math.round(b.x), best.x, best.x + best.width - width), y: clamp(Math.round(b.y), best.y, best.y + best.height - height), width, height },
    maximized,
  };
}

function readState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // first run, or a damaged file: defaults
  }
}

/** Apply the remembered bounds to a new (still hidden) window and remember them again as it moves and resizes. */
export function applyWindowState(win: BrowserWindow, screen: Screen, file: string): void {
  const state = restoreBounds(readState(file), screen.getAllDisplays().map((d) => d.workArea), screen.getPrimaryDisplay().workArea);
  win.setBounds(state.bounds);
  if (state.maximized) win.maximize();
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const s: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(file, JSON.stringify(s));
    } catch {
      // Not remembering a window position is never worth an error dialog.
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
