// `--profile NAME` for the CLI: a profile from a JSON profiles file (--profiles-file, $RRX_PROFILES_FILE or
// ~/.config/rrx/profiles.json), its secrets only from *_file paths or RRX_* environment variables.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { clusterSpecOf, loadCliProfile, ProfileError } from '@core/profiles';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { UsageError, type CliIO } from './command';

export function defaultProfilesFile(env: NodeJS.ProcessEnv): string {
  return env.RRX_PROFILES_FILE ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rrx', 'profiles.json');
}

export async function clusterFromProfile(name: string, file: string | undefined, io: CliIO): Promise<ClusterSpec> {
  const path = file ?? defaultProfilesFile(io.env);
  try {
    const { profile, missingSecrets } = await loadCliProfile(path, name, io.env);
    if (missingSecrets.length) {
      const first = missingSecrets[0];
      throw new UsageError(`profile "${name}" needs ${missingSecrets.length} secret(s) from the environment; set ${first.variables.join(' or ')}`);
    }
    return clusterSpecOf(profile);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(`profile "${name}" in ${path}: ${e.message}`);
    throw e;
  }
}
