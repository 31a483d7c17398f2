// `--mode local|pushdown|delegate|auto`, `--max-memory` (auto's threshold; defined in memory-flag, as it also bounds
// local reads) and `--delegate-to`: how a command answers a query. Shared by query, compare and serve-api.
import { QUERY_MODES, type QueryMode } from '@core/query/answer-modes';
import { UsageError } from './command';
import { MEMORY_OPTIONS, maxMemoryFromFlags } from './memory-flag';

export const MODE_OPTIONS = {
  mode: { type: 'string' },
  ...MEMORY_OPTIONS,
  'delegate-to': { type: 'string' },
} as const;

export const MODE_USAGE = `Answer modes:
  --mode MODE                 local (remote_read + rrx's engine), pushdown (each node's own engine via its
                              --query-api; merged from their answers where that is exact, else locally),
                              delegate (the whole query to one engine node) or auto (default: local within
                              --max-memory, else pushdown or delegate; says why)
  --delegate-to NAME|URL      the engine that answers in delegate mode (default: the first engine-only --query-api)`;

export type ModeFlagValues = { mode?: string; 'max-memory'?: string; 'delegate-to'?: string };

export interface ModeFlags {
  mode: QueryMode;
  /** The mode was given on the command line (not the default). */
  explicit: boolean;
  maxMemoryBytes?: number;
  delegateTo?: string;
}

export function modeFromFlags(v: ModeFlagValues): ModeFlags {
  if (v.mode !== undefined && !(QUERY_MODES as readonly string[]).includes(v.mode)) throw new UsageError(`--mode must be one of ${QUERY_MODES.join(', ')}, got "${v.mode}"`);
  const maxMemoryBytes = maxMemoryFromFlags(v);
  return { mode: (v.mode as QueryMode | undefined) ?? 'auto', explicit: v.mode !== undefined, maxMemoryBytes, delegateTo: v['delegate-to'] };
}
