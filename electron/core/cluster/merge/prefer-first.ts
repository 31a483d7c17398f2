// `prefer-first`: the first node (in profile order) that has the series is the truth; the others only fill its gaps.
import type { GroupMember } from './group';
import { fillGaps } from './fill-gaps';
import type { MergedColumns } from './union';

export function mergePreferFirst(members: readonly GroupMember[], gapFactor?: number): MergedColumns {
  const withData = members.filter((m) => m.timestamps.length > 0);
  if (withData.length === 0) return { timestamps: new Float64Array(0), values: new Float64Array(0), provenance: new Uint8Array(0) };
  return fillGaps(withData[0], withData.slice(1), gapFactor);
}
