// Types that cross the IPC/bridge boundary. Plain data only (typed arrays allowed); never a secret value.

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is hosted. */
  mode: 'electron' | 'bridge';
  versions: { node: string; electron?: string; chrome?: string };
  platform: string;
  /** Where Save suggests putting a new workspace (an absolute directory on the app's machine). */
  workspaceDir?: string;
}

export type NodeReadState = 'pending' | 'reading' | 'done' | 'failed' | 'cancelled';

export interface QueryProgressEvent {
  queryId: string;
  node: string;
  state: NodeReadState;
  bytes: number;
  series: number;
  samples: number;
  error?: string;
}

/** A running "serve this cluster to Grafana" endpoint: paste `url` into a Grafana Prometheus datasource. */
export interface GrafanaServerStatus {
  profileId: string;
  profileName: string;
  url: string;
  port: number;
}
