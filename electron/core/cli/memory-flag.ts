// `--max-memory SIZE`: the memory budget of one query's held raw samples — a local read that crosses it stops at
// once with an error naming the selector that pulled the most — and `auto`'s threshold for answering locally.
// Shared by every command that reads (through the cluster flags) and by the answer-mode flags.
import { defaultQueryBudgetBytes, formatBytes, MemorySizeError, parseMemorySize } from '@core/query/memory-budget';
import { UsageError } from './command';

export const MEMORY_OPTIONS = {
  'max-memory': { type: 'string' },
} as const;

export const MEMORY_USAGE = `  --max-memory SIZE           memory budget of one query's raw samples (default ${formatBytes(defaultQueryBudgetBytes())} on this
                              machine: a quarter of RAM, at most 1GiB); a read that crosses it stops at once
                              (exit 1); also auto's threshold for answering locally`;

export type MemoryFlagValues = { 'max-memory'?: string };

/** The budget given on the command line, in bytes; undefined when the flag is absent. */
export function maxMemoryFromFlags(v: MemoryFlagValues, flag = 'max-memory'): number | undefined {
  const text = (v as Record<string, string | undefined>)[flag];
  if (text === undefined) return undefined;
  try {
    return parseMemorySize(text);
  } catch (e) {
    if (e instanceof MemorySizeError) throw new UsageError(`--${flag}: ${e.message}`);
    throw e;
  }
}
