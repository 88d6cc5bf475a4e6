/**
 * The Electron security checklist on the running app: what a page (the UI, or a hostile article
 * that managed to run script in it) can and cannot do. Skipped with its reason where no Electron
 * binary exists (tests/electron/launch.ts); the same rules are checked statically and in unit
 * tests (tests/unit/electron/*) everywhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { DesktopShell } from '../../core/shell';
import { findElectron, launchApp, type ElectronTarget } from './launch';

type ShellWindow = Window & { glossShell: DesktopShell };

const target = findElectron();
const skipReason = 'reason' in target ? target.reason : null;
if (skipReason) console.log(`[electron] skipping the security tests: ${skipReason}`);

let userData: string;
let app: ElectronApplication;
let page: Page;

/**
 * Replaces the native message box and shell.openExternal in the main process by recorders:
 * `answer` is the button the "user" picks (0 opens, 1 cancels).
 */
async function recordLinkPrompts(answer: number): Promise<void> {
  await app.evaluate(({ dialog, shell }, answer) => {
    const g = globalThis as unknown as { asked: string[]; opened: string[] };
    g.asked = [];
    g.opened = [];
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = args.at(-1) as { detail?: string };
      g.asked.push(options.detail ?? '');
      return { response: answer, checkboxChecked: false };
    }) as never;
    shell.openExternal = (async (url: string) => {
      g.opened.push(url);
    }) as never;
  }, answer);
}

async function recorded(): Promise<{ asked: string[]; opened: string[] }> {
  return app.evaluate(() => {
    const g = globalThis as unknown as { asked: string[]; opened: string[] };
    return { asked: g.asked, opened: g.opened };
  });
}

test.describe('the desktop app refuses what a page must not do', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  test.setTimeout(60_000);

  test.beforeEach(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'gloss-electron-security-'));
    app = await launchApp(target as Exclude<ElectronTarget, { reason: string }>, userData);
    page = await app.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/gloss\//);
  });
  test.afterEach(async () => {
    await app?.close();
    await rm(userData, { recursive: true, force: true });
  });

  test('a link opens only after the user confirms, and only if it is http(s)', async () => {
    await recordLinkPrompts(0);
    const openLink = (url: string) =>
      page.evaluate((url) => (window as unknown as ShellWindow).glossShell.openLink!(url), url);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://a@b.example/']) {
      expect(await openLink(url), url).toBe(false);
    }
    expect(await recorded()).toEqual({ asked: [], opened: [] });
    expect(await openLink('https://example.org/story')).toBe(true);
    const { asked, opened } = await recorded();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('https://example.org/story');
    expect(opened).toEqual(['https://example.org/story']);

    await recordLinkPrompts(1);
    expect(await openLink('https://example.org/other')).toBe(false);
    expect((await recorded()).opened).toEqual([]);
  });

  test('navigation and new windows are denied; window.open only asks', async () => {
    await recordLinkPrompts(1);
    await page.evaluate(() => {
      window.open('https://example.org/popup');
      window.location.href = 'https://example.org/away';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/gloss\//);
    expect(app.windows()).toHaveLength(1);
    expect((await recorded()).opened).toEqual([]);
  });

  test('inline script, eval and requests to elsewhere are blocked by the CSP', async () => {
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { inlineRan?: boolean };
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.inlineRan = true');
      img.src = 'data:,not-an-image';
      document.body.append(img);
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      let evalRan: boolean;
      try {
        evalRan = eval('true') as boolean;
      } catch {
        evalRan = false;
      }
      const fetched = await fetch('https://example.org/').then(
        () => true,
        () => false,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { inline: w.inlineRan === true, evalRan, fetched };
    });
    expect(outcome).toEqual({ inline: false, evalRan: false, fetched: false });
  });

  test('every permission is denied without a prompt', async () => {
    const states = await page.evaluate(async () => {
      const notification = await Notification.requestPermission();
      const camera = await navigator.mediaDevices.getUserMedia({ video: true }).then(
        () => 'granted',
        () => 'denied',
      );
      const geolocation = await new Promise<string>((resolve) =>
        navigator.geolocation.getCurrentPosition(
          () => resolve('granted'),
          () => resolve('denied'),
        ),
      );
      return { notification, camera, geolocation };
    });
    expect(states).toEqual({ notification: 'denied', camera: 'denied', geolocation: 'denied' });
  });

  test('a packaged test build keeps the release fuses except the inspector', async () => {
    test.skip(!('packaged' in target && target.packaged), 'not a packaged build');
    const { executablePath } = target as { executablePath: string };
    const wire = (await getCurrentFuseWire(executablePath)) as unknown as Record<number, number>;
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(on);
  });
});
