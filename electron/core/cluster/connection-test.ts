// "Test connection", node by node, in plain words: name resolution, TCP, then a tiny real remote_read for each
// response type (which also proves TLS and auth), its latency, and the labels every series carries (most likely
// the node's external labels). Never says more about a secret than "rejected".
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { remoteRead } from '@core/remote-read/client';
import type { EndpointConfig, ResponseType } from '@core/remote-read/endpoint-config';
import { isRemoteReadError } from '@core/remote-read/errors';
import { hostOf } from '@core/remote-read/redact';
import type { ConnectionStep, NodeConnectionReport } from '@shared/api/profile-types';

export interface TestableNode {
  id: string;
  name: string;
  endpoint: EndpointConfig;
}

const TYPES: ResponseType[] = ['STREAMED_XOR_CHUNKS', 'SAMPLES'];
const TYPE_WORDS: Record<ResponseType, string> = { STREAMED_XOR_CHUNKS: 'streamed chunks', SAMPLES: 'samples' };

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no TCP answer within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(performance.now() - started);
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Labels shared, with one value, by every `up` series returned: on a Prometheus node, its external labels. Unknown without data. */
function commonLabels(series: { labels: Record<string, string> }[]): Record<string, string> | undefined {
  if (!series.length) return undefined;
  const out: Record<string, string> = { ...series[0].labels };
  delete out.__name__;
  for (const s of series.slice(1)) for (const k of Object.keys(out)) if (s.labels[k] !== out[k]) delete out[k];
  delete out.instance;
  delete out.job;
  return out;
}

export async function testNodeConnection(node: TestableNode, nowMs = Date.now(), timeoutMs = 10_000): Promise<NodeConnectionReport> {
  const steps: ConnectionStep[] = [];
  const host = hostOf(node.endpoint.url);
  const report = (ok: boolean, summary: string, extra: Partial<NodeConnectionReport> = {}): NodeConnectionReport => ({
    nodeId: node.id,
    nodeName: node.name,
    host,
    ok,
    steps,
    responseTypes: [],
    summary,
    ...extra,
  });
  let url: URL;
  try {
    url = new URL(node.endpoint.url);
  } catch {
    steps.push({ step: 'dns', ok: false, detail: 'The URL is not valid.' });
    return report(false, 'The URL is not valid.');
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const viaProxy = Boolean(node.endpoint.proxyUrl || node.endpoint.proxyFromEnvironment);
  if (!viaProxy) {
    const t0 = performance.now();
    try {
      const addr = await lookup(url.hostname);
      steps.push({ step: 'dns', ok: true, detail: `${url.hostname} resolves to ${addr.address}.`, ms: performance.now() - t0 });
    } catch (e) {
      steps.push({ step: 'dns', ok: false, detail: `${url.hostname} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'error'}).` });
      return report(false, `The host name ${url.hostname} does not resolve.`);
    }
    try {
      const ms = await tcpConnect(url.hostname, port, timeoutMs);
      steps.push({ step: 'tcp', ok: true, detail: `Port ${port} accepts connections.`, ms });
    } catch (e) {
      steps.push({ step: 'tcp', ok: false, detail: `Port ${port} does not accept connections (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` });
      return report(false, `Nothing answers on ${host}.`);
    }
  } else {
    steps.push({ step: 'tcp', ok: true, detail: 'Connecting through the configured proxy; DNS and TCP are the proxy’s.' });
  }

  const served: ResponseType[] = [];
  let latencyMs: number | undefined;
  let externalLabels: Record<string, string> | undefined;
  const query = [{ matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: nowMs - 60_000, endMs: nowMs }];
  for (const type of TYPES) {
    const t0 = performance.now();
    try {
      const res = await remoteRead({ ...node.endpoint, acceptedResponseTypes: [type], remoteTimeoutMs: Math.min(timeoutMs, node.endpoint.remoteTimeoutMs ?? timeoutMs) }, query, { limits: { maxSamples: 1_000_000 } });
      const ms = performance.now() - t0;
      latencyMs = latencyMs === undefined ? ms : Math.min(latencyMs, ms);
      if (!served.includes(res.responseType)) served.push(res.responseType);
      externalLabels ??= commonLabels(res.results[0]);
      if (url.protocol === 'https:' && !steps.some((s) => s.step === 'tls')) steps.push({ step: 'tls', ok: true, detail: 'The TLS handshake succeeded and the certificate was accepted.' });
      if (!steps.some((s) => s.step === 'auth')) steps.push({ step: 'auth', ok: true, detail: 'The request was accepted.' });
      steps.push({ step: 'read', ok: true, detail: `Asked for ${TYPE_WORDS[type]}: answered with ${TYPE_WORDS[res.responseType]} in ${Math.round(ms)} ms (${res.results[0].length} series of up).`, ms });
    } catch (e) {
      const kind = isRemoteReadError(e) ? e.kind : 'internal';
      const message = isRemoteReadError(e) ? e.toUserMessage() : (e as Error).message;
      const step: ConnectionStep['step'] = kind === 'tls' ? 'tls' : kind === 'auth' ? 'auth' : 'read';
      steps.push({ step, ok: false, detail: message });
      return report(false, message, { responseTypes: served });
    }
  }
  const words = served.map((t) => TYPE_WORDS[t]).join(' and ');
  return report(true, `OK: answered a remote_read in ${Math.round(latencyMs ?? 0)} ms; serves ${words}.`, {
    responseTypes: served,
    latencyMs,
    externalLabels,
  });
}
