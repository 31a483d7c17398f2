// The workbench itself under a large query: the built renderer in headless Chromium against the loopback bridge
// (out/bridge/serve.mjs), a profile of two in-repo remote_read servers holding the same 500 series, and the query
// run the way a person runs it (range, fixed step, Ctrl+Enter). The browser's Long Tasks API watches the main
// thread from the key press — while both nodes stream, the result lands, is aligned and drawn — until every line
// of the new 500-series chart is painted; Long Animation Frame entries say which script a long task was.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Key } from 'webdriverio';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import type { ApiResult } from '@shared/api/define';
import { decodeWire, encodeWire } from '@shared/api/wire';
import { startBridgeProcess, type BridgeProcess } from '../../test/e2e/bridge-process';
import { chromiumVersion, openChromium } from './chromium';

export interface AppBenchOptions {
  series: number;
  /** Range of the query in minutes; at the 15 s step that is minutes × 4 + 1 points per series. */
  rangeMinutes: number;
  /** Runs of the query after the first one (which is reported on its own: the page's code is still cold then). */
  rounds: number;
}

export interface AppLongTask {
  /** ms after the key press. */
  startMs: number;
  durationMs: number;
  /** The scripts of the long animation frame it fell in (invoker and function), when the browser says. */
  scripts: string[];
}

export interface AppBenchRound {
  /** Key press until the new chart of every series reports all its lines painted. */
  runToPaintedMs: number;
  /** The new chart's appearance (uPlot made, axes drawn) until its lines are all painted: the drawing itself. */
  chartToPaintedMs: number;
  /** Longest task the Long Tasks API reported in that window (0: none over 50 ms). */
  longestTaskMs: number;
  /** Every task over 50 ms in that window. */
  longTasks: AppLongTask[];
}

export interface AppBenchResult {
  chromium: string;
  series: number;
  points: number;
  /** The first run of the page: the first large chart of a session, with nothing compiled yet. */
  first: AppBenchRound;
  rounds: AppBenchRound[];
  longtaskSupported: boolean;
}

const STEP_MS = 15_000;
const METRIC = 'rrx_bench_lines';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `n` series of 15 s samples covering the last `minutes` (+ 10 min of look-back), on a 15 s grid. */
function benchSeries(n: number, minutes: number): RawSeries[] {
  const end = Math.ceil(Date.now() / STEP_MS) * STEP_MS + 60_000;
  const count = Math.ceil(((minutes + 10) * 60_000) / STEP_MS);
  const start = end - count * STEP_MS;
  return Array.from({ length: n }, (_, s) => {
    const timestamps = new Float64Array(count);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      timestamps[i] = start + i * STEP_MS;
      values[i] = 100 + 50 * Math.sin(i / 40 + s) + (s % 17) * 3 + ((i * 7919 + s * 104729) % 100) / 20;
    }
    return { labels: { __name__: METRIC, instance: `host-${s % 50}:9100`, line: String(s) }, timestamps, values };
  });
}

async function call<T>(b: BridgeProcess, name: string, request: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${b.port}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${b.token}` },
    body: encodeWire(request),
  });
  const env = decodeWire(await res.text()) as ApiResult<T>;
  if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
  return env.value;
}

const tid = (id: string): string => `[data-testid="${id}"]`;

type Browser = Awaited<ReturnType<typeof openChromium>>;

interface PagePerf {
  lt: { start: number; dur: number }[];
  loaf: { start: number; dur: number; scripts: string[] }[];
}

/** Long tasks, and long animation frames for attribution, recorded by the page from here on. */
async function installObservers(browser: Browser): Promise<void> {
  await browser.execute(() => {
    const perf: PagePerf = { lt: [], loaf: [] };
    (window as unknown as { __rrxPerf: PagePerf }).__rrxPerf = perf;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) perf.lt.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask' });
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as unknown as { startTime: number; duration: number; renderStart: number; styleAndLayoutStart: number; scripts: { invoker: string; sourceFunctionName: string; duration: number }[] }[]) {
          const scripts = e.scripts.filter((s) => s.duration >= 5).map((s) => `${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''} ${Math.round(s.duration)} ms`);
          // The frame's rendering: rAF callbacks, then style and layout, then paint.
          const end = e.startTime + e.duration;
          if (e.renderStart > 0) scripts.push(`rendering ${Math.round(end - e.renderStart)} ms (style+layout+paint ${Math.round(end - e.styleAndLayoutStart)} ms)`);
          perf.loaf.push({ start: e.startTime, dur: e.duration, scripts });
        }
      }).observe({ type: 'long-animation-frame' });
    }
  });
}

/** One run: Ctrl+Enter, then wait for a new chart (data-plot moves on) with every series, all lines painted. */
async function runOnce(browser: Browser, editor: WebdriverIO.Element, series: number): Promise<AppBenchRound> {
  const chartSel = `${tid('query-panel')} ${tid('graph-chart')}`;
  const before = (await browser.execute((sel: string) => {
    const w = window as unknown as { __rrxPerf: PagePerf; __rrxT0: number };
    w.__rrxPerf.lt.length = 0;
    w.__rrxPerf.loaf.length = 0;
    return Number(document.querySelector(sel)?.getAttribute('data-plot') ?? 0);
  }, chartSel)) as number;
  await editor.click();
  await browser.execute(() => void ((window as unknown as { __rrxT0: number }).__rrxT0 = performance.now()));
  await browser.keys([Key.Ctrl, Key.Enter]);
  const outcome = (await browser.executeAsync(
    (sel: string, n: number, plotBefore: number, done: (r: unknown) => void) => {
      const deadline = performance.now() + 150_000;
      let madeAt = 0;
      const check = (): void => {
        const err = document.querySelector('[data-testid="query-panel"][data-state="error"]');
        if (err) return done({ error: err.textContent?.slice(0, 300) });
        const host = document.querySelector(sel);
        const fresh = Number(host?.getAttribute('data-plot') ?? 0) > plotBefore;
        if (fresh && !madeAt) madeAt = performance.now();
        if (fresh && host?.getAttribute('data-series') === String(n) && host.getAttribute('data-paint') === 'done') return done({ at: performance.now(), madeAt });
        if (performance.now() > deadline) return done({ error: 'the chart was not painted within 150 s' });
        setTimeout(check, 2);
      };
      check();
    },
    chartSel,
    series,
    before,
  )) as { at: number; madeAt: number } | { error: string };
  if ('error' in outcome) throw new Error(`app bench: ${outcome.error}`);
  // Long-task entries arrive asynchronously: give the observers a moment before reading them.
  await browser.pause(300);
  const { t0, perf } = (await browser.execute(() => {
    const w = window as unknown as { __rrxPerf: PagePerf; __rrxT0: number };
    return { t0: w.__rrxT0, perf: w.__rrxPerf };
  })) as { t0: number; perf: PagePerf };
  const longTasks = perf.lt
    .filter((t) => t.start >= t0 && t.start <= outcome.at)
    .map((t) => ({
      startMs: Math.round(t.start - t0),
      durationMs: Math.round(t.dur),
      scripts: perf.loaf.find((f) => f.start <= t.start + 1 && t.start < f.start + f.dur)?.scripts ?? [],
    }));
  return { runToPaintedMs: outcome.at - t0, chartToPaintedMs: outcome.at - outcome.madeAt, longestTaskMs: Math.max(0, ...longTasks.map((t) => t.durationMs)), longTasks };
}

export async function runAppBench(o: AppBenchOptions): Promise<AppBenchResult> {
  for (const f of ['out/bridge/serve.mjs', 'out/renderer/index.html']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run "npm run build" first.`);
  }
  const data = benchSeries(o.series, o.rangeMinutes);
  const servers: RemoteReadServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'rrx-bench-app-'));
  let bridge: BridgeProcess | undefined;
  let browser: Browser | undefined;
  try {
    for (let i = 0; i < 2; i++) servers.push(await startRemoteReadServer({ series: data }));
    bridge = await startBridgeProcess({ RRX_DATA_DIR: dataDir });
    const yaml = `remote_read:\n${servers.map((s, i) => `  - url: ${s.url}\n    name: replica-${i === 0 ? 'a' : 'b'}\n`).join('')}`;
    const profile = await call<{ id: string }>(bridge, 'profiles.importYaml', { yaml, name: 'bench' });
    await call(bridge, 'profiles.setActive', { id: profile.id });

    browser = await openChromium();
    await browser.url(bridge.url);
    const panel = await browser.$(tid('query-panel'));
    await panel.waitForExist({ timeout: 30_000 });
    await (await panel.$(tid('range-button'))).click();
    await (await panel.$(tid('range-duration'))).setValue(`${o.rangeMinutes}m`);
    await browser.keys([Key.Enter]);
    await (await panel.$(tid('resolution-mode'))).selectByAttribute('value', 'fixed');
    await (await panel.$(tid('resolution-fixed'))).setValue(`${STEP_MS / 1000}s`);
    await browser.keys([Key.Tab]);
    const editor = await panel.$('>>>.cm-content').getElement();
    await editor.click();
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await browser.keys(METRIC.split(''));
    await browser.keys([Key.Escape]);

    const longtaskSupported = (await browser.execute(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))) as boolean;
    if (!longtaskSupported) throw new Error('this Chromium does not report long tasks (PerformanceObserver "longtask")');
    await installObservers(browser);
    const first = await runOnce(browser, editor, o.series);
    const rounds: AppBenchRound[] = [];
    for (let r = 0; r < o.rounds; r++) rounds.push(await runOnce(browser, editor, o.series));
    return { chromium: chromiumVersion(browser), series: o.series, points: o.rangeMinutes * 4 + 1, first, rounds, longtaskSupported };
  } finally {
    await browser?.deleteSession().catch(() => undefined);
    await bridge?.stop();
    for (const s of servers) await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
