// node:util parseArgs reads `--step -5s` or `--expr '-go_goroutines ^ 2'` as a flag followed by another option and
// calls it "ambiguous". For flags whose value may start with a dash — negative times and steps (so the user gets
// "step must be positive") and PromQL (an expression may start with unary minus) — a next word with one leading
// dash is the value: `--flag VALUE` becomes `--flag=VALUE`. A next word with two dashes stays a flag (the value is
// missing; write `--expr=--x` for PromQL that starts with two minus signs). After `--` nothing changes.

/** Flags whose value is always taken from the next word, even when it starts with `-`. */
export const DASH_VALUE_FLAGS: readonly string[] = ['step', 'start', 'end', 'time', 'query-timeout', 'expr', 'match'];

export function attachDashValues(argv: readonly string[], names: readonly string[] = DASH_VALUE_FLAGS): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (a.startsWith('--') && names.includes(a.slice(2)) && next !== undefined && next.startsWith('-') && !next.startsWith('--')) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
