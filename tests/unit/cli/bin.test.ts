import { nodeBundleOptions } from '../../../scripts/bundle-options.mjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { SAMPLE } from '../service/helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// A copy of the install layout (bin/gloss.mjs beside out/node/cli.mjs), inside the repository so
// that the bundle's external better-sqlite3 resolves from node_modules.
let home: string;

beforeAll(() => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  home = mkdtempSync(join(ROOT, '.tmp', 'bin-test-'));
  mkdirSync(join(home, 'bin'));
  copyFileSync(join(ROOT, 'bin/gloss.mjs'), join(home, 'bin/gloss.mjs'));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(home, 'bin/gloss.mjs'), ...args], {
    cwd: home,
    encoding: 'utf8',
  });

describe('bin/gloss.mjs', () => {
  it('explains how to build when the CLI bundle is missing', () => {
    const result = run('--version');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Gloss is not built yet: run `npm run build`\n');
  });

  it('runs the bundled CLI and exits with its code', async () => {
    await build({
      entryPoints: [join(ROOT, 'service/cli-main.ts')],
      outfile: join(home, 'out/node/cli.mjs'),
      ...nodeBundleOptions,
      logLevel: 'silent',
    });
    expect(run('--version')).toMatchObject({ status: 0, stdout: `gloss ${version}\n` });
    expect(run('import', SAMPLE, '--project', 'p.gloss')).toMatchObject({ status: 0 });
    const exported = run('export', '--project', 'p.gloss', '--format', 'jsonl');
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout).title).toBe('Kavkaz Files ISSN 2975-0474 Volume 21 Issue 2');
    expect(run('import', 'missing.txt', '--project', 'p.gloss').status).toBe(1);
    expect(run('bogus').status).toBe(2);
  });
});
