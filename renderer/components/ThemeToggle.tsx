import { useApp } from '../app-context';
import { MoonIcon, SunIcon } from './icons';

/** Switches between the light and the dark theme; the choice is remembered. */
export function ThemeToggle() {
  const { theme, toggleTheme } = useApp();
  const label = theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      onClick={toggleTheme}
    >
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
