// Public surface of the remote_read client for the rest of the core (fan-out, CLI, bridge). Decoders, wire
// helpers and transport internals stay private to this folder.
export { remoteRead, endpointDisplayName, type RemoteReadOptions, type RemoteReadResult } from './client';
export { RemoteReadError, isRemoteReadError, type RemoteReadErrorKind } from './errors';
export { DEFAULT_READ_LIMITS, type ReadLimits, type ReadProgress } from './limits';
export type { RemoteReadWarning, RemoteReadWarningKind } from './warnings';
export { stripUserinfo, hostOf } from './redact';
export { parseSelector, SelectorError } from './selector';
export * from './endpoint-config';
