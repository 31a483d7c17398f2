// Rule files from disk (CLI, serve-api): read and validate each, collecting every problem of every file, so one
// run reports them all and nothing is half-loaded.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseRuleFile, RuleFileError, type RuleGroupSpec } from './rule-file';

export async function loadRuleFiles(files: readonly string[], cwd: string, prometheus2 = false): Promise<RuleGroupSpec[]> {
  const groups: RuleGroupSpec[] = [];
  const problems: string[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, f), 'utf8');
    } catch (e) {
      problems.push(`${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      continue;
    }
    try {
      groups.push(...parseRuleFile(text, f, { prometheus2 }).groups);
    } catch (e) {
      if (e instanceof RuleFileError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new RuleFileError(problems);
  return groups;
}
