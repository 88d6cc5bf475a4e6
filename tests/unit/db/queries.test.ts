import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBTAGS, ROOT_TAGS } from '../../../core/codebook';
import type { Annotation } from '../../../core/domain';
import {
  findAnnotation,
  insertAnnotation,
  listDocumentAnnotations,
  setAnnotationDeleted,
  updateAnnotationFields,
} from '../../../db/annotations';
import { openDatabase } from '../../../db/connection';
import type { Database } from '../../../db/connection';
import {
  findDocument,
  findDocumentContent,
  insertDocument,
  isLiveDocument,
  listDocumentIds,
  listDocumentSummaries,
  quoteFromStoredText,
  softDeleteDocument,
} from '../../../db/documents';
import type { NewDocument } from '../../../db/documents';
import { CodePointIndex } from '../../../core/offsets';
import { quoteOf } from '../../../core/quote';
import { findTag, listTags, tagNamesById } from '../../../db/tags';
import { makeTempDir } from './helpers';

const [CLAIM, ENTITY, OPINION] = ROOT_TAGS.map((t) => t.id) as [string, string, string];

function project(): Database {
  const db = openDatabase(join(makeTempDir(), 'p.gloss'));
  return db;
}

let sequence = 0;
function addDocument(db: Database, title: string, importedAt: string): string {
  const id = `00000000-0000-7000-8000-${String(++sequence).padStart(12, '0')}`;
  const doc: NewDocument = {
    id,
    title,
    text: `${title} 😀 text`,
    length: Array.from(`${title} 😀 text`).length,
    blocks: [{ kind: 'paragraph', start: 0, end: 3 }],
    format: 'txt',
    sourcePath: `/tmp/${title}.txt`,
    sha256: 'ab'.repeat(32),
    byteSize: 42,
    importedAt,
    importedBy: 'analyst',
    sourceName: `${title}.txt`,
    importer: 'Gloss plain text',
    importerVersion: '2',
    encoding: 'windows-1251',
    metadata: { byline: 'A. Author', language: 'ru' },
    versionOf: null,
  };
  insertDocument(db, doc);
  return id;
}

function addAnnotation(
  db: Database,
  documentId: string,
  tagId: string,
  start: number,
  end: number,
): Annotation {
  const annotation: Annotation = {
    id: `10000000-0000-7000-8000-${String(++sequence).padStart(12, '0')}`,
    documentId,
    tagId,
    start,
    end,
    exact: 'x',
    prefix: '',
    suffix: '',
    note: '',
    author: 'analyst',
    attributes: {},
    entityId: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
  insertAnnotation(db, annotation);
  return annotation;
}

describe('documents', () => {
  it('lists live documents newest first with their length and live counts per tag, not text', () => {
    const db = project();
    const older = addDocument(db, 'Older', '2025-01-01T00:00:00.000Z');
    const newer = addDocument(db, 'Newer', '2025-02-01T00:00:00.000Z');
    const gone = addDocument(db, 'Gone', '2025-03-01T00:00:00.000Z');
    addAnnotation(db, older, CLAIM, 0, 2);
    addAnnotation(db, older, CLAIM, 1, 3);
    addAnnotation(db, older, ENTITY, 0, 1);
    const deleted = addAnnotation(db, older, OPINION, 0, 1);
    setAnnotationDeleted(db, deleted.id, '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z');
    softDeleteDocument(db, gone, '2025-04-01T00:00:00.000Z');

    const list = listDocumentSummaries(db);
    expect(list.map((d) => d.title)).toEqual(['Newer', 'Older']);
    expect(list[1]).toEqual({
      id: older,
      title: 'Older',
      format: 'txt',
      sourcePath: '/tmp/Older.txt',
      sha256: 'ab'.repeat(32),
      importedAt: '2025-01-01T00:00:00.000Z',
      length: 12,
      counts: { [CLAIM]: 2, [ENTITY]: 1 },
      // Seeded from the metadata; a local path is not a URL.
      details: {
        author: 'A. Author',
        outlet: '',
        publishedAt: '',
        url: '',
        language: 'ru',
        outletReliability: null,
      },
    });
    expect(list[0]!.counts).toEqual({});
    expect(list.some((d) => 'text' in d || 'blocks' in d)).toBe(false);
    expect(listDocumentIds(db)).toEqual([newer, older]);
  });

  it('filters titles ignoring case and accents, in Latin and Cyrillic', () => {
    const db = project();
    addDocument(db, 'Азербайджанцы в Украине', '2025-01-01T00:00:00.000Z');
    addDocument(db, 'Café Zürich report', '2025-01-02T00:00:00.000Z');
    addDocument(db, '100% of 50_50 cases', '2025-01-03T00:00:00.000Z');
    const titles = (query: string) => listDocumentSummaries(db, query).map((d) => d.title);
    expect(titles('УКРАИН')).toEqual(['Азербайджанцы в Украине']);
    expect(titles('азербаиджан')).toEqual(['Азербайджанцы в Украине']);
    expect(titles('cafe zurich')).toEqual(['Café Zürich report']);
    expect(titles('%')).toEqual(['100% of 50_50 cases']);
    expect(titles('_')).toEqual(['100% of 50_50 cases']);
    expect(titles('  ')).toHaveLength(3);
    expect(titles('nothing like it')).toEqual([]);
  });

  it('finds a live document with its text and blocks, and forgets a deleted one', () => {
    const db = project();
    const id = addDocument(db, 'Doc', '2025-01-01T00:00:00.000Z');
    expect(findDocument(db, id)).toMatchObject({
      title: 'Doc',
      text: 'Doc 😀 text',
      length: 10,
      blocks: [{ kind: 'paragraph', start: 0, end: 3 }],
      metadata: { byline: 'A. Author', language: 'ru' },
      provenance: {
        sourceName: 'Doc.txt',
        sourcePath: '/tmp/Doc.txt',
        importer: 'Gloss plain text',
        importerVersion: '2',
        encoding: 'windows-1251',
        originalKept: false,
      },
    });
    expect(findDocumentContent(db, id)).toEqual({
      id,
      title: 'Doc',
      text: 'Doc 😀 text',
      length: 10,
    });
    expect(softDeleteDocument(db, id, '2025-01-02T00:00:00.000Z')).toBe(true);
    expect(softDeleteDocument(db, id, '2025-01-03T00:00:00.000Z')).toBe(false);
    expect(findDocument(db, id)).toBeUndefined();
    expect(isLiveDocument(db, id)).toBe(false);
    // Soft delete: the row is still there.
    expect(db.prepare('SELECT deleted_at FROM documents WHERE id = ?').pluck().get(id)).toBe(
      '2025-01-02T00:00:00.000Z',
    );
  });
});

describe('quotes cut by SQLite', () => {
  it('match the code-point quote of core/quote.ts for emoji, flags, CJK, Cyrillic and combining marks', () => {
    const db = project();
    const text = 'Prefix 🇺🇦 флаг «мир» 東京𠀋タワー e\u0301te 👨‍👩‍👧 end';
    const id = '00000000-0000-7000-8000-0000000000aa';
    insertDocument(db, {
      ...{ id, title: 'q', text, length: Array.from(text).length, blocks: [] },
      ...{ format: 'txt', sourcePath: null, sha256: 'cd'.repeat(32), byteSize: 1 },
      ...{ importedAt: '2025-01-01T00:00:00.000Z', importedBy: 'a', sourceName: 'q.txt' },
      ...{ importer: 'x', importerVersion: '1', encoding: null, metadata: {}, versionOf: null },
    });
    const index = new CodePointIndex(text);
    for (let start = 0; start < index.codePointLength; start += 3) {
      for (const end of [start + 1, start + 5, index.codePointLength]) {
        if (end > index.codePointLength) continue;
        const stored = quoteFromStoredText(db, id, start, end, 4);
        expect(stored?.exact).toBe(quoteOf(index, start, end).exact);
        expect(stored?.prefix).toBe(index.slice(Math.max(0, start - 4), start));
        expect(stored?.suffix).toBe(index.slice(end, end + 4));
      }
    }
    expect(quoteFromStoredText(db, id, 0, 1, 4)?.length).toBe(index.codePointLength);
    expect(
      quoteFromStoredText(db, '00000000-0000-7000-8000-0000000000ab', 0, 1, 4),
    ).toBeUndefined();
  });
});

describe('tags', () => {
  it('lists the three roots, then the default sub-tags, each group in codebook order', () => {
    const db = project();
    const byPosition = [...DEFAULT_SUBTAGS].sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    expect(listTags(db)).toEqual([...ROOT_TAGS, ...byPosition]);
    expect(findTag(db, ENTITY)?.name).toBe('Entity');
    expect(findTag(db, '00000000-0000-7000-8000-00000000ffff')).toBeUndefined();
    expect(tagNamesById(db).get(OPINION)).toBe('Opinion');
  });
});

describe('annotations', () => {
  it('lists live annotations in text order, enclosing spans first', () => {
    const db = project();
    const doc = addDocument(db, 'Doc', '2025-01-01T00:00:00.000Z');
    const inner = addAnnotation(db, doc, ENTITY, 4, 6);
    const later = addAnnotation(db, doc, CLAIM, 7, 9);
    const outer = addAnnotation(db, doc, CLAIM, 4, 9);
    const first = addAnnotation(db, doc, OPINION, 0, 2);
    const order = listDocumentAnnotations(db, doc).map((a) => a.id);
    expect(order).toEqual([first.id, outer.id, inner.id, later.id]);
  });

  it('updates fields, soft-deletes and restores while keeping the row', () => {
    const db = project();
    const doc = addDocument(db, 'Doc', '2025-01-01T00:00:00.000Z');
    const a = addAnnotation(db, doc, CLAIM, 0, 3);
    updateAnnotationFields(db, a.id, { note: 'check this', updatedAt: '2025-01-05T00:00:00.000Z' });
    expect(findAnnotation(db, a.id)!.annotation).toMatchObject({
      tagId: CLAIM,
      note: 'check this',
      updatedAt: '2025-01-05T00:00:00.000Z',
    });
    updateAnnotationFields(db, a.id, { tagId: ENTITY, updatedAt: '2025-01-06T00:00:00.000Z' });
    expect(findAnnotation(db, a.id)!.annotation).toMatchObject({
      tagId: ENTITY,
      note: 'check this',
    });
    setAnnotationDeleted(db, a.id, '2025-01-07T00:00:00.000Z', '2025-01-07T00:00:00.000Z');
    expect(listDocumentAnnotations(db, doc)).toEqual([]);
    expect(findAnnotation(db, a.id)!.deletedAt).toBe('2025-01-07T00:00:00.000Z');
    setAnnotationDeleted(db, a.id, null, '2025-01-08T00:00:00.000Z');
    expect(listDocumentAnnotations(db, doc).map((x) => x.updatedAt)).toEqual([
      '2025-01-08T00:00:00.000Z',
    ]);
  });
});
