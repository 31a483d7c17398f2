// Which evaluated results a CSV holds: the merged view, one node, or the merged view followed by every node that
// answered — each tagged with the name that goes into the `node` column ("merged" or the node's name).
import type { EvaluatedResult } from '@shared/api/query-types';

export interface CsvView {
  node: string;
  result: EvaluatedResult;
}

export const MERGED = 'merged';

export class CsvSelectionError extends Error {
  override readonly name = 'CsvSelectionError';
  readonly kind = 'invalid-request';
  toUserMessage(): string {
    return this.message;
  }
}

/**
 * node: "merged", a node name, or undefined for all. perNode[i] belongs to nodeNames[i] (null where that node failed or
 * per-node results were not computed).
 */
export function selectViews(merged: EvaluatedResult, perNode: readonly (EvaluatedResult | null)[] | undefined, nodeNames: readonly string[], node?: string): CsvView[] {
  const nodes: CsvView[] = [];
  nodeNames.forEach((name, i) => {
    const r = perNode?.[i];
    if (r) nodes.push({ node: name, result: r });
  });
  if (node === undefined) return [{ node: MERGED, result: merged }, ...nodes];
  if (node === MERGED) return [{ node: MERGED, result: merged }];
  const hit = nodes.find((v) => v.node === node);
  if (hit) return [hit];
  if (nodeNames.includes(node)) throw new CsvSelectionError(`Node ${node} has no result to export (it did not answer, or per-node evaluation is off).`);
  throw new CsvSelectionError(`"${node}" is neither "merged" nor one of the nodes (${nodeNames.join(', ')}).`);
}
