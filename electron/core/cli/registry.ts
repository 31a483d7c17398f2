// Every `rrx` subcommand, in the order `rrx --help` lists them. Adding a command = one import and one entry.
import type { CliCommand } from './command';
import { compareCommand } from './commands/compare';
import { exportCommand } from './commands/export';
import { queryCommand } from './commands/query';
import { readCommand } from './commands/read';
import { rulesCommand } from './commands/rules';
import { serveApiCommand } from './commands/serve-api';
import { snapshotCommand } from './commands/snapshot';
import { versionCommand } from './commands/version';

export const COMMANDS: readonly CliCommand[] = [queryCommand, compareCommand, readCommand, snapshotCommand, exportCommand, serveApiCommand, rulesCommand, versionCommand];
