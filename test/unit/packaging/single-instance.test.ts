// Finding the .rrxw workspace a launch asks for (second instance, first launch, Linux %U URLs) and queuing paths
// that arrive before the window listens. Pure parts of electron/main/single-instance.ts; no Electron here.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkspaceInbox, findWorkspaceArg, isWorkspacePath } from '../../../electron/main/single-instance';

const EXE = '/opt/Remote Read Explorer/remote-read-explorer';

describe('findWorkspaceArg', () => {
  it('finds an absolute workspace path after the executable', () => {
    expect(findWorkspaceArg([EXE, '/home/ana/ha.rrxw'], '/tmp')).toBe('/home/ana/ha.rrxw');
  });

  it('resolves a relative path against the launching working directory', () => {
    expect(findWorkspaceArg([EXE, 'work/ha.rrxw'], '/home/ana')).toBe(resolve('/home/ana', 'work/ha.rrxw'));
  });

  it('skips switches, including the ones Chromium adds to a second instance', () => {
    expect(findWorkspaceArg([EXE, '--allow-file-access-from-files', '--original-process-start-time=1337', '/w/a.rrxw'], '/')).toBe('/w/a.rrxw');
    expect(findWorkspaceArg([EXE, '--workspace=/w/a.rrxw'], '/')).toBeUndefined();
  });

  it('takes arguments after -- literally', () => {
    expect(findWorkspaceArg([EXE, '--', '-odd name.rrxw'], '/w')).toBe(resolve('/w', '-odd name.rrxw'));
  });

  it('accepts file:// URLs as Linux desktop entries pass them with %U', () => {
    const p = '/home/ana/my workspaces/ha pair.rrxw';
    expect(findWorkspaceArg([EXE, pathToFileURL(p).href], '/')).toBe(p);
  });

  it('keeps Windows drive paths as they are', () => {
    expect(findWorkspaceArg(['C:\\Program Files\\RRX\\rrx.exe', 'C:\\Users\\ana\\ha.RRXW'], 'C:\\')).toBe('C:\\Users\\ana\\ha.RRXW');
  });

  it('ignores the executable itself, other files and a dev launch (electron .)', () => {
    expect(findWorkspaceArg(['/x/ha.rrxw'], '/')).toBeUndefined();
    expect(findWorkspaceArg([EXE, '/home/ana/notes.txt', 'rrxw'], '/')).toBeUndefined();
    expect(findWorkspaceArg(['/usr/bin/electron', '.'], '/repo')).toBeUndefined();
  });

  it('takes the last workspace when several are given', () => {
    expect(findWorkspaceArg([EXE, '/a.rrxw', '/b.rrxw'], '/')).toBe('/b.rrxw');
  });

  it('recognises the extension case-insensitively', () => {
    expect(isWorkspacePath('/a/B.RrXw')).toBe(true);
    expect(isWorkspacePath('/a/b.rrxw.bak')).toBe(false);
  });
});

describe('WorkspaceInbox', () => {
  it('keeps paths in order until the renderer takes them, once', () => {
    const inbox = new WorkspaceInbox();
    inbox.deliver('/a.rrxw');
    inbox.deliver(undefined);
    inbox.deliver('/b.rrxw');
    expect(inbox.take()).toEqual(['/a.rrxw', '/b.rrxw']);
    expect(inbox.take()).toEqual([]);
    inbox.deliver('/c.rrxw');
    expect(inbox.take()).toEqual(['/c.rrxw']);
  });
});
