/**
 * The Chromium every browser test and the bench drive: Debian's package (never a browser that
 * Playwright downloads), with the flags that keep it quiet on a machine with no network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  // Root in CI and containers, where Chromium's own sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // No background requests: they are refused here, many at a time, and would be noise anyway.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
