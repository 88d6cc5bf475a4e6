import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

export { CHROMIUM_PATH };

/**
 * Two projects: `e2e` drives the real app in browser mode through Debian's Chromium (never a
 * browser Playwright downloads), `electron` drives the desktop app where an Electron binary exists.
 * scripts/test.mjs reads the JSON report to print the run's one closing line.
 */
export const PLAYWRIGHT_JSON_REPORT = 'test-results/playwright.json';

export default defineConfig({
  outputDir: 'test-results/playwright',
  // Each test starts its own server and browser; two cores cannot run many of those at once.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry: the keyboard-driven specs type faster than a loaded 2-core machine paints, and a
  // key can land before the editor settles. A test that fails twice fails; one that passes on
  // its retry is reported as flaky (and counted) in the closing line, not hidden.
  retries: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: PLAYWRIGHT_JSON_REPORT }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});
