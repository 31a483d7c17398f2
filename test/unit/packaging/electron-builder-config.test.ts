// electron-builder.yml against electron-builder's own JSON schema, and the package it describes: every file it
// packages exists after `npm run build`, nothing else (sources, maps, tests) gets in, icons and .rrxw are in place.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
const resources = join(ROOT, config.directories?.buildResources ?? 'build');

/** The app's entry points and icon: what `npm run build` must have produced for an installer to work. */
const REQUIRED = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/rrx.mjs', 'resources/icon.png'];
const BUILD_HINT = 'run "npm run build" first: the packaging check reads the built out/ folder';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(relative(ROOT, p).split('\\').join('/'));
  }
  return out;
}

/** Glob → RegExp for the patterns `files` uses here: `**` spans folders, `*` stays inside one. */
function globRe(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\0').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\0/g, '.*');
  return new RegExp(`^${re}$`);
}

function minimatch(file: string, glob: string): boolean {
  return globRe(glob).test(file);
}

/** electron-builder's `files` semantics: in when some pattern includes it and no later `!pattern` excludes it. */
function packaged(files: readonly string[], patterns: readonly string[]): string[] {
  return files.filter((f) => {
    let inc = false;
    for (const p of patterns) {
      if (p.startsWith('!')) {
        if (minimatch(f, p.slice(1))) inc = false;
      } else if (minimatch(f, p)) inc = true;
    }
    return inc;
  });
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  });

  it('names the app and builds Linux AppImage + deb, macOS dmg and Windows NSIS', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Remote Read Explorer');
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toEqual(expect.arrayContaining(['dmg']));
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis']));
    expect(pkg.scripts.dist).toMatch(/npm run build && electron-builder --config electron-builder\.yml/);
  });

  it('associates .rrxw workspaces with the app on every OS', () => {
    const assoc = (config.fileAssociations as { ext: string; mimeType?: string; icon?: string }[]).find((a) => a.ext === 'rrxw');
    expect(assoc).toBeDefined();
    expect(config.linux.mimeTypes).toContain(assoc!.mimeType);
    // electron-builder turns an extension-less icon into <name>.icns (macOS) / <name>.ico (Windows) in buildResources.
    expect(existsSync(join(resources, `${assoc!.icon}.icns`)), `${assoc!.icon}.icns missing: node resources/make-icon-set.mjs`).toBe(true);
    expect(existsSync(join(resources, `${assoc!.icon}.ico`)), `${assoc!.icon}.ico missing: node resources/make-icon-set.mjs`).toBe(true);
  });

  it('has the icons each platform needs', () => {
    expect(readFileSync(join(ROOT, config.mac.icon)).subarray(0, 4).toString('ascii')).toBe('icns');
    expect([...readFileSync(join(ROOT, config.win.icon)).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const linuxSizes = readdirSync(join(ROOT, config.linux.icon)).map((f) => Number(/^(\d+)x\1\.png$/.exec(f)?.[1]));
    // AppImage and deb want at least a 256 px icon; smaller sizes keep menus crisp.
    expect(Math.max(...linuxSizes)).toBeGreaterThanOrEqual(256);
    expect(linuxSizes).toEqual(expect.arrayContaining([16, 32, 48, 128, 256]));
  });

  it("starts the packaged app at package.json's main, which the build produces", () => {
    expect(pkg.main.replace(/^\.\//, '')).toBe('out/main/index.cjs');
    expect(config.extraMetadata?.main ?? pkg.main.replace(/^\.\//, '')).toBe(pkg.main.replace(/^\.\//, ''));
  });

  it('packages every file the app needs after `npm run build`', () => {
    const missing = REQUIRED.filter((f) => !existsSync(join(ROOT, f)));
    expect(missing, `${missing.join(', ')} missing — ${BUILD_HINT}`).toEqual([]);
    const inPackage = packaged(walk(ROOT), config.files);
    for (const f of REQUIRED) expect(inPackage, `${f} is not matched by files:`).toContain(f);
  });

  it('packages nothing but built output: no sources, source maps, tests or configs', () => {
    expect(existsSync(join(ROOT, 'out')), BUILD_HINT).toBe(true);
    const inPackage = packaged(walk(ROOT), config.files);
    const stray = inPackage.filter((f) => /\.(ts|svelte|map)$/.test(f) || /^(test|electron|renderer|shared|scripts|bench)\//.test(f) || /(^|\/)(tsconfig|vitest|eslint)[^/]*$/.test(f));
    expect(stray).toEqual([]);
    expect(inPackage.every((f) => f.startsWith('out/') || ['bin/rrx.mjs', 'package.json', 'resources/icon.png'].includes(f))).toBe(true);
  });
});
