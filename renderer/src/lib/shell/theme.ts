// Light/dark theme: follows the OS (prefers-color-scheme) until the user picks one; the choice persists in
// localStorage. Pure resolution plus two small DOM helpers.

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';
export const THEME_KEY = 'rrx.theme';

export function resolveTheme(pref: ThemePreference, systemDark: boolean): Theme {
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

/** Toggling from "system" picks the opposite of what is shown now, so one click always changes the screen. */
export function toggledPreference(pref: ThemePreference, systemDark: boolean): ThemePreference {
  return resolveTheme(pref, systemDark) === 'dark' ? 'light' : 'dark';
}

export function parsePreference(v: string | null): ThemePreference {
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function loadPreference(storage: Pick<Storage, 'getItem'> = localStorage): ThemePreference {
  try {
    return parsePreference(storage.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

export function savePreference(pref: ThemePreference, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  try {
    if (pref === 'system') storage.removeItem(THEME_KEY);
    else storage.setItem(THEME_KEY, pref);
  } catch {
    // Private mode or a full quota: the theme still applies for this session.
  }
}
