// `--rules FILE…` for rules backtest and serve-api: the flag takes every file that follows it up to the next flag.

/** `--rules a.yml b.yml` → `--rules a.yml --rules b.yml`: the files after --rules up to the next flag. */
export function expandRulesFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if (argv[i] !== '--rules') continue;
    if (i + 1 < argv.length) out.push(argv[++i]);
    while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.push('--rules', argv[++i]);
  }
  return out;
}
