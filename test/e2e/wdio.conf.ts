// wdio 9 in Debian's Chromium (headless) against the loopback bridge — the real renderer, the real core. Each test's
// outcome is appended to a results file that `npm test` counts; failures leave a screenshot in test/e2e/artifacts.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridgeProcess, type BridgeProcess } from './bridge-process';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ARTIFACTS = join(here, 'artifacts');
const CHROMIUM = process.env.RRX_CHROMIUM_BIN ?? '/usr/bin/chromium';
const CHROMEDRIVER = process.env.RRX_CHROMEDRIVER_BIN ?? '/usr/bin/chromedriver';
const RESULTS = process.env.RRX_E2E_RESULTS;

let bridge: BridgeProcess | undefined;

export const config: WebdriverIO.Config = {
  runner: 'local',
  autoXvfb: false,
  specs: [join(here, 'specs/**/*.e2e.ts')],
  maxInstances: 1,
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 15_000,
  connectionRetryTimeout: 120_000,
  connectionRetryCount: 2,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 240_000 },
  capabilities: [
    {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--window-size=1400,900',
        ],
      },
      'wdio:chromedriverOptions': { binary: CHROMEDRIVER },
    },
  ],

  async onPrepare() {
    for (const [bin, pkg] of [[CHROMIUM, 'chromium'], [CHROMEDRIVER, 'chromium-driver']] as const) {
      if (!existsSync(bin)) throw new Error(`${bin} is missing: install it with "apt-get install -y ${pkg}".`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
  },

  // Every spec file gets its own bridge and data folder (a first start with the demo cluster), so specs never see
  // each other's profiles, history or recent files. This runs in the spec's worker, before the spec.
  async before() {
    const dataDir = mkdtempSync(join(tmpdir(), 'rrx-e2e-data-'));
    // Save suggests this folder: the test's own, never the home directory of whoever runs the tests.
    const workspaceDir = join(dataDir, 'workspaces');
    mkdirSync(workspaceDir);
    bridge = await startBridgeProcess({ RRX_DATA_DIR: dataDir, RRX_WORKSPACE_DIR: workspaceDir });
    process.env.RRX_E2E_WORKSPACE_DIR = workspaceDir;
    process.env.RRX_E2E_URL = bridge.url;
    process.env.RRX_E2E_TOKEN = bridge.token;
    process.env.RRX_E2E_PORT = String(bridge.port);
  },

  async after() {
    await bridge?.stop();
  },

  async afterTest(test, _context, result) {
    const name = `${test.parent} — ${test.title}`;
    if (!result.passed) {
      const file = join(ARTIFACTS, `FAILED-${name.replace(/[^a-z0-9]+/gi, '_').slice(0, 120)}.png`);
      await browser.saveScreenshot(file).catch(() => undefined);
    }
    if (RESULTS) appendFileSync(RESULTS, JSON.stringify({ name, passed: result.passed }) + '\n');
  },
};
