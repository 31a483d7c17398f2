// Runs every promqltest script of a directory (optionally filtered by file name) and sums the outcomes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, type FileReport } from './runner';
import type { SkipList } from './skips';

export interface SuiteReport {
  files: FileReport[];
  passed: number;
  failed: number;
  skipped: number;
}

export function runSuite(dir: string, skips: SkipList, filter?: string): SuiteReport {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .filter((f) => !filter || f.includes(filter))
    .sort();
  const files = names.map((f) => runScript(join(dir, f), skips));
  const sum = (k: 'passed' | 'failed' | 'skipped'): number => files.reduce((n, f) => n + f[k], 0);
  return { files, passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
}
