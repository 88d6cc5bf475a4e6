/** The two colour themes. */
export type Theme = 'light' | 'dark';

/** Where an explicit choice is remembered; without one the system preference decides. */
export const THEME_STORAGE_KEY = 'gloss.theme';

/** The remembered theme, or null when the user never chose one. */
export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** The theme the operating system asks for. */
export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Remembers an explicit choice. */
export function rememberTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Without storage the choice lasts for this session only.
  }
}

/** Applies a theme to the page: styles.css keys every colour on `data-theme`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
