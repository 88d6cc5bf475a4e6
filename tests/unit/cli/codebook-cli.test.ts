import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../service/cli';
import { openService } from '../../../service/service';
import { CLAIM, makeTempDir } from '../service/helpers';

async function gloss(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('gloss codebook', () => {
  it('exports one project’s codebook and merges it into another', async () => {
    const dir = makeTempDir();
    const one = join(dir, 'one.gloss');
    const service = openService({ projectPath: one, author: 'analyst', appVersion: '1' });
    await service.api.createTag({ parentId: CLAIM, name: 'Слух', hotkey: 'u' });
    service.close();

    const exported = await gloss(['codebook', 'export', '--project', one, '--out', 'cb.json'], dir);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toBe('Exported the codebook to cb.json\n');
    const file = JSON.parse(readFileSync(join(dir, 'cb.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'gloss-codebook', version: 1 });

    const imported = await gloss(['codebook', 'import', 'cb.json', '-p', 'two.gloss'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 created');
    expect(imported.stdout).toContain('  created tag Claim › Слух\n');
    const again = await gloss(['codebook', 'import', 'cb.json', '-p', 'two.gloss'], dir);
    expect(again.stdout).toContain('0 created, 0 updated');
  });

  it('explains a wrong command line, a missing file and a file of another kind', async () => {
    const dir = makeTempDir();
    expect(await gloss(['codebook'], dir)).toMatchObject({ code: 2 });
    expect((await gloss(['codebook', 'merge'], dir)).stderr).toContain('unknown action "merge"');
    expect((await gloss(['codebook', 'import'], dir)).stderr).toContain('name one codebook file');
    const missing = await gloss(['codebook', 'import', 'nope.json', '-p', 'p.gloss'], dir);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('there is no such file');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'qdpx', tags: [] }));
    const other = await gloss(['codebook', 'import', 'other.json', '-p', 'p.gloss'], dir);
    expect(other).toMatchObject({ code: 1 });
    expect(other.stderr).toContain('codebook.format');
    expect((await gloss(['help', 'codebook'], dir)).stdout).toMatch(
      /^Usage: gloss codebook export/,
    );
  });
});
