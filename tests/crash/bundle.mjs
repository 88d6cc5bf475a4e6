/**
 * Bundles the crash harness the way scripts/build.mjs bundles out/node (the same esbuild options),
 * so the process the harness kills runs the service exactly as it ships:
 *   child.mjs  the process that is killed (tests/crash/child.ts)
 *   main.mjs   the series runner of `npm run crash-test` (tests/crash/main.ts)
 * The bundles go under the repository's .tmp/ so that Node finds better-sqlite3 in node_modules.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/bundle-options.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles the harness into a new folder under .tmp/ (the caller removes it). */
export async function bundleCrashHarness() {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, '.tmp', 'crash-'));
  const entries = { child: 'tests/crash/child.ts', main: 'tests/crash/main.ts' };
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      build({
        ...nodeBundleOptions,
        absWorkingDir: ROOT,
        entryPoints: [entry],
        outfile: path.join(dir, `${name}.mjs`),
        logLevel: 'error',
      }),
    ),
  );
  return { dir, child: path.join(dir, 'child.mjs'), main: path.join(dir, 'main.mjs') };
}
