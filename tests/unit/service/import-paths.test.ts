import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../formats/import-fixtures';
import { makeTempDir, openTestService } from './helpers';

/** Writes files (paths relative to `root`, folders created as needed). */
function tree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const PAGE = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  '<p>The minister said the talks had failed after three long days of meetings.</p>' +
  '<p>Critics called the meeting a farce and asked the delegation to go home.</p>' +
  '</article></body></html>';

describe('expandPaths', () => {
  it('walks folders recursively in name order, leaving out what is not an article', async () => {
    const root = makeTempDir();
    tree(root, {
      'case/01 intro.txt': 'Intro.',
      'case/2 notes.md': '# Notes',
      'case/10 report.pdf': await makePdf([['Report']]),
      'case/sub/deeper/page.htm': PAGE('Deep'),
      'case/sub/saved/Article.html': PAGE('Saved'),
      'case/sub/saved/Article_files/frame.html': PAGE('An ad frame'),
      'case/sub/saved/Article_files/style.css': 'body{}',
      'case/.git/HEAD.txt': 'ref',
      'case/.hidden.txt': 'secret',
      'case/~$draft.docx': 'lock',
      'case/photo.jpg': 'not really',
      'case/download': '%PDF-1.4 pretend',
      'case/data.csv': 'a,b',
    });
    const { api } = openTestService();
    const { files, skipped } = await api.expandPaths({ paths: [join(root, 'case')] });
    const c = join(root, 'case');
    expect(files.map((f) => f.path)).toEqual([
      join(c, '01 intro.txt'),
      join(c, '2 notes.md'),
      join(c, '10 report.pdf'),
      join(c, 'download'), // no extension, but it starts like a PDF
      join(c, 'sub/deeper/page.htm'),
      join(c, 'sub/saved/Article.html'),
    ]);
    expect(files[0]).toEqual({ path: join(c, '01 intro.txt'), name: '01 intro.txt', size: 6 });
    expect(skipped.sort()).toEqual(
      [
        `${join(c, '.git')}: hidden`,
        `${join(c, '.hidden.txt')}: hidden`,
        `${join(c, '~$draft.docx')}: an Office lock file`,
        `${join(c, 'data.csv')}: not a file type Gloss imports`,
        `${join(c, 'photo.jpg')}: not a file type Gloss imports`,
        `${join(c, 'sub/saved/Article_files')}: the files of a saved web page (imported with the page)`,
      ].sort(),
    );
  });

  it('survives symbolic-link loops and broken links, and lists a file once', async () => {
    const root = makeTempDir();
    tree(root, { 'a/one.txt': 'One.', 'a/b/two.txt': 'Two.' });
    symlinkSync(join(root, 'a'), join(root, 'a/b/back-to-a')); // a → b → back-to-a → a …
    symlinkSync(join(root, 'nowhere'), join(root, 'a/broken'));
    symlinkSync(join(root, 'a/one.txt'), join(root, 'a/b/one-again.txt'));
    const { api } = openTestService();
    const { files, skipped } = await api.expandPaths({
      paths: [join(root, 'a'), join(root, 'a/one.txt')],
    });
    // one.txt is reached three ways (through b's link, in a, and by name): it is listed once.
    expect(files.map((f) => f.name)).toEqual(['one-again.txt', 'two.txt']);
    expect(skipped).toContain(
      `${join(root, 'a/b/back-to-a')}: a link back to a folder already read`,
    );
    expect(skipped).toContain(`${join(root, 'a/broken')}: a broken link`);
  });

  it('reports named paths that are not there', async () => {
    const { api } = openTestService();
    const { files, skipped } = await api.expandPaths({ paths: ['/no/such/place.txt'] });
    expect(files).toEqual([]);
    expect(skipped).toEqual(['/no/such/place.txt: no such file or folder']);
  });
});

describe('importPaths', () => {
  it('imports a folder recursively, with each absolute path as the source path', async () => {
    const root = makeTempDir();
    tree(root, {
      'in/a.txt': 'First article.',
      'in/deep/b.md': '# Second\n\nBody.',
      'in/.DS_Store': 'junk',
      'in/page.html': PAGE('Third'),
      'in/page_files/x.html': PAGE('Ad'),
    });
    const { api } = openTestService();
    const outcomes = await api.importPaths({ paths: [join(root, 'in')] });
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['a.txt', 'imported'],
      ['b.md', 'imported'],
      ['page.html', 'imported'],
    ]);
    const docs = await api.listDocuments({});
    expect(docs.map((d) => d.sourcePath).sort()).toEqual(
      [join(root, 'in/a.txt'), join(root, 'in/deep/b.md'), join(root, 'in/page.html')].sort(),
    );
    const [first] = outcomes;
    if (first?.status !== 'imported') throw new Error('not imported');
    expect((await api.getDocument({ id: first.document.id })).provenance).toMatchObject({
      sourceName: 'a.txt',
      sourcePath: join(root, 'in/a.txt'),
      originalKept: true,
    });
    // The same folder again: everything is a duplicate.
    const again = await api.importPaths({ paths: [join(root, 'in')] });
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('fails a named path that is missing and a file over the limit, importing the rest', async () => {
    const root = makeTempDir();
    tree(root, { 'big.txt': 'x'.repeat(5000), 'ok.txt': 'Fine.' });
    const { api } = openTestService();
    await api.updateSettings({ maxImportBytes: 4096 });
    const outcomes = await api.importPaths({
      paths: [join(root, 'gone.txt'), join(root, 'big.txt'), join(root, 'ok.txt')],
      options: { encoding: 'utf-8' },
    });
    expect(outcomes).toEqual([
      {
        name: 'gone.txt',
        status: 'failed',
        error: `${join(root, 'gone.txt')}: no such file or folder`,
      },
      {
        name: 'big.txt',
        status: 'failed',
        error:
          'big.txt: the file is larger than the import limit of 4 KB (the limit can be raised ' +
          'in the project settings)',
      },
      expect.objectContaining({ name: 'ok.txt', status: 'imported' }),
    ]);
  });
});
