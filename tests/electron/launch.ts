/**
 * Finding and starting the desktop app for Playwright's Electron driver. Two ways:
 *   - development: the `electron` package's binary runs the repository (out/electron/main.cjs);
 *   - packaged test build: GLOSS_ELECTRON_EXECUTABLE names the executable made by
 *     `npm run dist:test` (release/test/…), whose fuses are the release ones except the inspector
 *     (scripts/after-pack.mjs), which Playwright needs to drive it.
 * Where neither exists (our machines cannot download Electron, DESIGN.md §8) the tests are
 * skipped with the reason printed, never faked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ElectronTarget = { executablePath: string; packaged: boolean } | { reason: string };

/**
 * The Electron executable, found the way the `electron` package finds it but without requiring
 * the package: its index.js tries to download the binary when it is missing.
 */
export function findElectron(): ElectronTarget {
  const found = findExecutable();
  if ('reason' in found) return found;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display to open a window on (run under xvfb-run)' };
  }
  return found;
}

function findExecutable(): ElectronTarget {
  const packaged = process.env.GLOSS_ELECTRON_EXECUTABLE;
  if (packaged) {
    return existsSync(packaged)
      ? { executablePath: packaged, packaged: true }
      : { reason: `GLOSS_ELECTRON_EXECUTABLE=${packaged} does not exist` };
  }
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: `no Electron binary: ${pathFile} is missing (its download was skipped)` };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const executablePath = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executablePath)) return { reason: `no Electron binary at ${executablePath}` };
  if (!existsSync(path.join(ROOT, 'out/electron/main.cjs'))) {
    return { reason: 'out/electron/main.cjs is missing: run `npm run build` first' };
  }
  return { executablePath, packaged: false };
}

/** Starts the app with its own user-data folder. */
export function launchApp(
  target: { executablePath: string; packaged: boolean },
  userData: string,
): Promise<ElectronApplication> {
  // A packaged build loads its own app.asar (OnlyLoadAppFromAsar); development runs the repo.
  const appArgs = target.packaged ? [] : [ROOT];
  // Chromium refuses to run as root with its sandbox; CI runs as root.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', ...appArgs] : appArgs;
  return electron.launch({
    executablePath: target.executablePath,
    args,
    env: { ...process.env, GLOSS_USER_DATA_DIR: userData },
  });
}
