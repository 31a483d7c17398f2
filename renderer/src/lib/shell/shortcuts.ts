// Keyboard shortcuts of the workbench: one table, used both to dispatch key events and to render the help popover.
// Pure: matching takes a plain key-event shape.

export type ShortcutAction =
  | 'query.run'
  | 'panel.new'
  | 'panel.close'
  | 'theme.toggle'
  | 'help.toggle'
  | 'editor.focus'
  | 'profiles.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.open';

export interface Shortcut {
  action: ShortcutAction;
  /** "Mod" = Ctrl on Linux/Windows, Cmd on macOS. */
  keys: string;
  description: string;
  /** Handled inside the editor (CodeMirror keymap) rather than globally. */
  editorOnly?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'query.run', keys: 'Mod+Enter', description: 'Run the query of the focused panel' },
  { action: 'panel.new', keys: 'Mod+T', description: 'Add a query panel (desktop app; browsers keep Ctrl+T for a new tab)' },
  { action: 'panel.new', keys: 'Alt+T', description: 'Add a query panel (works in the browser too)' },
  { action: 'editor.focus', keys: '/', description: 'Focus the expression of the first panel' },
  { action: 'theme.toggle', keys: 'Alt+Shift+D', description: 'Switch light / dark theme' },
  { action: 'theme.toggle', keys: 'Mod+Shift+D', description: 'Switch light / dark theme (desktop app menu)' },
  { action: 'profiles.open', keys: 'Alt+P', description: 'Open cluster profiles' },
  { action: 'file.save', keys: 'Mod+S', description: 'Save the workspace' },
  { action: 'file.saveAs', keys: 'Mod+Shift+S', description: 'Save the workspace as…' },
  { action: 'file.open', keys: 'Mod+O', description: 'Open a workspace' },
  { action: 'help.toggle', keys: 'Shift+?', description: 'Show or hide this help' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

function parseKeys(keys: string): { mod: boolean; alt: boolean; shift: boolean; key: string } {
  const parts = keys.split('+');
  const key = parts.pop()!;
  return { mod: parts.includes('Mod'), alt: parts.includes('Alt'), shift: parts.includes('Shift'), key };
}

export function matchShortcut(e: KeyLike, isMac: boolean, inTextField: boolean): ShortcutAction | null {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  for (const s of SHORTCUTS) {
    const p = parseKeys(s.keys);
    if (p.mod !== mod || p.alt !== e.altKey) continue;
    // Shift is implied by "?" on most layouts; compare it only for letter/Enter shortcuts.
    if (p.key !== '?' && p.shift !== e.shiftKey) continue;
    if (e.key.toLowerCase() !== p.key.toLowerCase() && !(p.key.length === 1 && e.key.toUpperCase() === p.key.toUpperCase())) continue;
    // Plain-character shortcuts must not steal typing.
    if (inTextField && !p.mod && !p.alt) continue;
    return s.action;
  }
  return null;
}

/** "Mod" spelled for this platform, for display. */
export function displayKeys(keys: string, isMac: boolean): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl');
}
