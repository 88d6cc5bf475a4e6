/**
 * The desktop app end to end, through Playwright's Electron driver. It runs wherever an Electron
 * binary exists; elsewhere (our machines cannot download one, DESIGN.md §8) it is skipped with
 * the reason printed, never faked.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type ElectronApplication } from '@playwright/test';
import { API_METHODS, type GlossApi } from '../../core/api';
import { ROOT_TAGS } from '../../core/codebook';
import type { ImportOutcome } from '../../core/domain';
import type { DesktopShell, MenuCommand } from '../../core/shell';
import { findElectron, launchApp, ROOT, type ElectronTarget } from './launch';

const SAMPLE = path.resolve(ROOT, '../shared/samples/azerbaijanis-in-ukraine.txt');

type GlossWindow = Window & { gloss: GlossApi; glossShell: DesktopShell };

const electronBinary = findElectron();
const skipReason = 'reason' in electronBinary ? electronBinary.reason : null;
if (skipReason) console.log(`[electron] skipping the desktop app tests: ${skipReason}`);

let userData: string;

function launch(): Promise<ElectronApplication> {
  return launchApp(electronBinary as Exclude<ElectronTarget, { reason: string }>, userData);
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
    let app = await launch();
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
      shell: ['importWithDialog', 'onMenuCommand', 'openLink', 'saveExport'],
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

    app = await launch();
    page = await app.firstWindow();
    const kept = await page.evaluate(
      (documentId) => (window as unknown as GlossWindow).gloss.listAnnotations({ documentId }),
      documentId,
    );
    expect(kept.map((a) => a.id)).toEqual([annotation.id]);
    await app.close();
  });
});
