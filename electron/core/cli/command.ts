// The shape of one `rrx` subcommand. Each lives in its own file under cli/commands/ and is listed in registry.ts.
// Exit codes are a contract: 0 ok, 1 a failed query or read, 2 bad usage.

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  stdout: (text: string) => void;
  /** Writes many chunks to stdout, each when the stream has room (backpressure); without it, stdout() takes each. */
  stdoutChunks?: (chunks: Iterable<string>) => Promise<void>;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `rrx --help`. */
  summary: string;
  /** Full usage text for `rrx <name> --help`. */
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad flags/arguments; the runner prints the message as one sentence and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
