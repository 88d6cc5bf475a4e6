#!/usr/bin/env node
// `npm run crash-test [-- --kills N] [--seed S]`: bundles the harness, then runs the full series
// (200 SIGKILLs by default) and prints its figures. `npm test` runs a shorter series
// (tests/unit/safety/crash.test.ts).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ROOT, bundleCrashHarness } from './bundle.mjs';

const bundle = await bundleCrashHarness();
try {
  const code = await new Promise((resolve) => {
    const runner = spawn(process.execPath, [bundle.main, bundle.child, ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    runner.on('close', (exit, signal) => resolve(signal ? 1 : (exit ?? 1)));
  });
  process.exitCode = code;
} finally {
  rmSync(bundle.dir, { recursive: true, force: true });
}
