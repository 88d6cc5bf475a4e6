import { homedir, userInfo } from 'node:os';
import { join, posix, win32 } from 'node:path';

/** The application's name as Electron knows it: it names the user-data folder. */
export const APP_NAME = 'Gloss';

/** The file name of the project that opens when no other is chosen. */
export const DEFAULT_PROJECT_FILE = 'default.gloss';

/**
 * The folder Electron's `app.getPath('userData')` returns for an app named "Gloss", computed
 * without Electron so that the CLI and browser mode open the same default project as the app:
 * `%APPDATA%\Gloss` on Windows, `~/Library/Application Support/Gloss` on macOS, and
 * `$XDG_CONFIG_HOME/Gloss` (default `~/.config/Gloss`) elsewhere. `GLOSS_USER_DATA_DIR`
 * overrides it, as it does for the desktop app (tests point every door at a throwaway folder).
 */
export function userDataPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (env.GLOSS_USER_DATA_DIR) return env.GLOSS_USER_DATA_DIR;
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_NAME);
}

/** The default project file. Its folder may not exist yet; opening the project creates it. */
export function defaultProjectPath(): string {
  return join(userDataPath(), DEFAULT_PROJECT_FILE);
}

/** Who is annotating, recorded on every annotation: the operating-system user name. */
export function defaultAuthor(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): fall back on the environment.
  }
  return process.env.USER || process.env.USERNAME || 'unknown';
}
