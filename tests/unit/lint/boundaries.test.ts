import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The folder boundaries of DESIGN.md §2 are only as real as the lint that enforces them: this
// lints small snippets as if they lived in each folder, with the project's own eslint.config.mjs.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of no-restricted-imports for `code` placed at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet must parse').toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries', () => {
  it.each([
    [
      'renderer/x.ts',
      "import { openDatabase } from '../db/connection';\n",
      'renderer imports only core',
    ],
    [
      'renderer/x.ts',
      "import Database from 'better-sqlite3';\n",
      'renderer never touches the database',
    ],
    ['renderer/x.ts', "import { readFile } from 'node:fs';\n", 'must not use Node built-ins'],
    [
      'renderer/x.ts',
      "import { ipcRenderer } from 'electron';\n",
      'Only electron/ may import Electron',
    ],
    [
      'renderer/editor/y.ts',
      "import { dispatch } from '../../service/dispatch';\n",
      'renderer imports only core',
    ],
    ['core/x.ts', "import { readFileSync } from 'node:fs';\n", 'must not use Node built-ins'],
    [
      'core/x.ts',
      "import { openDatabase } from '../db/connection';\n",
      'core imports nothing of ours',
    ],
    ['db/x.ts', "import { app } from 'electron';\n", 'Only electron/ may import Electron'],
    ['formats/x.ts', "import { ipcMain } from 'electron';\n", 'Only electron/ may import Electron'],
    [
      'service/x.ts',
      "import { BrowserWindow } from 'electron';\n",
      'Only electron/ may import Electron',
    ],
    [
      'db/x.ts',
      "import { startWebServer } from '../service/web-server';\n",
      'db imports only core',
    ],
  ])('reports %s importing what it must not: %j', async (filePath, code, why) => {
    const errors = await boundaryErrors(filePath, `${code}export const use = [${nameIn(code)}];\n`);
    expect(errors.join('\n')).toContain(why);
  });

  it.each([
    ['renderer/x.ts', "import { API_METHODS } from '../core/api';\n"],
    ['renderer/editor/y.ts', "import { CodePointIndex } from '../../core/offsets';\n"],
    ['db/x.ts', "import { GlossError } from '../core/errors';\n"],
    ['service/x.ts', "import { openDatabase } from '../db/connection';\n"],
    ['electron/x.ts', "import { app } from 'electron';\n"],
  ])('allows %s to import %j', async (filePath, code) => {
    const errors = await boundaryErrors(filePath, `${code}export const use = [${nameIn(code)}];\n`);
    expect(errors).toEqual([]);
  });
});

/** The imported binding of a one-line import, so the snippet uses it and lints cleanly. */
function nameIn(importLine: string): string {
  const match = /import \{?\s*(\w+)/.exec(importLine);
  return match![1]!;
}
