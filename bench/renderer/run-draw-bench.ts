// Node side of the renderer draw benchmark: bundles page.ts with esbuild, serves it from a tiny loopback HTTP
// server, and drives headless Chromium (webdriverio + chromedriver) to run it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromiumVersion, openChromium } from './chromium';
import type { DrawBenchResult } from './page';

export interface DrawBenchOptions {
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

function serve(js: string): Promise<Server> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>rrx renderer bench</title></head><body><div id="chart"></div><script src="/page.js"></script></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function runDrawBench(o: DrawBenchOptions): Promise<DrawBenchResult & { chromium: string }> {
  const server = await serve(await bundle());
  const port = (server.address() as AddressInfo).port;
  const browser = await openChromium();
  try {
    await browser.url(`http://127.0.0.1:${port}/`);
    const result = (await browser.executeAsync(
      (n: number, p: number, rounds: number, done: (r: unknown) => void) => {
        const run = (window as unknown as { rrxBench: (n: number, p: number, r: number) => Promise<unknown> }).rrxBench;
        run(n, p, rounds).then(done, (e: Error) => done({ error: String(e?.stack ?? e) }));
      },
      o.series,
      o.points,
      o.rounds,
    )) as DrawBenchResult | { error: string };
    if ('error' in result) throw new Error(`renderer bench page failed: ${result.error}`);
    return { ...result, chromium: chromiumVersion(browser) };
  } finally {
    await browser.deleteSession().catch(() => undefined);
    await new Promise((r) => server.close(r));
  }
}
