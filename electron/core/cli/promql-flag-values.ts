// Flags whose value is PromQL (`--expr`, `--match`): an expression may start with "-" (`-go_goroutines ^ 2 % 7`),
// which node:util parseArgs would refuse as an ambiguous option. Joining such a value to its flag (`--expr=-…`)
// before parsing accepts it as users type it; every other flag keeps parseArgs' strictness.
export const PROMQL_FLAGS: readonly string[] = ['expr', 'match'];

/** argv with `--flag VALUE` rewritten to `--flag=VALUE` where flag takes PromQL and VALUE starts with "-". */
export function joinDashPromqlValues(argv: readonly string[], flags: readonly string[] = PROMQL_FLAGS): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (a.startsWith('--') && flags.includes(a.slice(2)) && next !== undefined && next.startsWith('-') && next !== '--') {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
