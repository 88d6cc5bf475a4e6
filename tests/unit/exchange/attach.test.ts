import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUILTIN_ATTRIBUTE_IDS as A, DEFAULT_SUBTAGS } from '../../../core/codebook';
import type { Annotation, Entity, Tag } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { quoteOf } from '../../../core/quote';
import { listDocumentAnnotations } from '../../../db/annotations';
import { openDatabase } from '../../../db/connection';
import type { ExchangeBundle, ExchangeDocument } from '../../../formats/exchange/model';
import { sha256Hex } from '../../../formats/import';
import type { ServiceContext } from '../../../service/context';
import { attachBundle } from '../../../service/exchange-attach';
import { insertImported } from '../../../service/import-store';
import { importFile } from '../../../formats/import';
import { CLAIM, makeTempDir } from '../service/helpers';
import { rangeOf } from './attach-fixtures';

const TEXT = 'Міністр 🙂 заявив: «Київ готовий». Then Jeyhun Mammadov spoke. Київ again.\n';

function openContext(): ServiceContext {
  const projectPath = join(makeTempDir(), 'p.gloss');
  const ctx = { db: openDatabase(projectPath), projectPath, author: 'tester', appVersion: '0' };
  onTestFinished(() => {
    ctx.db.close();
  });
  return ctx;
}

async function addDocument(ctx: ServiceContext, text: string): Promise<string> {
  const imported = await importFile('doc.txt', Buffer.from(text, 'utf8'));
  const summary = insertImported(ctx, imported, {
    sourceName: 'doc.txt',
    sourcePath: null,
    versionOf: null,
  });
  return summary.id;
}

const uuid = (n: number) => `f0000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function annotation(text: string, exact: string, extra: Partial<Annotation> = {}): Annotation {
  const { start, end } = rangeOf(text, exact);
  return {
    id: uuid(Math.floor(Math.random() * 1e9)),
    documentId: uuid(1),
    tagId: CLAIM,
    start,
    end,
    ...quoteOf(new CodePointIndex(text), start, end),
    note: '',
    author: 'colleague',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    attributes: {},
    entityId: null,
    ...extra,
  };
}

function bundle(
  documents: ExchangeDocument[],
  extra: Partial<ExchangeBundle> = {},
): ExchangeBundle {
  return {
    format: 'test',
    codebook: { tags: [], attributeDefs: [], relationTypes: [] },
    entities: [],
    documents,
    projectMemos: [],
    warnings: [],
    ...extra,
  };
}

function document(
  annotations: Annotation[],
  info: Partial<ExchangeDocument['document']> = {},
): ExchangeDocument {
  return {
    document: {
      id: uuid(1),
      title: 'From a colleague',
      text: '',
      sha256: '',
      format: 'txt',
      importedAt: '',
      details: {
        author: '',
        outlet: '',
        publishedAt: '',
        url: '',
        language: '',
        outletReliability: null,
      },
      ...info,
    },
    annotations,
    relations: [],
    memos: [],
  };
}

describe('attaching an imported file to the project', () => {
  it('matches a document by content hash and keeps offsets with emoji and Cyrillic', async () => {
    const ctx = openContext();
    const documentId = await addDocument(ctx, TEXT);
    const a = annotation(TEXT, '«Київ готовий»');
    const report = attachBundle(
      ctx,
      bundle([document([a], { sha256: sha256Hex(Buffer.from(TEXT)) })]),
      'f',
    );
    expect(report.documents[0]).toMatchObject({
      status: 'matched-hash',
      documentId,
      annotationsAdded: 1,
    });
    const [stored] = listDocumentAnnotations(ctx.db, documentId);
    expect(stored).toMatchObject({ id: a.id, start: a.start, end: a.end, exact: '«Київ готовий»' });
  });

  it('matches tags by name path, attributes by tag and key, entities by any of their names', async () => {
    const ctx = openContext();
    const documentId = await addDocument(ctx, TEXT);
    const ceyhun: Entity = {
      id: uuid(50),
      name: 'Ceyhun Mammadov',
      kind: 'person',
      aliases: [],
      description: '',
      externalIds: {},
      mentionCount: 0,
      createdAt: '',
      updatedAt: '',
    };
    // The project knows him already, under his other spelling.
    attachBundle(
      ctx,
      bundle([], { entities: [{ ...ceyhun, id: uuid(51), name: 'Jeyhun Mammadov' }] }),
      'f',
    );
    const theirClaim: Tag = {
      ...DEFAULT_SUBTAGS[0]!,
      id: uuid(60),
      parentId: null,
      name: 'claim',
      hotkey: 'c',
    };
    const theirQuote: Tag = { ...theirClaim, id: uuid(61), parentId: uuid(60), name: 'Quote' };
    const theirGrade = {
      id: uuid(70),
      tagId: uuid(60),
      key: 'reliability',
      name: 'Reliability',
      type: 'choice' as const,
      choices: [],
      description: '',
      position: 0,
    };
    const a = annotation(TEXT, '«Київ готовий»', {
      tagId: uuid(61),
      attributes: { [uuid(70)]: 'B' },
      entityId: uuid(50),
    });
    const report = attachBundle(
      ctx,
      bundle([document([a], { text: TEXT })], {
        codebook: {
          tags: [theirClaim, theirQuote],
          attributeDefs: [theirGrade],
          relationTypes: [],
        },
        // Known to the file by both names; the project has one of them.
        entities: [{ ...ceyhun, aliases: ['Jeyhun Mammadov'] }],
      }),
      'f',
    );
    expect(report).toMatchObject({ tagsCreated: [], attributesCreated: [], entitiesCreated: [] });
    const [stored] = listDocumentAnnotations(ctx.db, documentId);
    const quoteTag = DEFAULT_SUBTAGS.find((t) => t.name === 'Quote')!.id;
    expect(stored!.tagId).toBe(quoteTag);
    // Claim's built-in reliability: found on the Quote's ancestor by its key.
    expect(stored!.attributes).toEqual({ [A.reliability]: 'B' });
    expect(stored!.entityId).toBe(uuid(51));
  });

  it('creates a document from the file’s text when the project has none like it', () => {
    const ctx = openContext();
    const a = annotation(TEXT, 'Jeyhun Mammadov');
    const report = attachBundle(
      ctx,
      bundle([
        document([a], {
          text: TEXT,
          title: 'Interview',
          details: {
            author: 'A. N.',
            outlet: '',
            publishedAt: '',
            url: '',
            language: 'uk',
            outletReliability: 'C',
          },
        }),
      ]),
      'interview.qdpx',
    );
    const created = report.documents[0]!;
    expect(created).toMatchObject({
      status: 'created',
      projectTitle: 'Interview',
      annotationsAdded: 1,
    });
    const row = ctx.db
      .prepare(
        'SELECT d.text, dd.author, dd.language, dd.outlet_reliability AS r FROM documents d JOIN document_details dd ON dd.document_id = d.id WHERE d.id = ?',
      )
      .get(created.documentId) as { text: string; author: string; language: string; r: string };
    expect(row).toEqual({ text: TEXT, author: 'A. N.', language: 'uk', r: 'C' });
  });

  it('reports, never drops: an unknown tag, an ambiguous quote, an entity nobody knows, a dangling relation', async () => {
    const ctx = openContext();
    const documentId = await addDocument(ctx, TEXT);
    const good = annotation(TEXT, 'Then Jeyhun Mammadov spoke', { entityId: uuid(99) });
    const unknownTag = annotation(TEXT, 'заявив', { tagId: uuid(98) });
    // "Київ" occurs twice and the file has no position or context for it.
    const ambiguous = { ...annotation(TEXT, 'Київ'), start: 0, end: 0, prefix: '', suffix: '' };
    const doc = document([good, unknownTag, ambiguous], { text: '' });
    doc.relations.push({
      id: uuid(90),
      typeId: '00000000-0000-7000-8000-000000000204',
      sourceId: good.id,
      targetId: unknownTag.id,
      note: '',
      author: '',
      createdAt: '',
      updatedAt: '',
    });
    const report = attachBundle(ctx, bundle([doc]), 'f');
    expect(report.documents[0]).toMatchObject({
      status: 'reanchored',
      documentId,
      annotationsAdded: 1,
    });
    expect(report.skipped.map((s) => [s.id, s.reason])).toEqual([
      [uuid(99), 'the entity is neither in the file nor in the project'],
      [unknownTag.id, "its tag is neither in the file's codebook nor in the project"],
      [
        ambiguous.id,
        'its text occurs several times in the document and its context does not tell which',
      ],
      [uuid(90), 'its target annotation was not imported'],
    ]);
  });

  it('re-points relations and annotation-valued attributes at the ids the annotations got', async () => {
    const ctx = openContext();
    const documentId = await addDocument(ctx, TEXT);
    // An id the project used once already (deleted since): the import must give a new one.
    const first = annotation(TEXT, '«Київ готовий»');
    attachBundle(ctx, bundle([document([first], { text: TEXT })]), 'f');
    ctx.db.prepare("UPDATE annotations SET deleted_at = 'x' WHERE id = ?").run(first.id);
    const refDef = {
      id: uuid(80),
      tagId: CLAIM,
      key: 'answers',
      name: 'Answers',
      type: 'annotation' as const,
      choices: [],
      description: '',
      position: 9,
    };
    const second = annotation(TEXT, 'Then Jeyhun Mammadov spoke', {
      attributes: { [uuid(80)]: first.id },
    });
    const doc = document([first, second], { text: TEXT });
    doc.relations.push({
      id: uuid(91),
      typeId: '00000000-0000-7000-8000-000000000204',
      sourceId: second.id,
      targetId: first.id,
      note: 'n',
      author: '',
      createdAt: '',
      updatedAt: '',
    });
    const report = attachBundle(
      ctx,
      bundle([doc], { codebook: { tags: [], attributeDefs: [refDef], relationTypes: [] } }),
      'f',
    );
    expect(report.annotationsAdded).toBe(2);
    expect(report.relationsAdded).toBe(1);
    const live = listDocumentAnnotations(ctx.db, documentId);
    const copy = live.find((a) => a.exact === '«Київ готовий»')!;
    expect(copy.id).not.toBe(first.id);
    const answering = live.find((a) => a.exact.startsWith('Then'))!;
    expect(Object.values(answering.attributes)).toEqual([copy.id]);
    const relation = ctx.db
      .prepare('SELECT source_id, target_id FROM relations WHERE note = ?')
      .get('n');
    expect(relation).toEqual({ source_id: answering.id, target_id: copy.id });
  });

  it('writes nothing when it fails half-way', async () => {
    const ctx = openContext();
    await addDocument(ctx, TEXT);
    const before = ctx.db.prepare('SELECT count(*) AS n FROM annotations').get();
    // A value the database refuses (a note must be text), after one good annotation went in.
    const broken = annotation(TEXT, 'заявив', { note: null as unknown as string });
    expect(() =>
      attachBundle(
        ctx,
        bundle([document([annotation(TEXT, 'Київ готовий'), broken], { text: TEXT })]),
        'f',
      ),
    ).toThrow();
    expect(ctx.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual(before);
  });
});
