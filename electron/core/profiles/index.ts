// Public surface of cluster profiles. Import from here.
export type { ClusterProfile, Compat, FieldError, PartialPolicy, ProfileNode, ProfilesDocument, SecretRef, StoredEndpoint, StoredProfile } from './types';
export { ProfileError, formatFieldError } from './types';
export type { ProfileErrorKind } from './types';
export { validateProfile, validateEndpoint } from './validate';
export { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrateDocument, emptyDocument } from './migrations';
export { MemorySecretStore, type SecretStore } from './secret-store';
export { EnvSecretStore, envSlug } from './env-secret-store';
export { splitEndpointSecrets, joinEndpointSecrets, nodeSecretPrefix, endpointSecretRefs } from './endpoint-secrets';
export { redactProfile, redactEndpoint } from './redact';
export { applyProfileInput } from './apply-input';
export { MemoryProfileStorage, type ProfileStorage } from './storage';
export { JsonFileProfileStorage } from './json-file-storage';
export { ProfileRepository } from './repository';
export { loadCliProfile } from './cli-profile';
export { clusterSpecOf } from './cluster-spec';
export { parsePromDuration, formatPromDuration, DurationError } from './duration';
export { importPrometheusYaml, exportPrometheusYaml, defaultNodeName } from './prometheus-yaml';
export type { ImportOptions, ImportResult, ExportOptions } from './prometheus-yaml';
