import { describe, expect, it } from 'vitest';
import {
  chooseFolderFiles,
  IMPORT_ACCEPT,
  isHiddenName,
  looksLikeDocument,
  sortOutListing,
  sortOutRelativePaths,
  walkEntries,
} from '../../../renderer/folder-walk';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('what a folder walk keeps', () => {
  it('the file input accepts every format Gloss imports', () => {
    for (const ext of ['.txt', '.md', '.markdown', '.html', '.htm', '.mhtml', '.mht']) {
      expect(IMPORT_ACCEPT.split(',')).toContain(ext);
    }
    for (const ext of ['.docx', '.pdf', '.epub']) expect(IMPORT_ACCEPT.split(',')).toContain(ext);
  });

  it('treats dot-files, Office lock files and system bookkeeping as hidden', () => {
    for (const name of ['.git', '.DS_Store', '~$report.docx', 'Thumbs.db', 'desktop.ini']) {
      expect(isHiddenName(name), name).toBe(true);
    }
    for (const name of ['report.docx', 'a.b.txt', 'notes']) expect(isHiddenName(name)).toBe(false);
  });

  it('leaves out a saved page’s asset folder, but not a folder named alike without its page', () => {
    const { keep, skip } = sortOutListing([
      { name: 'Article.html', isDirectory: false },
      { name: 'Article_files', isDirectory: true },
      { name: 'Other_files', isDirectory: true },
      { name: 'Seite.htm', isDirectory: false },
      { name: 'Seite-Dateien', isDirectory: true },
      { name: 'logo.png', isDirectory: false },
      { name: '.hidden.txt', isDirectory: false },
    ]);
    expect(keep.map((e) => e.name)).toEqual(['Article.html', 'Other_files', 'Seite.htm']);
    expect(skip.map((s) => [s.entry.name, s.reason])).toEqual([
      ['Article_files', 'page-assets'],
      ['Seite-Dateien', 'page-assets'],
      ['logo.png', 'not-a-document'],
      ['.hidden.txt', 'hidden'],
    ]);
  });

  it('skips asset folders in every language the service skips, e.g. a Russian browser’s', () => {
    const { keep, skip } = sortOutListing([
      { name: 'Статья.html', isDirectory: false },
      { name: 'Статья_файлы', isDirectory: true },
      { name: 'Raport.html', isDirectory: false },
      { name: 'Raport_pliki', isDirectory: true },
    ]);
    expect(keep.map((e) => e.name)).toEqual(['Статья.html', 'Raport.html']);
    expect(skip.map((s) => s.reason)).toEqual(['page-assets', 'page-assets']);
  });

  it('sorts out a folder input’s flat list, reporting each skipped folder once', () => {
    const paths = [
      'Case/a.txt',
      'Case/web/Article.html',
      'Case/web/Article_files/logo.png',
      'Case/web/Article_files/style.css',
      'Case/.git/HEAD',
      'Case/.git/objects/ab/cdef',
      'Case/notes/b.md',
      'Case/notes/.secret.txt',
      'Case/photo.jpg',
    ];
    const { keep, skipped } = sortOutRelativePaths(paths, (p) => p);
    expect(keep).toEqual(['Case/a.txt', 'Case/web/Article.html', 'Case/notes/b.md']);
    expect(skipped.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: 'Case/web/Article_files/', reason: 'page-assets' },
      { path: 'Case/.git/', reason: 'hidden' },
      { path: 'Case/notes/.secret.txt', reason: 'hidden' },
      { path: 'Case/photo.jpg', reason: 'not-a-document' },
    ]);
  });

  it('never skips the chosen folder itself, even when its name looks hidden', () => {
    expect(sortOutRelativePaths(['.case/a.txt'], (p) => p).keep).toEqual(['.case/a.txt']);
  });

  it('recognises PDFs, web pages and saved pages by their first bytes', () => {
    expect(looksLikeDocument(ascii('%PDF-1.7\n'))).toBe(true);
    expect(looksLikeDocument(ascii('\ufeff<!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeDocument(ascii('<?xml version="1.0"?>\n<!-- x -->\n<html xmlns="…">'))).toBe(
      true,
    );
    expect(looksLikeDocument(ascii('MIME-Version: 1.0\nContent-Type: multipart/related;'))).toBe(
      true,
    );
    expect(looksLikeDocument(ascii('body { color: red }'))).toBe(false);
    expect(looksLikeDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe(false);
  });

  it('keeps a folder file without a known extension when its bytes are a web page', async () => {
    const file = (path: string, content: string) => {
      const f = new File([content], path.split('/').pop()!);
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    };
    const { keep, skipped } = await chooseFolderFiles([
      file('Crawl/page.php?id=10', '<!doctype html><title>x</title>'),
      file('Crawl/page.php?id=2', '<html><body>y</body></html>'),
      file('Crawl/app.js', 'alert(1)'),
    ]);
    expect(keep.map((f) => f.webkitRelativePath)).toEqual([
      'Crawl/page.php?id=2',
      'Crawl/page.php?id=10',
    ]);
    expect(skipped).toEqual([{ path: 'Crawl/app.js', reason: 'not-a-document' }]);
  });
});

/** A fake of the File and Directory Entries API, as `webkitGetAsEntry()` hands it out. */
type FakeTree = { [name: string]: string | FakeTree };

function fakeEntry(name: string, node: string | FakeTree, parent = ''): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    return {
      name,
      fullPath,
      isFile: true,
      isDirectory: false,
      file: (resolve: (f: File) => void) => resolve(new File([node], name)),
    } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, child]) => fakeEntry(n, child, fullPath));
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      // Chromium hands entries out in chunks; two at a time here, then an empty chunk.
      let offset = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          const chunk = children.slice(offset, offset + 2);
          offset += chunk.length;
          setTimeout(() => resolve(chunk), 0);
        },
      };
    },
  } as unknown as FileSystemEntry;
}

describe('walkEntries', () => {
  it('walks dropped folders recursively, in name order, reading every chunk of each folder', async () => {
    const dropped = [
      fakeEntry('loose.bin', 'dropped by itself: always sent'),
      fakeEntry('Case', {
        'report-10.txt': 'ten',
        'report-2.txt': 'two',
        '.DS_Store': '',
        web: { 'Page.html': '<p>page</p>', Page_files: { 'a.css': '' }, 'blob.dat': 'zzz' },
        deeper: { more: { 'c.md': '# c' } },
      }),
    ];
    const { files, skipped } = await walkEntries(dropped);
    // A file dropped by itself has no folder path; files found in folders keep theirs.
    expect(files.map((f) => f.path ?? `(alone) ${f.name}`)).toEqual([
      '(alone) loose.bin',
      'Case/deeper/more/c.md',
      'Case/report-2.txt',
      'Case/report-10.txt',
      'Case/web/Page.html',
    ]);
    expect(skipped).toEqual([
      { path: 'Case/.DS_Store', reason: 'hidden' },
      { path: 'Case/web/Page_files/', reason: 'page-assets' },
      { path: 'Case/web/blob.dat', reason: 'not-a-document' },
    ]);
    // Bytes are read only when asked for: the walk itself holds no file contents.
    expect(await (await files[1]!.open()).text()).toBe('# c');
  });

  it('reports a folder that cannot be listed instead of failing the whole drop', async () => {
    const broken = {
      name: 'Locked',
      fullPath: '/Locked',
      isFile: false,
      isDirectory: true,
      createReader: () => ({
        readEntries: (_ok: unknown, fail: (e: Error) => void) => fail(new Error('denied')),
      }),
    } as unknown as FileSystemEntry;
    expect(await walkEntries([broken])).toEqual({
      files: [],
      skipped: [{ path: 'Locked/', reason: 'unreadable' }],
    });
  });
});
