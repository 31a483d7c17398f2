// Headless Chromium for the renderer benchmarks, with the same flags as the E2E runs (software rendering).
import { existsSync } from 'node:fs';
import { remote } from 'webdriverio';

export const CHROMIUM_BIN = process.env.RRX_CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMEDRIVER_BIN = process.env.RRX_CHROMEDRIVER_BIN ?? '/usr/bin/chromedriver';

export type BenchBrowser = Awaited<ReturnType<typeof remote>>;

export async function openChromium(): Promise<BenchBrowser> {
  for (const [bin, pkg] of [[CHROMIUM_BIN, 'chromium'], [CHROMEDRIVER_BIN, 'chromium-driver']] as const) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: install it with "apt-get install -y ${pkg}".`);
  }
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
  await browser.setTimeout({ script: 180_000 });
  return browser;
}

export function chromiumVersion(browser: BenchBrowser): string {
  return (browser.capabilities as { browserVersion?: string }).browserVersion ?? 'unknown';
}
