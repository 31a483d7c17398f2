// `npm test`: every check in one run — build, type checks, lint, Electronegativity, unit, integration (real Prometheus), PromQL
// conformance, E2E (real Chromium) — ending with one line "N passed, N failed[, N skipped]". Nothing is skipped
// silently: a missing peer binary fails the run and names the command that installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rrx-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const REQUIRED = [
  ['/usr/bin/prometheus', 'prometheus'],
  ['/usr/bin/promtool', 'prometheus'],
  ['/usr/bin/prometheus-node-exporter', 'prometheus-node-exporter'],
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/chromedriver', 'chromium-driver'],
];

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n━━ ${label}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(`━━ ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
}

/** A step without per-test counts (build, tsc, lint) counts as one check. */
function check(label, cmd, args) {
  if (run(label, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function vitestProject(project) {
  const out = join(tmp, `vitest-${project}.json`);
  const ok = run(project, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    totals.failed++;
    failures.push(`${project} (no report)`);
    return;
  }
  const rep = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += rep.numPassedTests;
  totals.failed += rep.numFailedTests;
  totals.skipped += rep.numPendingTests + (rep.numTodoTests ?? 0);
  if (rep.numFailedTests > 0 || (!ok && rep.numFailedTests === 0)) {
    failures.push(project);
    if (rep.numFailedTests === 0) totals.failed++; // a suite that failed to load counts as a failure
  }
}

function e2e() {
  const out = join(tmp, 'e2e-results.jsonl');
  const ok = run('e2e', 'npx', ['wdio', 'run', 'test/e2e/wdio.conf.ts'], { RRX_E2E_RESULTS: out });
  const lines = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const passed = lines.filter((l) => l.passed).length;
  const failed = lines.length - passed;
  totals.passed += passed;
  totals.failed += failed;
  if (failed || !ok || lines.length === 0) {
    failures.push('e2e');
    if (!failed) totals.failed++;
  }
}

const missing = REQUIRED.filter(([bin]) => !existsSync(bin));
if (missing.length) {
  const pkgs = [...new Set(missing.map(([, p]) => p))].join(' ');
  console.error(`Missing test peers: ${missing.map(([b]) => b).join(', ')}.\nInstall them with: sudo apt-get install -y ${pkgs}`);
  console.log(`0 passed, ${missing.length} failed`);
  process.exit(1);
}

check('build', 'npm', ['run', 'build', '--silent']);
check('typecheck', 'npm', ['run', 'typecheck', '--silent']);
check('lint', 'npm', ['run', 'lint', '--silent']);
check('security scan', 'npm', ['run', 'security', '--silent']);
vitestProject('unit');
vitestProject('integration');
e2e();

rmSync(tmp, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
