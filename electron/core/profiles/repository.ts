// Profile CRUD over an abstract ProfileStorage (the document) and SecretStore (the values), so electron-store in
// main, a JSON file in the CLI and memory in tests/bridge run the same code. Out: redacted views, or — for the
// main process only — full profiles. In: inputs with one-way secret patches. Never puts a secret in the document.
import { randomUUID } from 'node:crypto';
import type { ProfileInput, ProfilesState, ProfileView } from '@shared/api/profile-types';
import { applyProfileInput } from './apply-input';
import { migrateDocument } from './migrations';
import { exportPrometheusYaml, importPrometheusYaml } from './prometheus-yaml';
import { redactProfile } from './redact';
import type { SecretStore } from './secret-store';
import type { ProfileStorage } from './storage';
import { fromStored, inlineSecretErrors, storedSecretRefs, toStored } from './stored-document';
import { invalidProfile, ProfileError, type ClusterProfile, type ProfilesDocument } from './types';
import { validateProfile } from './validate';

export class ProfileRepository {
  constructor(
    private readonly storage: ProfileStorage,
    private readonly secrets: SecretStore,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** The document at the current schema version (migrated and written back once when it was older). */
  async document(): Promise<ProfilesDocument> {
    const { doc, migrated } = migrateDocument(await this.storage.load());
    const inline = inlineSecretErrors(doc);
    if (inline.length) throw invalidProfile(inline);
    if (migrated) await this.storage.save(doc);
    return doc;
  }

  async state(): Promise<ProfilesState> {
    const doc = await this.document();
    const profiles: ProfileView[] = [];
    for (const p of doc.profiles) profiles.push(redactProfile((await fromStored(p, this.secrets)).profile));
    const persistent = this.secrets.isPersistent();
    return {
      profiles,
      activeId: doc.activeId,
      secretStorage: {
        persistent,
        backend: this.secrets.backend,
        ...(persistent ? {} : { note: 'Secrets are kept in memory only and must be entered again after a restart.' }),
      },
    };
  }

  /** Full profile with secrets (main process / CLI only). `missingSecrets`: references the store could not resolve. */
  async get(idOrName: string): Promise<{ profile: ClusterProfile; missingSecrets: string[] }> {
    const doc = await this.document();
    const stored = doc.profiles.find((p) => p.id === idOrName) ?? doc.profiles.find((p) => p.name === idOrName);
    if (!stored) throw new ProfileError('not-found', `no profile ${JSON.stringify(idOrName)}`);
    const { profile, missing } = await fromStored(stored, this.secrets);
    return { profile, missingSecrets: missing };
  }

  /** Create (no id) or update from a renderer input. Answers the redacted view. */
  async save(input: ProfileInput): Promise<ProfileView> {
    const existing = input.id ? (await this.get(input.id)).profile : undefined;
    if (input.id && existing?.id !== input.id) throw new ProfileError('not-found', `no profile ${JSON.stringify(input.id)}`);
    const { profile, errors } = applyProfileInput(input, existing, this.newId);
    if (errors.length) throw invalidProfile(errors);
    return this.put(profile);
  }

  /** The full profile an unsaved input describes (stored secrets kept), validated but not stored: to test it. */
  async draft(input: ProfileInput): Promise<ClusterProfile> {
    const existing = input.id ? (await this.get(input.id)).profile : undefined;
    let n = 0;
    const { profile, errors } = applyProfileInput(input, existing, () => `draft-${++n}`);
    const all = [...errors, ...validateProfile(profile)];
    if (all.length) throw invalidProfile(all);
    return profile;
  }

  /** Store a full profile as is (import, demo). A missing id gets a new one. */
  async put(profile: ClusterProfile): Promise<ProfileView> {
    const p = profile.id ? profile : { ...profile, id: this.newId() };
    const errors = validateProfile(p);
    if (errors.length) throw invalidProfile(errors);
    const doc = await this.document();
    const { stored, secrets } = toStored(p);
    const i = doc.profiles.findIndex((x) => x.id === p.id);
    const oldRefs = i >= 0 ? storedSecretRefs(doc.profiles[i]) : [];
    // Values first, then the document, then stale values: a crash leaves orphaned values, never dangling refs.
    for (const [ref, value] of secrets) await this.secrets.set(ref, value);
    if (i >= 0) doc.profiles[i] = stored;
    else doc.profiles.push(stored);
    if (doc.activeId === null) doc.activeId = p.id;
    await this.storage.save(doc);
    for (const ref of oldRefs) if (!secrets.has(ref)) await this.secrets.delete(ref);
    return redactProfile(p);
  }

  async delete(id: string): Promise<void> {
    const doc = await this.document();
    const i = doc.profiles.findIndex((p) => p.id === id);
    if (i < 0) throw new ProfileError('not-found', `no profile ${JSON.stringify(id)}`);
    const [gone] = doc.profiles.splice(i, 1);
    if (doc.activeId === id) doc.activeId = doc.profiles[0]?.id ?? null;
    await this.storage.save(doc);
    for (const ref of storedSecretRefs(gone)) await this.secrets.delete(ref);
  }

  /** A copy with new ids, " (copy)" appended to the name, and its own copies of the secrets. */
  async duplicate(id: string): Promise<ProfileView> {
    const { profile } = await this.get(id);
    const doc = await this.document();
    const names = new Set(doc.profiles.map((p) => p.name));
    let name = `${profile.name} (copy)`;
    for (let k = 2; names.has(name); k++) name = `${profile.name} (copy ${k})`;
    const copy: ClusterProfile = { ...profile, id: this.newId(), name, nodes: profile.nodes.map((n) => ({ ...n, id: this.newId() })) };
    delete copy.demo;
    return this.put(copy);
  }

  async setActive(id: string): Promise<void> {
    const doc = await this.document();
    if (!doc.profiles.some((p) => p.id === id)) throw new ProfileError('not-found', `no profile ${JSON.stringify(id)}`);
    doc.activeId = id;
    await this.storage.save(doc);
  }

  /** A new profile from the remote_read sections of a prometheus.yml (inline secrets go to the SecretStore). */
  async importYaml(yaml: string, name: string): Promise<{ view: ProfileView; warnings: string[] }> {
    const { profile, warnings } = importPrometheusYaml(yaml, { name, newId: this.newId });
    return { view: await this.put(profile), warnings };
  }

  async exportYaml(id: string, includeSecrets = false): Promise<string> {
    return exportPrometheusYaml((await this.get(id)).profile, { includeSecrets });
  }
}
