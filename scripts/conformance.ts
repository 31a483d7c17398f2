// Runs Prometheus's own promqltest scripts (../shared/promql-testdata) against rrx's PromQL engine.
// Usage: npx tsx scripts/conformance.ts [file-filter] [--verbose] [--suggest-skips]
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { runSuite } from '../electron/core/promql/promqltest/suite';
import { loadSkipList } from '../electron/core/promql/promqltest/skips';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith('--'));
const suggest = args.includes('--suggest-skips');
const quiet = args.includes('--quiet');

const skips = loadSkipList(join(root, 'test', 'promql-conformance-skips.json'));
const report = runSuite(join(root, '..', 'shared', 'promql-testdata'), skips, filter);

for (const f of report.files) {
  console.log(`${f.file}: ${f.passed} passed, ${f.failed} failed, ${f.skipped} skipped`);
  if (f.scriptError) console.log(`  script error: ${f.scriptError}`);
  if (quiet) continue;
  for (const o of f.outcomes) {
    if (o.status !== 'failed') continue;
    console.log(`  FAIL ${f.file}:${o.line}  ${o.expr}\n       ${o.detail}`);
  }
}
if (suggest) {
  const entries = report.files.flatMap((f) =>
    f.outcomes.filter((o) => o.status === 'failed').map((o) => ({ file: o.file, line: o.line, reason: o.detail ?? '' })),
  );
  console.log(JSON.stringify(entries, null, 2));
}
console.log(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
process.exitCode = report.failed > 0 ? 1 : 0;
