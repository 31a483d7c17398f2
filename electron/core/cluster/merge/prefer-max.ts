// `prefer-max`: per series, the node with the most samples in the range is primary (ties: node order); the others
// fill its gaps in node order, exactly as in prefer-first.
import type { GroupMember } from './group';
import { fillGaps } from './fill-gaps';
import type { MergedColumns } from './union';

export function mergePreferMax(members: readonly GroupMember[], gapFactor?: number): MergedColumns {
  let primary = -1;
  for (let m = 0; m < members.length; m++) {
    if (members[m].timestamps.length === 0) continue;
    if (primary < 0 || members[m].timestamps.length > members[primary].timestamps.length) primary = m;
  }
  if (primary < 0) return { timestamps: new Float64Array(0), values: new Float64Array(0), provenance: new Uint8Array(0) };
  const fillers = members.filter((m, i) => i !== primary && m.timestamps.length > 0);
  return fillGaps(members[primary], fillers, gapFactor);
}
