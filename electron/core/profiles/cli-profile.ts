// `rrx … --profile NAME --profiles FILE`: a profile from a JSON profiles file, secrets only from *_file paths or
// RRX_* environment variables (see env-secret-store.ts). Read-only: the CLI never writes the file.
import { EnvSecretStore } from './env-secret-store';
import { JsonFileProfileStorage } from './json-file-storage';
import { migrateDocument } from './migrations';
import { ProfileRepository } from './repository';
import type { ClusterProfile } from './types';

export async function loadCliProfile(
  path: string,
  nameOrId: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ profile: ClusterProfile; missingSecrets: Array<{ ref: string; variables: string[] }> }> {
  const storage = new JsonFileProfileStorage(path);
  const readOnly = { load: () => storage.load(), save: async () => {} }; // a migration is applied in memory only
  const { doc } = migrateDocument(await storage.load());
  const secrets = new EnvSecretStore(env, doc);
  const { profile, missingSecrets } = await new ProfileRepository(readOnly, secrets).get(nameOrId);
  return { profile, missingSecrets: missingSecrets.map((ref) => ({ ref, variables: secrets.variablesFor(ref) })) };
}
