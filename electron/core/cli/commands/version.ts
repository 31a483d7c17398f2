// `rrx version`: the app version, for bug reports and scripts.
import { APP_NAME, APP_VERSION } from '../../app-info';
import type { CliCommand } from '../command';
import { EXIT_OK, UsageError } from '../command';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'print the version of rrx',
  usage: 'rrx version\n\nPrints the name and version of Remote Read Explorer.',
  async run(argv, io) {
    if (argv.length) throw new UsageError(`"rrx version" takes no arguments, got "${argv[0]}"`);
    io.stdout(`${APP_NAME} (rrx) ${APP_VERSION}\n`);
    return EXIT_OK;
  },
};
