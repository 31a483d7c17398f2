// node:util parseArgs reads `--step -5s` or `--expr '-go_goroutines ^ 2'` as a flag followed by another option and
// calls it "ambiguous". For flags whose value may start with a dash — negative times and steps (so the user gets
// "step must be positive") and PromQL (an expression may start with unary minus) — the next word is the value:
// `--flag VALUE` becomes `--flag=VALUE`. Every other flag keeps parseArgs' strictness; after `--` nothing changes.

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
    if (a.startsWith('--') && names.includes(a.slice(2)) && next !== undefined && next.startsWith('-') && next !== '--') {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
