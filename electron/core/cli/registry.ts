// Every `rrx` subcommand, in the order `rrx --help` lists them. Names and summaries live here so `rrx --help` and
// `rrx version` load nothing else: each command's module (and the engine, yaml, protobufjs… behind it) is imported
// only when that command runs — a separate chunk in the bundled CLI. Adding a command = one entry here.
// test/unit/cli/registry.test.ts checks each summary against the one its module declares.
import type { CliCommand } from './command';

export interface CommandEntry {
  name: string;
  /** One line for `rrx --help`; equal to the loaded command's `summary`. */
  summary: string;
  /** True when the command never evaluates PromQL, so the process starts no evaluation worker for it. */
  noEval?: true;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'query', summary: 'evaluate PromQL over the merged replicas of a cluster', load: async () => (await import('./commands/query')).queryCommand },
  { name: 'compare', summary: 'report gaps and disagreements between the replicas of a cluster', load: async () => (await import('./commands/compare')).compareCommand },
  { name: 'read', summary: 'read raw series over remote_read (one endpoint, or a cluster merged)', noEval: true, load: async () => (await import('./commands/read')).readCommand },
  { name: 'snapshot', summary: 'save queries and the raw samples they read as a workspace file, for offline use', load: async () => (await import('./commands/snapshot')).snapshotCommand },
  { name: 'export', summary: 'write CSV (or JSON) of workspace panels from their saved data, offline', load: async () => (await import('./commands/export')).exportCommand },
  { name: 'serve-api', summary: 'serve a Prometheus-compatible query API (for Grafana) over the merged cluster', load: async () => (await import('./commands/serve-api')).serveApiCommand },
  { name: 'rules', summary: 'check rule files, and backtest alerting and recording rules on each replica and merged', load: async () => (await import('./commands/rules')).rulesCommand },
  { name: 'version', summary: 'print the version of rrx', noEval: true, load: async () => (await import('./commands/version')).versionCommand },
];
