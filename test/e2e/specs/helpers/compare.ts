// wdio helpers for the comparison specs: record which bridge calls the page makes (what it hands the wire worker,
// or fetches itself when there is none), read the findings table, run a panel in the Compare view, and read the
// shared x range the charts show.
import { panel, runWithShortcut, tid } from './workbench';

/** Records every /api/call/<name> the page makes in window.__rrxCalls (reset on each call of this). */
export async function recordApiCalls(): Promise<void> {
  await browser.execute(() => {
    const w = window as unknown as { __rrxCalls: string[]; __rrxRecording?: boolean };
    w.__rrxCalls = [];
    if (w.__rrxRecording) return;
    w.__rrxRecording = true;
    const note = (url: string): void => {
      const m = /\/api\/call\/([^?]+)/.exec(url);
      if (m) w.__rrxCalls.push(decodeURIComponent(m[1]));
    };
    // Calls are fetched by the wire worker: the request travels to it in a message.
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [StructuredSerializeOptions?]) {
      const url = (message as { req?: { url?: unknown } } | null)?.req?.url;
      if (typeof url === 'string') note(url);
      return post.call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
    const orig = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      note(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return orig(input, init);
    };
  });
}

export async function recordedCalls(): Promise<string[]> {
  return browser.execute(() => (window as unknown as { __rrxCalls?: string[] }).__rrxCalls ?? []);
}

export interface FindingRow {
  kind: string;
  node: string;
  severity: string;
  durationMs: number;
  startMs: number;
  endMs: number;
}

export async function findingRows(index = 0): Promise<FindingRow[]> {
  const p = await panel(index);
  const rows = await p.$$(tid('finding-row'));
  const out: FindingRow[] = [];
  for (const r of rows) {
    out.push({
      kind: (await r.getAttribute('data-kind')) ?? '',
      node: (await r.getAttribute('data-node')) ?? '',
      severity: (await r.getAttribute('data-severity')) ?? '',
      durationMs: Number(await r.getAttribute('data-duration-ms')),
      startMs: Number(await r.getAttribute('data-start-ms')),
      endMs: Number(await r.getAttribute('data-end-ms')),
    });
  }
  return out;
}

/** Switches the panel to the Compare view and runs it; resolves once the comparison is on screen. */
export async function runCompare(index = 0, timeout = 90_000): Promise<WebdriverIO.Element> {
  const p = await panel(index);
  await (await p.$(tid('view-compare'))).click();
  const state = await runWithShortcut(index, timeout);
  if (state !== 'done') throw new Error(`the query ended in state ${state}`);
  const view = await p.$(tid('compare-view'));
  await view.waitForDisplayed({ timeout: 10_000 });
  return view as unknown as WebdriverIO.Element;
}

export async function xRangeOf(el: { getAttribute(name: string): Promise<string | null> }): Promise<{ min: number; max: number }> {
  return { min: Number(await el.getAttribute('data-x-min')), max: Number(await el.getAttribute('data-x-max')) };
}

export async function setRangePreset(label: string, index = 0): Promise<void> {
  const p = await panel(index);
  await (await p.$(tid('range-button'))).click();
  await (await $(tid(`range-preset-${label}`))).click();
}
