// Builds the profile service a host needs: its storage and secret store come from the host (electron-store and
// the OS keychain in main; a JSON file and memory in the bridge), the demo cluster is the same everywhere.
import { startDemoCluster } from '@core/demo/demo-cluster';
import { ProfileRepository, type ProfileStorage, type SecretStore } from '@core/profiles';
import { RepositoryProfileService } from './repository-profile-service';

export async function createProfileService(storage: ProfileStorage, secrets: SecretStore, opts: { demo?: boolean } = {}): Promise<RepositoryProfileService> {
  const service = new RepositoryProfileService(new ProfileRepository(storage, secrets), opts.demo === false ? undefined : () => startDemoCluster());
  await service.init();
  return service;
}
