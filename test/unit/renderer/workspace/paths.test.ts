import { describe, expect, it } from 'vitest';
import { checkPath, dirname, isAbsolutePath, joinPath, safeStem, suggestPath } from '../../../../renderer/src/lib/workspace/paths';

const recent = [{ path: '/srv/inc/a.rrxw', name: 'a', openedAtMs: 2 }, { path: '/tmp/b.rrxw', name: 'b', openedAtMs: 1 }];

describe('path suggestions and checks', () => {
  it('suggests the current file, else the most recent directory, else nothing', () => {
    expect(suggestPath({ currentPath: '/x/y.rrxw', recent, stem: 'z' })).toBe('/x/y.rrxw');
    expect(suggestPath({ currentPath: null, recent, stem: 'rate(x[5m])' })).toBe('/srv/inc/rate-x-5m.rrxw');
    expect(suggestPath({ currentPath: '/x/y.rrxw', recent, stem: 'y-bundle', ext: '.zip' })).toBe('/x/y-bundle.zip');
    expect(suggestPath({ currentPath: null, recent: [], stem: 'z' })).toBeNull();
    expect(suggestPath({ currentPath: null, recent: [{ path: 'C:\\inc\\a.rrxw', name: 'a', openedAtMs: 1 }], stem: 'n' })).toBe('C:\\inc\\n.rrxw');
  });
  it('checks typed paths with sentences that say what to do', () => {
    expect(checkPath('  /a/b  ')).toEqual({ ok: true, path: '/a/b.rrxw' });
    expect(checkPath('/a/b.rrxw')).toEqual({ ok: true, path: '/a/b.rrxw' });
    expect(checkPath('/a/b', '.zip')).toEqual({ ok: true, path: '/a/b.zip' });
    expect(checkPath('C:\\inc\\x')).toEqual({ ok: true, path: 'C:\\inc\\x.rrxw' });
    expect(checkPath('~/x.rrxw')).toMatchObject({ ok: false, message: expect.stringContaining('~') });
    expect(checkPath('x.rrxw')).toMatchObject({ ok: false, message: expect.stringContaining('full path') });
    expect(checkPath('/a/')).toMatchObject({ ok: false, message: expect.stringContaining('directory') });
    expect(checkPath('')).toMatchObject({ ok: false });
  });
  it('small path helpers', () => {
    expect(dirname('/a/b/c.rrxw')).toBe('/a/b');
    expect(dirname('/c.rrxw')).toBe('/');
    expect(joinPath('/a/', 'b')).toBe('/a/b');
    expect(isAbsolutePath('\\\\server\\share')).toBe(true);
    expect(safeStem('...')).toBe('workspace');
  });
});
