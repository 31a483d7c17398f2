// Runs Prometheus's promqltest scripts in-process against the engine and requires zero failures; skips come
// only from test/promql-conformance-skips.json.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { runSuite } from '@core/promql/promqltest/suite';
import { loadSkipList } from '@core/promql/promqltest/skips';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = join(root, '..', 'shared', 'promql-testdata');

describe('PromQL conformance (promqltest scripts)', () => {
  it.skipIf(!existsSync(dataDir))('passes every eval that is not in the skip list', () => {
    const report = runSuite(dataDir, loadSkipList(join(root, 'test', 'promql-conformance-skips.json')));
    const failures = report.files.flatMap((f) =>
      f.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.file}:${o.line} ${o.expr}\n  ${o.detail}`),
    );
    for (const f of report.files) if (f.scriptError) failures.push(`${f.file}: ${f.scriptError}`);
    console.log(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
    expect(failures).toEqual([]);
    expect(report.failed).toBe(0);
  }, 300_000);
});
