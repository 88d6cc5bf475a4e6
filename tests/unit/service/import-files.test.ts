import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../core/domain';
import {
  MHTML,
  OLE2,
  PNG,
  articlePage,
  makeDocx,
  makeEpub,
  makePdf,
  makeZip,
  utf8,
} from '../formats/import-fixtures';
import { CLAIM, openTestService, snapshot } from './helpers';

const file = (name: string, bytes: Uint8Array | string, path?: string) => ({
  name,
  data: Buffer.from(typeof bytes === 'string' ? utf8(bytes) : bytes).toString('base64'),
  ...(path === undefined ? {} : { path }),
});

const PARAGRAPHS = [
  'The minister said the talks had failed after three days of meetings in the capital.',
  'Critics called the meeting a farce and demanded that the delegation return home at once.',
  'Observers noted that neither side had published an agenda before the talks began.',
];

function statuses(outcomes: ImportOutcome[]): [string, string][] {
  return outcomes.map((o) => [o.name, o.status]);
}

function rowCount(projectPath: string, table: string): number {
  const db = new Sqlite(projectPath, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('importFiles', () => {
  it('imports one good file of each kind and fails one bad file of each kind, alone', async () => {
    const { api, projectPath } = openTestService();
    const pdf = await makePdf([['Talks fail', ...PARAGRAPHS]]);
    const docx = await makeDocx('Talks fail in Baku', PARAGRAPHS);
    const epub = await makeEpub('Talks fail: the book', PARAGRAPHS);
    const outcomes = await api.importFiles({
      files: [
        file('notes.txt', 'Talks fail.\nThe minister said so.'),
        file('binary.txt', new Uint8Array([1, 0, 2, 0, 3, 0, 0, 0, 9])),
        file('notes.md', '# Talks fail\n\nThe minister *said* so.'),
        file('page.html', articlePage('Talks fail', PARAGRAPHS)),
        file('empty-page.html', '<!DOCTYPE html><html><body><img src="x.png"></body></html>'),
        file('page.mhtml', MHTML),
        file(
          'broken.mhtml',
          'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b--',
        ),
        file('report.pdf', pdf),
        file('truncated.pdf', pdf.subarray(0, 200)),
        file('memo.docx', docx),
        file('broken.docx', await makeZip([['word/document.xml', '<w:document']])),
        file('book.epub', epub),
        file('broken.epub', await makeZip([['mimetype', 'application/epub+zip']], ['mimetype'])),
        file('old.doc', OLE2),
        file('photo.pdf', PNG),
        file('empty.md', ''),
        file('table.csv', 'a,b\n1,2'),
      ],
    });
    expect(statuses(outcomes)).toEqual([
      ['notes.txt', 'imported'],
      ['binary.txt', 'failed'],
      ['notes.md', 'imported'],
      ['page.html', 'imported'],
      ['empty-page.html', 'failed'],
      ['page.mhtml', 'imported'],
      ['broken.mhtml', 'failed'],
      ['report.pdf', 'imported'],
      ['truncated.pdf', 'failed'],
      ['memo.docx', 'imported'],
      ['broken.docx', 'failed'],
      ['book.epub', 'imported'],
      ['broken.epub', 'failed'],
      ['old.doc', 'failed'],
      ['photo.pdf', 'failed'],
      ['empty.md', 'failed'],
      ['table.csv', 'failed'],
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === 'failed')
        expect(outcome.error).toMatch(new RegExp(`^${outcome.name.replace('.', '\\.')}: `));
    }
    const formats = outcomes.flatMap((o) => (o.status === 'imported' ? [o.document.format] : []));
    expect(formats).toEqual(['txt', 'md', 'html', 'mhtml', 'pdf', 'docx', 'epub']);
    // Nothing of a failed file was stored: no document, no original.
    expect(rowCount(projectPath, 'documents')).toBe(7);
    expect(rowCount(projectPath, 'document_originals')).toBe(7);
    expect(snapshot(projectPath)).not.toMatch(
      /binary\.txt|truncated\.pdf|broken\.|old\.doc|photo\.pdf/,
    );
  });

  it('records metadata and provenance, and keeps the original bytes', async () => {
    const { api } = openTestService();
    const [outcome] = await api.importFiles({
      files: [file('talks.html', articlePage('Talks fail', PARAGRAPHS), '/cases/web/talks.html')],
    });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const doc = await api.getDocument({ id: outcome.document.id });
    expect(doc.title).toMatch(/^Talks fail/);
    expect(doc).toMatchObject({
      format: 'html',
      sourcePath: '/cases/web/talks.html',
      metadata: {
        byline: 'Jane Reporter',
        siteName: 'Example News',
        canonicalUrl: 'https://news.example.org/2025/talks',
        language: 'en',
        publishedAt: expect.stringMatching(/^2025-03-03/),
      },
      provenance: {
        sourceName: 'talks.html',
        sourcePath: '/cases/web/talks.html',
        importer: 'Mozilla Readability',
        importerVersion: '0.6.0',
        originalKept: true,
      },
    });
    // The editable details start from what the page said about itself.
    expect(doc.details).toEqual({
      author: 'Jane Reporter',
      outlet: 'Example News',
      publishedAt: doc.metadata.publishedAt,
      url: 'https://news.example.org/2025/talks',
      language: 'en',
      outletReliability: null,
    });
    expect(doc.text).toContain(PARAGRAPHS[1]);
    expect(doc.text).not.toMatch(/Home|World|© Example News/);
    // Listing stays a summary: no text, blocks, metadata or provenance.
    const [summary] = await api.listDocuments({});
    expect(Object.keys(summary!).sort()).toEqual(
      [
        'counts',
        'details',
        'format',
        'id',
        'importedAt',
        'length',
        'sha256',
        'sourcePath',
        'title',
      ].sort(),
    );
  });

  it('imports a PDF named .docx as the PDF it is, keeping the name it came with', async () => {
    const { api } = openTestService();
    const pdf = await makePdf([['Report on the talks', PARAGRAPHS[0]!]]);
    const [outcome] = await api.importFiles({ files: [file('report.docx', pdf)] });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(outcome.document.format).toBe('pdf');
    const doc = await api.getDocument({ id: outcome.document.id });
    expect(doc.provenance).toMatchObject({ sourceName: 'report.docx', importer: 'pdf.js' });
    expect(doc.blocks.every((b) => b.page === 1)).toBe(true);
  });

  it('skips a duplicate, or imports it as a new version when asked', async () => {
    const { api, projectPath } = openTestService();
    const text = 'The same article, saved twice.';
    const [first] = await api.importFiles({ files: [file('a.txt', text)] });
    if (first?.status !== 'imported') throw new Error('not imported');
    // Another name, the same bytes: the same document.
    const [again] = await api.importFiles({ files: [file('copy of a.txt', text)] });
    expect(again).toEqual({ name: 'copy of a.txt', status: 'duplicate', existing: first.document });
    expect(rowCount(projectPath, 'documents')).toBe(1);

    const [version] = await api.importFiles({
      files: [file('a.txt', text)],
      options: { onDuplicate: 'new-version' },
    });
    if (version?.status !== 'imported') throw new Error('not imported');
    expect(version.document.id).not.toBe(first.document.id);
    const db = new Sqlite(projectPath, { readonly: true });
    expect(
      db.prepare('SELECT version_of FROM documents WHERE id = ?').pluck().get(version.document.id),
    ).toBe(first.document.id);
    // The bytes are kept once, shared by both versions.
    expect(db.prepare('SELECT count(*) FROM document_originals').pluck().get()).toBe(1);
    db.close();
    expect((await api.getDocument({ id: version.document.id })).provenance.originalKept).toBe(true);
    // A deleted document is no longer a duplicate.
    await api.deleteDocument({ id: first.document.id });
    await api.deleteDocument({ id: version.document.id });
    expect((await api.importFiles({ files: [file('a.txt', text)] }))[0]?.status).toBe('imported');
  });

  it('obeys the size limits and the original-bytes cap in the project settings', async () => {
    const { api } = openTestService();
    expect(await api.getSettings({})).toEqual({
      maxImportBytes: 200 * 1024 * 1024,
      maxTextChars: 50_000_000,
      keepOriginalBytes: 50 * 1024 * 1024,
      backupIntervalMinutes: 10,
      backupsKept: 10,
    });
    await api.updateSettings({ maxImportBytes: 2048, maxTextChars: 1000, keepOriginalBytes: 100 });
    const outcomes = await api.importFiles({
      files: [
        file('big.txt', 'x'.repeat(2049)),
        file('long.txt', 'word '.repeat(201)),
        file('small.txt', 'Short enough to keep.'),
        file('medium.txt', 'Imported, but too long for its original to be kept. '.repeat(3)),
      ],
    });
    expect(outcomes.map((o) => (o.status === 'failed' ? o.error : o.status))).toEqual([
      'big.txt: the file is larger than the import limit of 2 KB (the limit can be raised in the project settings)',
      'long.txt: the text is longer than the limit of 1,000 characters (the limit can be raised in the project settings)',
      'imported',
      'imported',
    ]);
    const kept = await Promise.all(
      outcomes.flatMap((o) =>
        o.status === 'imported' ? [api.getDocument({ id: o.document.id })] : [],
      ),
    );
    expect(kept.map((d) => d.provenance.originalKept)).toEqual([true, false]);
    await expect(api.reimportDocument({ id: kept[1]!.id })).rejects.toMatchObject({
      code: 'conflict',
      message:
        'medium.txt: the original file was not kept (larger than the limit) — import it again',
    });
  });

  it('leaves no half document when storing fails after the document row was written', async () => {
    const { api, projectPath } = openTestService();
    // Sabotage the second write of an import (its original) from another connection.
    const saboteur = new Sqlite(projectPath);
    saboteur.exec(`CREATE TRIGGER sabotage BEFORE INSERT ON document_originals
      WHEN NEW.byte_size = 17 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    saboteur.close();
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    let outcomes: ImportOutcome[];
    try {
      outcomes = await api.importFiles({
        files: [file('doomed.txt', 'Doomed, 17 bytes.'), file('fine.txt', 'Fine article, kept.')],
      });
    } finally {
      process.stderr.write = stderr;
    }
    expect(outcomes).toEqual([
      {
        name: 'doomed.txt',
        status: 'failed',
        error:
          'doomed.txt: could not be imported because of an internal error (details are in the log)',
      },
      expect.objectContaining({ name: 'fine.txt', status: 'imported' }),
    ]);
    expect(rowCount(projectPath, 'documents')).toBe(1);
    expect(snapshot(projectPath)).not.toContain('Doomed');
  });

  it('keeps annotating while documents import: counts follow the live annotations', async () => {
    const { api } = openTestService();
    const [outcome] = await api.importFiles({ files: [file('a.txt', 'Claim here.')] });
    if (outcome?.status !== 'imported') throw new Error('not imported');
    await api.createAnnotation({ documentId: outcome.document.id, tagId: CLAIM, start: 0, end: 5 });
    const [dup] = await api.importFiles({ files: [file('b.txt', 'Claim here.')] });
    expect(dup).toMatchObject({ status: 'duplicate', existing: { counts: { [CLAIM]: 1 } } });
  });
});
