// ProfileService over the profile repository, plus the embedded demo cluster: when the app starts with no profile of
// its own, two in-process replica servers run and a built-in "Demo cluster" profile (not stored, read-only) points
// at them, so a newcomer sees real charts with nothing installed.
import { testNodeConnection } from '@core/cluster/connection-test';
import type { DemoCluster } from '@core/demo/demo-cluster';
import { ProfileError, clusterSpecOf, redactProfile, type ClusterProfile, type ProfileRepository } from '@core/profiles';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { ConnectionReport, ProfileInput, ProfileView, ProfilesState } from '@shared/api/profile-types';
import { ApiCallError } from './api-error';
import type { ProfileService } from './profile-service';

export const DEMO_PROFILE_ID = 'demo';

export function demoProfile(demo: DemoCluster): ClusterProfile {
  return {
    id: DEMO_PROFILE_ID,
    name: 'Demo cluster',
    demo: true,
    nodes: demo.nodes.map((n) => ({ id: n.name, name: n.name, endpoint: { url: n.url, name: n.name } })),
    // Union interleaves two replicas' counters, whose values differ slightly: every switch looks like a reset and
    // rate() explodes. Penalty follows one replica — the sensible default for an HA pair, and the demo shows why.
    mergeStrategy: 'penalty',
    timeoutMs: 30_000,
    partialPolicy: 'partial',
    compat: 'prometheus3',
  };
}

/** Profile errors as API errors: the first field error names the field, as the form shows it. */
function asApiError(e: unknown): never {
  if (e instanceof ProfileError) {
    const first = e.fieldErrors[0];
    throw new ApiCallError(`profile-${e.kind}`, first ? `${first.path}: ${first.message}` : e.message, first ? `profile.${first.path}` : undefined);
  }
  throw e;
}

export class RepositoryProfileService implements ProfileService {
  private demo?: DemoCluster;

  constructor(
    private readonly repo: ProfileRepository,
    /** Starts the demo servers; called once, only when there is no profile of the user's own. */
    private readonly startDemo?: () => Promise<DemoCluster>,
  ) {}

  /** Start the demo when the user has no profile yet (first start). */
  async init(): Promise<void> {
    if (!this.startDemo || this.demo) return;
    const state = await this.repo.state();
    if (state.profiles.length === 0) this.demo = await this.startDemo();
  }

  async close(): Promise<void> {
    await this.demo?.close();
  }

  private isDemo(id: string): boolean {
    return id === DEMO_PROFILE_ID && this.demo !== undefined;
  }

  private guardDemo(id: string | undefined, what: string): void {
    if (id && this.isDemo(id)) throw new ApiCallError('demo-read-only', `The demo cluster is built in and cannot be ${what}; duplicate it to get an editable copy.`);
  }

  async list(): Promise<ProfilesState> {
    const state = await this.repo.state().catch(asApiError);
    if (!this.demo) return state;
    return { ...state, profiles: [redactProfile(demoProfile(this.demo)), ...state.profiles], activeId: state.activeId ?? DEMO_PROFILE_ID };
  }

  async save(input: ProfileInput): Promise<ProfileView> {
    this.guardDemo(input.id, 'edited');
    return this.repo.save(input).catch(asApiError);
  }

  async delete(id: string): Promise<void> {
    this.guardDemo(id, 'deleted');
    return this.repo.delete(id).catch(asApiError);
  }

  async duplicate(id: string): Promise<ProfileView> {
    if (this.isDemo(id)) {
      const copy = demoProfile(this.demo!);
      return this.repo.put({ ...copy, id: '', name: 'Demo cluster (copy)', demo: undefined }).catch(asApiError);
    }
    return this.repo.duplicate(id).catch(asApiError);
  }

  async setActive(id: string): Promise<void> {
    if (this.isDemo(id)) return;
    return this.repo.setActive(id).catch(asApiError);
  }

  async importYaml(yaml: string, name: string): Promise<ProfileView> {
    try {
      return (await this.repo.importYaml(yaml, name)).view;
    } catch (e) {
      if (e instanceof ProfileError) asApiError(e);
      throw new ApiCallError('yaml-invalid', `The prometheus.yml could not be read: ${(e as Error).message}`, 'yaml');
    }
  }

  async exportYaml(id: string, includeSecrets: boolean): Promise<string> {
    if (this.isDemo(id)) {
      const { exportPrometheusYaml } = await import('@core/profiles/prometheus-yaml');
      return exportPrometheusYaml(demoProfile(this.demo!), { includeSecrets });
    }
    return this.repo.exportYaml(id, includeSecrets).catch(asApiError);
  }

  async testConnection(id: string): Promise<ConnectionReport> {
    const profile = await this.fullProfile(id);
    const nodes = await Promise.all(profile.nodes.map((n) => testNodeConnection(n)));
    return { profileId: id, nodes };
  }

  async testDraft(input: ProfileInput): Promise<ConnectionReport> {
    const profile = input.id && this.isDemo(input.id) ? demoProfile(this.demo!) : await this.repo.draft(input).catch(asApiError);
    const nodes = await Promise.all(profile.nodes.map((n) => testNodeConnection(n)));
    return { profileId: input.id ?? '', nodes };
  }

  async clusterFor(id: string): Promise<ClusterSpec> {
    return clusterSpecOf(await this.fullProfile(id));
  }

  private async fullProfile(id: string): Promise<ClusterProfile> {
    if (this.isDemo(id)) return demoProfile(this.demo!);
    const { profile, missingSecrets } = await this.repo.get(id).catch(asApiError);
    if (missingSecrets.length) {
      throw new ApiCallError(
        'secret-missing',
        `Profile "${profile.name}" has ${missingSecrets.length} secret(s) that are not available (they were kept in memory only); enter them again in the profile editor.`,
      );
    }
    return profile;
  }
}
