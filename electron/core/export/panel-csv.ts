// CSV of one evaluated panel or query: picks the views (merged / one node / all) and lays them out.
import type { QueryResultView } from '@shared/api/query-types';
import { toCsv, type CsvLayout, type CsvText } from './csv-layouts';
import { selectViews } from './csv-views';

/** Works on any QueryResultView (live query or offline workspace panel). */
export function resultViewCsv(view: Pick<QueryResultView, 'merged' | 'perNode' | 'nodes'>, layout: CsvLayout, node?: string): CsvText {
  const names: string[] = [];
  for (const n of view.nodes) names[n.index] = n.name;
  return toCsv(selectViews(view.merged, view.perNode, names, node), layout);
}

/** A file-name-safe stem from a panel title or expression. */
export function fileStem(text: string, fallback: string): string {
  const stem = text
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[_.]+|_+$/g, '')
    .slice(0, 60);
  return stem || fallback;
}
