import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { version } from '../../../package.json';
import { runCli } from '../../../service/cli';
import { openService } from '../../../service/service';
import { CLAIM, ENTITY, SAMPLE, makeTempDir } from '../service/helpers';

/** Runs the CLI in-process and collects what it prints. */
async function gloss(argv: string[], cwd = makeTempDir(), isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY },
    cwd,
  });
  return { code, stdout, stderr };
}

/** Tags two spans of the first document of a project, as an analyst would in the app. */
async function annotateFirstDocument(projectPath: string): Promise<string> {
  const service = openService({ projectPath, author: 'analyst', appVersion: version });
  try {
    const [doc] = await service.api.listDocuments({});
    await service.api.createAnnotation({ documentId: doc!.id, tagId: CLAIM, start: 0, end: 12 });
    await service.api.createAnnotation({ documentId: doc!.id, tagId: ENTITY, start: 0, end: 6 });
    return doc!.id;
  } finally {
    service.close();
  }
}

describe('gloss help and version', () => {
  it('prints the usage for --help, help and help import', async () => {
    const main = await gloss(['--help']);
    expect(main).toMatchObject({ code: 0, stderr: '' });
    expect(main.stdout).toContain(
      'gloss import PATH... [--project FILE] [--whole-page] [--encoding NAME] [--new-version]',
    );
    expect((await gloss(['help'])).stdout).toBe(main.stdout);
    const importHelp = await gloss(['help', 'import']);
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/^Usage: gloss import PATH\.\.\. \[--project FILE\]/);
    expect(importHelp.stdout).toMatch(/--encoding, -e NAME/);
    expect((await gloss(['import', '--help'])).stdout).toBe(importHelp.stdout);
    expect((await gloss(['help', 'export'])).stdout).toMatch(/leading ' so that spreadsheets/);
  });

  it('prints its version', async () => {
    expect(await gloss(['--version'])).toEqual({
      code: 0,
      stdout: `gloss ${version}\n`,
      stderr: '',
    });
  });

  it.each([
    [[], 'gloss: no command given.\nRun `gloss --help` for the list of commands.\n'],
    [
      ['frobnicate'],
      'gloss: unknown command "frobnicate".\nRun `gloss --help` for the list of commands.\n',
    ],
    [
      ['help', 'frobnicate'],
      'gloss: there is no command "frobnicate" to explain.\nRun `gloss --help` for the list of commands.\n',
    ],
    [
      ['import'],
      'gloss: name at least one file or folder to import.\nRun `gloss help import` for its options.\n',
    ],
    [
      ['import', 'a.txt', '--encoding', 'klingon'],
      'gloss: unknown encoding "klingon": use a name such as utf-8, windows-1251 or koi8-r.\n' +
        'Run `gloss help import` for its options.\n',
    ],
    [
      ['export', '--project', 'p.gloss'],
      'gloss: choose a format with --format (jsonl, csv, w3c, qdpx, qdc, brat, conll, doccano, labelstudio, spacy, html, md).\nRun `gloss help export` for its options.\n',
    ],
    [
      ['export', '--format', 'xlsx'],
      'gloss: unknown format "xlsx": choose one of jsonl, csv, w3c, qdpx, qdc, brat, conll, doccano, labelstudio, spacy, html, md.\nRun `gloss help export` for its options.\n',
    ],
    [
      ['export', '--format', 'csv', '--document', '12'],
      'gloss: --document needs a document id (a UUID), not "12".\nRun `gloss help export` for its options.\n',
    ],
    [
      ['import', 'a.txt', '--project', ''],
      'gloss: --project needs a file path.\nRun `gloss help import` for its options.\n',
    ],
  ])('exits with 2 and a hint for the usage error %j', async (argv, stderr) => {
    expect(await gloss(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits with 2 for an unknown option, naming it', async () => {
    const result = await gloss(['import', 'a.txt', '--projcet', 'x.gloss']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^gloss: Unknown option '--projcet'/);
    expect(result.stderr).toMatch(/Run `gloss help import` for its options\.\n$/);
  });
});

describe('gloss import', () => {
  it('imports the sample article and prints its id and title', async () => {
    const dir = makeTempDir();
    const result = await gloss(['import', SAMPLE, '--project', 'case.gloss'], dir);
    expect(result.code).toBe(0);
    const [line, ...more] = result.stdout.split('\n');
    expect(more).toEqual(['']);
    expect(line).toMatch(
      /^imported .+ as [0-9a-f-]{36} "Kavkaz Files ISSN 2975-0474 Volume 21 Issue 2"$/,
    );
    expect(line!.slice('imported '.length, line!.indexOf(' as '))).toBe(SAMPLE);
    expect(result.stderr).toBe(`Imported 1 file into ${join(dir, 'case.gloss')}.\n`);
    const db = new Sqlite(join(dir, 'case.gloss'), { readonly: true });
    expect(db.prepare('SELECT text FROM documents').pluck().get()).toBe(
      readFileSync(SAMPLE, 'utf8'),
    );
    db.close();
  });

  it('reports each file that failed, imports the rest, and exits with 1', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7');
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nA *claim*.');
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'folder', 'inside.txt'), 'Inside the folder.');
    const result = await gloss(
      ['import', 'report.pdf', 'missing.txt', 'folder', 'notes.md', '-p', 'case.gloss'],
      dir,
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('failed   missing.txt: no such file or folder');
    expect(lines[1]).toMatch(/^failed {3}report\.pdf: /);
    expect(lines[2]).toMatch(
      /^imported folder\/inside\.txt as [0-9a-f-]{36} "Inside the folder\."$/,
    );
    expect(lines[3]).toMatch(/^imported notes\.md as [0-9a-f-]{36} "Notes"$/);
    expect(lines).toHaveLength(4);
    expect(result.stderr).toBe(
      `Imported 2 files into ${join(dir, 'case.gloss')}; 2 files failed.\n`,
    );
  });

  it('imports a folder recursively, with progress on a terminal, and skips duplicates', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'case', 'web', 'Page_files'), { recursive: true });
    writeFileSync(join(dir, 'case', 'a.txt'), 'Alpha article.');
    writeFileSync(join(dir, 'case', '.hidden.txt'), 'Hidden.');
    writeFileSync(join(dir, 'case', 'web', 'b.md'), '# Beta');
    writeFileSync(
      join(dir, 'case', 'web', 'Page.html'),
      '<!DOCTYPE html><html><body><p>Gamma page text.</p></body></html>',
    );
    writeFileSync(join(dir, 'case', 'web', 'Page_files', 'ad.html'), '<p>ad</p>');
    const first = await gloss(['import', 'case', '-p', 'p.gloss'], dir, true);
    expect(first.code).toBe(0);
    expect(
      first.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' as ')[0]),
    ).toEqual(['imported case/a.txt', 'imported case/web/b.md', 'imported case/web/Page.html']);
    expect(first.stderr).toBe(
      [
        `skipped  case/.hidden.txt: hidden`,
        `skipped  case/web/Page_files: the files of a saved web page (imported with the page)`,
        '[1/3] a.txt',
        '[2/3] b.md',
        '[3/3] Page.html',
        `Imported 3 files into ${join(dir, 'p.gloss')}.`,
        '',
      ].join('\n'),
    );
    // Again, not on a terminal: no progress lines; the same bytes are duplicates, not failures.
    const again = await gloss(['import', 'case/a.txt', 'case/web', '-p', 'p.gloss'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^duplicate case\/a\.txt of [0-9a-f-]{36} "Alpha article\." \(not imported again; --new-version imports it\)\n/,
    );
    expect(again.stderr).not.toMatch(/\[1\/3\]/);
    expect(again.stderr).toMatch(/Imported 0 files into .*; 3 duplicates skipped\.\n$/);
    const version = await gloss(['import', 'case/a.txt', '--new-version', '-p', 'p.gloss'], dir);
    expect(version.stdout).toMatch(/^imported case\/a\.txt as /);
  });

  it('reads a text file in the encoding named with --encoding', async () => {
    const dir = makeTempDir();
    // "Привет, мир" in KOI8-R; detection alone could take it for Windows-1251.
    writeFileSync(
      join(dir, 'old.txt'),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x2c, 0x20, 0xcd, 0xc9, 0xd2]),
    );
    const result = await gloss(['import', 'old.txt', '--encoding', 'koi8-r', '-p', 'p.gloss'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ "Привет, мир"\n$/);
  });

  it('says when a file was read as something other than its name says', async () => {
    const dir = makeTempDir();
    writeFileSync(
      join(dir, 'page.pdf'),
      '<!DOCTYPE html><html><body><p>Actually a web page.</p></body></html>',
    );
    const result = await gloss(['import', 'page.pdf', '-p', 'p.gloss'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^imported page\.pdf as [0-9a-f-]{36} ".*" \(a web page \(HTML\), named \.pdf\)\n$/,
    );
  });

  it('opens the default project in the user-data folder, creating the folder', async () => {
    const userData = join(makeTempDir(), 'not', 'yet');
    vi.stubEnv('GLOSS_USER_DATA_DIR', userData);
    try {
      const result = await gloss(['import', SAMPLE]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`Imported 1 file into ${join(userData, 'default.gloss')}.\n`);
      expect(existsSync(join(userData, 'default.gloss'))).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('exits with 1 and says why when the project is from a newer Gloss', async () => {
    const dir = makeTempDir();
    const db = new Sqlite(join(dir, 'future.gloss'));
    db.pragma('user_version = 999');
    db.close();
    const result = await gloss(['import', SAMPLE, '--project', 'future.gloss'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^gloss: This project was written by a newer Gloss \(schema 999\)/,
    );
    expect(result.stdout).toBe('');
  });
});

describe('gloss export', () => {
  async function projectWithAnnotations(dir: string) {
    await gloss(['import', SAMPLE, '--project', 'case.gloss'], dir);
    return annotateFirstDocument(join(dir, 'case.gloss'));
  }

  it('writes JSONL to standard output and a summary to stderr', async () => {
    const dir = makeTempDir();
    const documentId = await projectWithAnnotations(dir);
    const result = await gloss(['export', '--project', 'case.gloss', '--format', 'jsonl'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Exported 2 annotations from 1 document to standard output\n');
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({
      id: documentId,
      label: [
        [0, 6, 'Entity'],
        [0, 12, 'Claim'],
      ],
    });
    expect(
      Array.from(record.text as string)
        .slice(0, 12)
        .join(''),
    ).toBe('Kavkaz Files');
  });

  it('writes CSV to a file named with --out, relative to the working folder', async () => {
    const dir = makeTempDir();
    const documentId = await projectWithAnnotations(dir);
    const result = await gloss(
      ['export', '-p', 'case.gloss', '-f', 'csv', '--document', documentId, '--out', 'out.csv'],
      dir,
    );
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Exported 2 annotations from 1 document to out.csv\n',
    });
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFannotation_id,document_id,document_title,tag,start,end,')).toBe(
      true,
    );
    const rows = csv.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(',Entity,0,6,Kavkaz,');
  });

  it('exits with 1 when the project does not exist, without creating it', async () => {
    const dir = makeTempDir();
    const result = await gloss(['export', '--project', 'typo.gloss', '--format', 'csv'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `gloss: There is no Gloss project at ${join(dir, 'typo.gloss')}.\n`,
    });
    expect(existsSync(join(dir, 'typo.gloss'))).toBe(false);
  });

  it('exits with 1 when the document or the output folder does not exist', async () => {
    const dir = makeTempDir();
    await projectWithAnnotations(dir);
    const unknown = '01900000-0000-7000-8000-000000000000';
    const noDoc = await gloss(['export', '-p', 'case.gloss', '-f', 'csv', '-d', unknown], dir);
    expect(noDoc.code).toBe(1);
    expect(noDoc.stderr).toBe(
      `gloss: There is no document ${unknown} (it may have been deleted).\n`,
    );
    const noFolder = await gloss(
      ['export', '-p', 'case.gloss', '-f', 'csv', '-o', 'no/out.csv'],
      dir,
    );
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(
      /^gloss: Cannot write .*no\/out\.csv: its folder does not exist/,
    );
  });
});

describe('gloss settings', () => {
  it('shows the defaults, changes a limit, and the import then obeys it', async () => {
    const dir = makeTempDir();
    const project = ['--project', 'case.gloss'];
    expect((await gloss(['settings', ...project], dir)).code).toBe(1); // no project yet

    const changed = await gloss(['settings', '--max-import-mb', '0.01', ...project], dir);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('max-import-mb     0.01 MB');
    expect(changed.stdout).toContain('max-text-chars    50000000');

    writeFileSync(join(dir, 'big.txt'), 'word '.repeat(5000)); // 25 kB, over the 10 kB limit
    const refused = await gloss(['import', 'big.txt', ...project], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^failed {3}big\.txt: .*larger than/m);

    const shown = await gloss(['settings', ...project], dir);
    expect(shown.stdout).toBe(
      'max-import-mb     0.01 MB\nmax-text-chars    50000000\nkeep-original-mb  50 MB\n' +
        'backup-every-min  10\nkeep-backups      10\n',
    );
  });

  it('refuses a limit that is not a number, and one the service finds out of range', async () => {
    const dir = makeTempDir();
    const notNumber = await gloss(['settings', '--max-import-mb', 'lots', '-p', 'c.gloss'], dir);
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain('--max-import-mb needs a number, not "lots"');
    const tooSmall = await gloss(['settings', '--max-text-chars', '5', '-p', 'c.gloss'], dir);
    expect(tooSmall.code).toBe(1);
    expect(tooSmall.stderr).toMatch(/updateSettings: maxTextChars/);
  });
});
