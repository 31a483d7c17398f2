// restoreBounds: remembered window bounds made sane for the displays there are now — monitor unplugged, resolution
// lowered, damaged state file. Pure part of electron/main/window-state.ts; no Electron here.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, restoreBounds, type Rect } from '../../../electron/main/window-state';

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const RIGHT: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

function inside(r: Rect, area: Rect): boolean {
  return r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;
}

describe('restoreBounds', () => {
  it('keeps saved bounds that fit a display', () => {
    const bounds = { x: 1600, y: 100, width: 1500, height: 1000 };
    expect(restoreBounds({ bounds, maximized: false }, [LAPTOP, RIGHT], LAPTOP)).toEqual({ bounds, maximized: false });
  });

  it('keeps the maximized flag', () => {
    expect(restoreBounds({ bounds: { x: 10, y: 40, width: 1000, height: 700 }, maximized: true }, [LAPTOP], LAPTOP).maximized).toBe(true);
  });

  it('centres the default size on the primary display without saved state, or with a damaged one', () => {
    for (const saved of [undefined, null, 42, {}, { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: NaN, height: 10 } }, { bounds: { x: 0, y: 0, width: 0, height: 0 } }]) {
      const s = restoreBounds(saved, [RIGHT, LAPTOP], RIGHT);
      expect(s.maximized).toBe(false);
      expect(s.bounds.width).toBe(DEFAULT_SIZE.width);
      expect(s.bounds.height).toBe(DEFAULT_SIZE.height);
      expect(inside(s.bounds, RIGHT)).toBe(true);
      expect(s.bounds.x - RIGHT.x).toBe(RIGHT.x + RIGHT.width - (s.bounds.x + s.bounds.width));
    }
  });

  it('brings a window from an unplugged monitor back onto the primary display, keeping its size when it fits', () => {
    const s = restoreBounds({ bounds: { x: 1700, y: 100, width: 1200, height: 800 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(s.bounds.width).toBe(1200);
    expect(s.bounds.height).toBe(800);
    expect(inside(s.bounds, LAPTOP)).toBe(true);
  });

  it('shrinks a window larger than its display and moves it fully on screen', () => {
    const s = restoreBounds({ bounds: { x: -200, y: -50, width: 3000, height: 2000 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(s.bounds).toEqual(LAPTOP);
  });

  it('pulls a window hanging off the edge back inside the display it is mostly on', () => {
    const s = restoreBounds({ bounds: { x: 1000, y: 500, width: 1000, height: 700 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(inside(s.bounds, LAPTOP)).toBe(true);
    expect(s.bounds.width).toBe(1000);
  });

  it('treats a sliver of window on a display (title bar out of reach) as off screen', () => {
    const s = restoreBounds({ bounds: { x: 1420, y: 100, width: 1000, height: 700 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(inside(s.bounds, LAPTOP)).toBe(true);
  });

  it('never goes below the minimum window size, and picks the display holding most of the window', () => {
    const tiny = restoreBounds({ bounds: { x: 100, y: 100, width: 10, height: 10 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(tiny.bounds.width).toBe(MIN_SIZE.width);
    expect(tiny.bounds.height).toBe(MIN_SIZE.height);
    const straddling = restoreBounds({ bounds: { x: 1300, y: 100, width: 1200, height: 800 }, maximized: false }, [LAPTOP, RIGHT], LAPTOP);
    expect(inside(straddling.bounds, RIGHT)).toBe(true);
  });

  it('rounds fractional bounds (scaled displays) to whole pixels', () => {
    const s = restoreBounds({ bounds: { x: 10.4, y: 40.6, width: 900.5, height: 600.2 }, maximized: false }, [LAPTOP], LAPTOP);
    expect(Object.values(s.bounds).every(Number.isInteger)).toBe(true);
  });
});
