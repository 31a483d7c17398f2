// Public face of the query API server for the CLI and the desktop app.
export { DEFAULT_LISTEN, startQueryApiServer, type QueryApiServer, type QueryApiServerOptions } from './server';
export { ListenError, isLoopbackHost, parseListen, type ListenAddress } from './access';
export { DEFAULT_LOOKUP_WINDOW_MS } from './match-params';
export { DEFAULT_GATE, type QueryGateOptions } from './query-gate';
