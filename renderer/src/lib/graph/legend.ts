// Legend behaviour: series colours, search, click-to-isolate (like Prometheus: click shows only that series,
// click it again shows all; Ctrl/Cmd-click toggles one), and the cap on how many series are drawn. Pure.
import { formatSeriesLabels } from '../format';

export const MAX_DRAWN_SERIES = 500;

// Okabe–Ito first (colour-blind safe), then darker distinct hues: every colour reads on white and on the dark
// theme (no pale yellow), and no two are near-identical blues; past 12 the colours repeat (the legend names them).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8c564b', '#6a3d9a', '#b8860b', '#e7298a', '#6b6b6b', '#2ca02c'];

export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length];
}

export interface LegendItem {
  index: number;
  label: string;
  color: string;
}

export function legendItems(labelSets: readonly Record<string, string>[]): LegendItem[] {
  return labelSets.map((labels, index) => ({ index, label: formatSeriesLabels(labels), color: seriesColor(index) }));
}

/** Case-insensitive match on every whitespace-separated word (so "mode idle" finds {mode="idle"}). */
export function filterLegend(items: readonly LegendItem[], query: string): LegendItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return items.slice();
  return items.filter((it) => {
    const l = it.label.toLowerCase();
    return words.every((w) => l.includes(w));
  });
}

/** Visibility after a plain click on series i: isolate it, or show all again when it was already isolated. */
export function clickIsolate(visible: readonly boolean[], i: number): boolean[] {
  const onlyThis = visible[i] && visible.every((v, j) => j === i || !v);
  if (onlyThis) return visible.map(() => true);
  return visible.map((_, j) => j === i);
}

/** Ctrl/Cmd-click: toggle one series without touching the others. */
export function clickToggle(visible: readonly boolean[], i: number): boolean[] {
  return visible.map((v, j) => (j === i ? !v : v));
}

/** Which series are drawn at all: the first MAX_DRAWN_SERIES unless the user asked for all. */
export function drawnCount(total: number, showAll: boolean): number {
  return showAll ? total : Math.min(total, MAX_DRAWN_SERIES);
}
