// Node side of the renderer benchmark: bundles page.ts with esbuild, serves it and a streamed binary result from a
// tiny loopback HTTP server, and drives headless Chromium (webdriverio + chromedriver) to run it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { remote } from 'webdriverio';
import type { RendererBenchResult } from './page';

export const CHROMIUM_BIN = process.env.RRX_CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMEDRIVER_BIN = process.env.RRX_CHROMEDRIVER_BIN ?? '/usr/bin/chromedriver';

export interface RendererBenchOptions {
  series: number;
  points: number;
  rounds: number;
}

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    alias: { '@shared': fileURLToPath(new URL('../../shared', import.meta.url)) },
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Per series: the point count, then its timestamps and values as little-endian float64 — sent a few series at a time. */
async function writeStream(res: import('node:http').ServerResponse, o: RendererBenchOptions): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const t0 = 1_736_121_600_000;
  for (let s = 0; s < o.series; s++) {
    const rec = new Float64Array(1 + 2 * o.points);
    rec[0] = o.points;
    for (let i = 0; i < o.points; i++) {
      rec[1 + i] = t0 + i * 15_000;
      rec[1 + o.points + i] = 100 + 50 * Math.sin(i / 40 + s) + (s % 13);
    }
    res.write(Buffer.from(rec.buffer));
    // Let the bytes leave in pieces, as a long remote_read result does.
    if (s % 10 === 9) await new Promise((r) => setTimeout(r, 2));
  }
  res.end();
}

function serve(js: string, o: RendererBenchOptions): Promise<Server> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>rrx renderer bench</title></head><body><div id="chart"></div><script src="/page.js"></script></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (req.url === '/stream') void writeStream(res, o);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function runRendererBench(o: RendererBenchOptions): Promise<RendererBenchResult & { chromium: string }> {
  const server = await serve(await bundle(), o);
  const port = (server.address() as AddressInfo).port;
  const browser = await remote({
    logLevel: 'warn',
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM_BIN,
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--window-size=1400,900'],
      },
      'wdio:chromedriverOptions': { binary: CHROMEDRIVER_BIN },
    },
  });
  try {
    await browser.setTimeout({ script: 180_000 });
    await browser.url(`http://127.0.0.1:${port}/`);
    const result = (await browser.executeAsync(
      (n: number, p: number, rounds: number, done: (r: unknown) => void) => {
        const run = (window as unknown as { rrxBench: (n: number, p: number, r: number) => Promise<unknown> }).rrxBench;
        run(n, p, rounds).then(done, (e: Error) => done({ error: String(e?.stack ?? e) }));
      },
      o.series,
      o.points,
      o.rounds,
    )) as RendererBenchResult | { error: string };
    if ('error' in result) throw new Error(`renderer bench page failed: ${result.error}`);
    const caps = browser.capabilities as { browserVersion?: string };
    return { ...result, chromium: caps.browserVersion ?? 'unknown' };
  } finally {
    await browser.deleteSession().catch(() => undefined);
    await new Promise((r) => server.close(r));
  }
}
