// One colour per node, used by every part of the comparison (tiles, overlay, legend, provenance strip, findings,
// coverage), and one neutral colour for the merged view. Pure. Distinct from the graph's per-series palette on
// purpose: in the compare view colour means "which replica", never "which series".

/** Okabe–Ito order, chosen for colour-blind separation of the first few (HA pairs and triples are the norm). */
const NODE_PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8c564b', '#b8a10f'];

/** Mid grey reads on both the light and the dark theme and never competes with a node colour. */
export const MERGED_COLOR = '#7a8499';

export function nodeColor(index: number): string {
  if (!Number.isInteger(index) || index < 0) return MERGED_COLOR;
  return NODE_PALETTE[index % NODE_PALETTE.length];
}

/** Findings and coverage name nodes, not indices: look the name up (unknown names fall back to the merged grey). */
export function nodeColorByName(nodes: readonly { index: number; name: string }[], name: string): string {
  const n = nodes.find((x) => x.name === name);
  return n ? nodeColor(n.index) : MERGED_COLOR;
}
