/**
 * The desktop app end to end, through Playwright's Electron driver. It runs wherever an Electron
 * binary exists; elsewhere (our machines cannot download one, DESIGN.md §8) it is skipped with
 * the reason printed, never faked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { API_METHODS, type GlossApi } from '../../core/api';
import { ROOT_TAGS } from '../../core/codebook';
import type { ImportOutcome } from '../../core/domain';
import type { DesktopShell, MenuCommand } from '../../core/shell';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.resolve(ROOT, '../shared/samples/azerbaijanis-in-ukraine.txt');

type GlossWindow = Window & { gloss: GlossApi; glossShell: DesktopShell };

/**
 * The Electron executable, found the way the `electron` package finds it but without requiring
 * the package: its index.js tries to download the binary when it is missing.
 */
function findElectron(): { executablePath: string } | { reason: string } {
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
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display to open a window on (run under xvfb-run)' };
  }
  if (!existsSync(path.join(ROOT, 'out/electron/main.cjs'))) {
    return { reason: 'out/electron/main.cjs is missing: run `npm run build` first' };
  }
  return { executablePath };
}

const electronBinary = findElectron();
const skipReason = 'reason' in electronBinary ? electronBinary.reason : null;
if (skipReason) console.log(`[electron] skipping the desktop app tests: ${skipReason}`);

let userData: string;

async function launch(executablePath: string): Promise<ElectronApplication> {
  // Chromium refuses to run as root with its sandbox; CI runs as root.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', ROOT] : [ROOT];
  return electron.launch({
    executablePath,
    args,
    env: { ...process.env, GLOSS_USER_DATA_DIR: userData },
  });
}

test.describe('the desktop app', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  test.setTimeout(90_000);

  test.beforeEach(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'gloss-electron-'));
  });
  test.afterEach(async () => {
    await rm(userData, { recursive: true, force: true });
  });

  test('imports through the native dialog, tags, quits, and keeps the work', async () => {
    const { executablePath } = electronBinary as { executablePath: string };
    let app = await launch(executablePath);
    let page = await app.firstWindow();
    await expect(page).toHaveTitle(/Gloss/);
    expect(page.url()).toMatch(/^app:\/\/gloss\//);
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();

    // The page sees one function per API method and nothing of Node or Electron.
    const exposed = await page.evaluate(() => {
      const w = window as unknown as GlossWindow & Record<string, unknown>;
      return {
        methods: Object.keys(w.gloss).sort(),
        shell: Object.keys(w.glossShell).sort(),
        require: typeof w.require,
        process: typeof w.process,
      };
    });
    expect(exposed).toEqual({
      methods: [...API_METHODS].sort(),
      shell: ['importWithDialog', 'onMenuCommand', 'saveExport'],
      require: 'undefined',
      process: 'undefined',
    });

    // The native dialog is stubbed in the main process; the rest is the real path.
    await app.evaluate(({ dialog }, file) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as never;
    }, SAMPLE);
    const outcomes = await page.evaluate(() =>
      (window as unknown as GlossWindow).glossShell.importWithDialog(),
    );
    const [outcome] = outcomes as ImportOutcome[];
    if (outcome?.status !== 'imported')
      throw new Error(`import failed: ${JSON.stringify(outcomes)}`);
    const documentId = outcome.document.id;

    const annotation = await page.evaluate(
      ([documentId, tagId]) =>
        (window as unknown as GlossWindow).gloss.createAnnotation({
          documentId,
          tagId,
          start: 0,
          end: 12,
        }),
      [documentId, ROOT_TAGS[0]!.id] as const,
    );
    expect(annotation.end - annotation.start).toBe(12);

    // Errors keep their code across the bridge.
    const refused = await page.evaluate(() =>
      (window as unknown as GlossWindow).gloss.getDocument({ id: 'not-a-uuid' }).then(
        () => null,
        (error: { code?: string }) => error.code,
      ),
    );
    expect(refused).toBe('invalid_argument');

    // A menu item reaches the page as its command alone.
    await page.evaluate(() => {
      const w = window as unknown as GlossWindow & { received: unknown[][] };
      w.received = [];
      w.glossShell.onMenuCommand((...args: unknown[]) => w.received.push(args));
    });
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('undo')?.click());
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { received: unknown[][] }).received))
      .toEqual([['undo' satisfies MenuCommand]]);

    await app.close();
    const project = path.join(userData, 'default.gloss');
    expect(existsSync(project)).toBe(true);
    const wal = `${project}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0, 'the WAL was checkpointed on quit').toBe(0);

    app = await launch(executablePath);
    page = await app.firstWindow();
    const kept = await page.evaluate(
      (documentId) => (window as unknown as GlossWindow).gloss.listAnnotations({ documentId }),
      documentId,
    );
    expect(kept.map((a) => a.id)).toEqual([annotation.id]);
    await app.close();
  });
});
