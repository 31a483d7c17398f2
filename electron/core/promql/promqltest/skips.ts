// The conformance skip list: the only source of skipped evals. Each entry names a whole file or one eval (by
// file and 1-based line of its `eval` command) with the reason it is skipped.
import { readFileSync } from 'node:fs';

export interface SkipList {
  files: Record<string, string>;
  evals: { file: string; line: number; reason: string }[];
}

export function loadSkipList(path: string): SkipList {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SkipList>;
  return { files: raw.files ?? {}, evals: raw.evals ?? [] };
}

export function skipReason(list: SkipList, file: string, line: number): string | null {
  if (list.files[file] !== undefined) return list.files[file];
  const e = list.evals.find((x) => x.file === file && x.line === line);
  return e ? e.reason : null;
}
