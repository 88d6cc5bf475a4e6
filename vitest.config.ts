import { defineConfig } from 'vitest/config';

// Unit tests run in Node. End-to-end tests (tests/e2e) and Electron specs (tests/electron) are
// Playwright's and run through scripts/test.mjs.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
