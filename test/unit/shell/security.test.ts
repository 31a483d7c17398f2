// Electron's security checklist, checked on the settings the shell applies (the binary is not needed).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, WEB_PREFERENCES, isAppUrl } from '../../../electron/main/security';

const root = new URL('../../../', import.meta.url).pathname;

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([k, ...v]) => [k, v]));
}

describe('secure shell settings', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WEB_PREFERENCES.disableBlinkFeatures).toBe('Auxclick');
  });

  it('has a strict CSP: no remote origins, no eval', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|wss?:/);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('the CSP meta tag of index.html says the same (minus frame-ancestors, which meta cannot carry)', () => {
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const want = directives(CONTENT_SECURITY_POLICY);
    want.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(want);
  });

  it('denies every permission request', () => {
    expect(ALLOWED_PERMISSIONS).toEqual([]);
  });

  it('trusts only the app’s own pages', () => {
    const rootUrl = 'file:///opt/rrx/out/renderer/';
    expect(isAppUrl('file:///opt/rrx/out/renderer/index.html', rootUrl)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', rootUrl)).toBe(false);
    expect(isAppUrl('https://example.com/', rootUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', rootUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', rootUrl, 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('not a url', rootUrl)).toBe(false);
  });

  it('the window applies exactly these settings, blocks navigation and window.open', () => {
    const src = readFileSync(join(root, 'electron/main/window.ts'), 'utf8');
    const block = /webPreferences: \{([\s\S]*?)\n {4}\}/.exec(src)?.[1] ?? '';
    const literal = Object.fromEntries(
      [...block.matchAll(/^\s*(\w+): ([^,]+),/gm)].filter(([, k]) => k !== 'preload').map(([, k, v]) => [k, JSON.parse(v.replace(/'/g, '"'))]),
    );
    expect(literal).toEqual({ ...WEB_PREFERENCES });
    expect(src).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(src).not.toContain('openExternal');
    expect(src).toContain("'will-navigate'");
    const main = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain('setPermissionRequestHandler');
    expect(main).toContain('app.enableSandbox()');
  });

  it('no file under electron/ outside main/ and preload/ imports electron', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|cjs)$/.test(f) && /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(join(root, 'electron/core'));
    expect(offenders).toEqual([]);
  });
});
