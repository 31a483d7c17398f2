// The `rrx` dispatcher: finds the subcommand, prints help, and turns every error into one sentence on stderr with
// the contract's exit code (0 ok, 1 failed query/read, 2 bad usage). Never prints a stack trace to users.
import { APP_VERSION } from '../app-info';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './command';
import { COMMANDS, type CommandEntry } from './registry';
import { errorSentence } from './error-sentence';

export { errorSentence };

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `rrx ${APP_VERSION} — Remote Read Explorer: query Prometheus HA pairs over remote_read, merge replicas, evaluate PromQL locally.`,
    '',
    'Usage: rrx <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "rrx <command> --help" for the flags of one command.',
    'Exit codes: 0 ok, 1 a failed query or read, 2 bad usage.',
    '',
  ].join('\n');
}

export interface RunCliOptions {
  /** Runs beside the loading of a command's module, before it runs (the process entry starts evaluation workers). */
  beforeCommand?: (entry: CommandEntry) => void | Promise<void>;
}

export async function runCli(argv: string[], io: CliIO, opts: RunCliOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`rrx: unknown command "${name}"; run "rrx --help" for the list.\n`);
    return EXIT_USAGE;
  }
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  const [cmd] = await Promise.all([entry.load(), wantsHelp ? undefined : opts.beforeCommand?.(entry)]);
  if (wantsHelp) {
    io.stdout(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return EXIT_OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rrx ${cmd.name}: ${e.message}. Run "rrx ${cmd.name} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`rrx ${cmd.name}: ${errorSentence(e)}\n`);
    return EXIT_FAILED;
  }
}
