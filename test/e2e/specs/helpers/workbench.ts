// Small wdio helpers for the workbench specs: test-id selectors, typing into the CodeMirror editor of a panel, and
// running a query and waiting for its answer (the panel's data-runs counter moves on). The editor sits in a shadow
// root (CSP-safe styles), hence the `>>>` deep selectors.
import { Key } from 'webdriverio';

export const tid = (id: string): string => `[data-testid="${id}"]`;

export async function panel(index = 0): Promise<WebdriverIO.Element> {
  const panels = await $$(tid('query-panel'));
  return panels[index] as unknown as WebdriverIO.Element;
}

export async function editorText(index = 0): Promise<string> {
  const p = await panel(index);
  return (await p.$('>>>.cm-content')).getText();
}

/** Focuses the panel's editor and replaces its text by typing `text` key by key (so completion and brackets act). */
export async function typeExpression(text: string, index = 0, { clear = true } = {}): Promise<void> {
  const p = await panel(index);
  const content = await p.$('>>>.cm-content');
  await content.click();
  if (clear) {
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
  }
  for (const ch of text) await browser.keys(ch);
}

/** Presses Ctrl+Enter in the panel's editor and waits until that run has finished (result or error). */
export async function runWithShortcut(index = 0, timeout = 60_000): Promise<string> {
  const p = await panel(index);
  const before = Number(await p.getAttribute('data-runs'));
  await (await p.$('>>>.cm-content')).click();
  await browser.keys([Key.Ctrl, Key.Enter]);
  await browser.waitUntil(async () => Number(await p.getAttribute('data-runs')) > before, { timeout, timeoutMsg: 'query did not finish' });
  return (await p.getAttribute('data-state')) ?? '';
}

export async function legendVisibility(index = 0): Promise<boolean[]> {
  const p = await panel(index);
  const items = await p.$$(tid('legend-item'));
  const out: boolean[] = [];
  for (const it of items) out.push((await it.getAttribute('data-visible')) === 'true');
  return out;
}

/** Labels currently offered by the editor's completion list (empty when it is closed). */
export async function completionOptions(): Promise<string[]> {
  const items = await $$('>>>.cm-tooltip-autocomplete li');
  const out: string[] = [];
  for (const it of items) out.push((await it.getText()).trim());
  return out;
}
