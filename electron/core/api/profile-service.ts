// What the API needs from profiles: redacted views out, inputs with one-way secret patches in, and — for queries,
// inside the main process only — the cluster a profile stands for with its secrets resolved.
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { ConnectionReport, ProfileInput, ProfileView, ProfilesState } from '@shared/api/profile-types';

export interface ProfileService {
  list(): Promise<ProfilesState>;
  save(input: ProfileInput): Promise<ProfileView>;
  delete(id: string): Promise<void>;
  duplicate(id: string): Promise<ProfileView>;
  setActive(id: string): Promise<void>;
  importYaml(yaml: string, name: string): Promise<ProfileView>;
  exportYaml(id: string, includeSecrets: boolean): Promise<string>;
  testConnection(id: string): Promise<ConnectionReport>;
  /** Test an unsaved profile (the editor's current form), stored secrets of its id kept. */
  testDraft(input: ProfileInput): Promise<ConnectionReport>;
  clusterFor(id: string): Promise<ClusterSpec>;
}
