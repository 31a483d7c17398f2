// `rrx rules check` against the real `promtool check rules` (2.42): the same verdict and the same error lines, with
// line:column, for files with semantic, strict-decoding and duration mistakes, and success for a valid file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMTOOL_BIN } from '../../helpers/prometheus';
import { requireBinary } from '../../helpers/peer-process';
import { rrx } from '../../helpers/run-cli';

const FILES: Record<string, string> = {
  'valid.yml': `groups:
  - name: ok
    interval: 30s
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 5m
        keep_firing_for: 1m
        labels: { severity: page }
        annotations:
          summary: '{{ $labels.instance }} down ({{ $value | humanize }}), {{ printf "%.1f" $value }}'
`,
  'semantic.yml': `groups:
  - name: g
    rules:
      - record: job:up:sum
        expr: sum(up) by (job
      - alert: Foo
        record: bar
        expr: up == 0
      - record: x
        expr: up
        for: 5m
      - alert: T
        expr: up
        annotations:
          summary: "{{ $labels.job | nosuch }}"
      - record: 'bad name'
        expr: up
        labels:
          __name__: nope
      - alert: NoExpr
  - name: g
    rules: []
  - name: ''
    rules: []
`,
  'unknown.yml': `groups:
  - name: a
    bogus: 1
    rules:
      - record: a
        expr: up
        extra: 2
`,
  'duration.yml': `groups:
  - name: a
    rules:
      - alert: a
        expr: up
        for: 5
`,
};

describe('rrx rules check vs promtool check rules', () => {
  requireBinary(PROMTOOL_BIN, 'prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'rrx-promtool-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of Object.keys(FILES)) {
    it(`${name}: same verdict and the same error lines`, async () => {
      const file = join(dir, name);
      const pt = spawnSync(PROMTOOL_BIN, ['check', 'rules', file], { encoding: 'utf8', timeout: 30_000 });
      const ours = await rrx(['rules', 'check', file]);
      expect(ours.code).toBe(pt.status);
      const promtoolErrors = pt.stderr.split('\n').filter((l) => l && !/^\s*FAILED:$/.test(l));
      const ourErrors = ours.stderr.split('\n').filter(Boolean);
      expect(ourErrors).toEqual(promtoolErrors);
      if (pt.status === 0) expect(ours.stdout).toContain('SUCCESS: 2 rules found');
    });
  }
});
