// node:util parseArgs reads `--step -5s` as a flag followed by another option and calls it "ambiguous". For flags
// whose values may start with a dash (negative steps and times), a next word with one leading dash is the value:
// `--step=-5s`. A next word with two dashes stays a flag (the value is missing).

/** Flags of the time frame whose value is always taken from the next word, even when it starts with `-`. */
export const DASH_VALUE_FLAGS = ['step', 'start', 'end', 'time', 'query-timeout'] as const;

export function attachDashValues(argv: readonly string[], names: readonly string[] = DASH_VALUE_FLAGS): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a.startsWith('--') && names.includes(a.slice(2)) && next !== undefined && next.startsWith('-') && !next.startsWith('--')) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
