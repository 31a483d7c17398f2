// Every older workspace format version, migrated one step at a time up to WORKSPACE_VERSION. Each step is a pure
// function of the parsed JSON and has its own test with a fixture made by code (test/unit/workspace/migrations).
//   v1 → v2: panels gain `comparison` (per-node evaluation, findings, visible nodes). v1 only had view mode
//            "compare", so comparison is switched on exactly for panels that were in that mode.
import { WORKSPACE_VERSION } from '@shared/api/workspace-types';

type Json = Record<string, unknown>;

const STEPS: Record<number, (doc: Json) => Json> = {
  1: (doc) => ({
    ...doc,
    version: 2,
    panels: (Array.isArray(doc.panels) ? doc.panels : []).map((p: unknown) => {
      if (!p || typeof p !== 'object') return p;
      const panel = p as Json;
      const view = (panel.view ?? {}) as Json;
      const compare = view.mode === 'compare';
      return { ...panel, comparison: { perNode: compare || panel.kind === 'range', findings: compare } };
    }),
  }),
};

/** Migrate a parsed document of version `from` (1 ≤ from ≤ current) to the current version. */
export function migrate(doc: Json, from: number): Json {
  let out = doc;
  for (let v = from; v < WORKSPACE_VERSION; v++) out = STEPS[v](out);
  return out;
}
