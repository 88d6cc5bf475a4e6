import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  CLAIM_TAG_ID,
  DEFAULT_ATTRIBUTES,
} from '../../../core/codebook';
import type { Annotation } from '../../../core/domain';
import { findAnnotation, insertAnnotation, setAnnotationDeleted } from '../../../db/annotations';
import {
  annotationsWithTags,
  findAttributeDef,
  insertAttributeDef,
  isLiveAnnotation,
  isLiveEntity,
  listAttributeDefs,
  setAttributeDefDeleted,
  tagUsage,
  writeAnnotationModel,
} from '../../../db/attributes';
import { openDatabase } from '../../../db/connection';
import type { Database } from '../../../db/connection';
import { insertDocument, softDeleteDocument } from '../../../db/documents';
import { makeTempDir } from './helpers';

const AT = '2025-01-01T00:00:00.000Z';
const LATER = '2025-02-01T00:00:00.000Z';

function project(): Database {
  return openDatabase(join(makeTempDir(), 'p.gloss'));
}

let n = 0;
const id = (prefix: string) => `${prefix}-0000-7000-8000-${String(++n).padStart(12, '0')}`;

function addDocument(db: Database): string {
  const documentId = id('d0000000');
  insertDocument(db, {
    id: documentId,
    title: 'Київ 🌻',
    text: 'Київ 🌻 said',
    length: 11,
    blocks: [],
    format: 'txt',
    sourcePath: null,
    sha256: documentId,
    byteSize: 20,
    importedAt: AT,
    importedBy: 'analyst',
    sourceName: 'a.txt',
    importer: 'Gloss plain text',
    importerVersion: '1',
    encoding: 'utf-8',
    metadata: {},
    versionOf: null,
  });
  return documentId;
}

function addAnnotation(db: Database, documentId: string, attributes = {}): Annotation {
  const annotation: Annotation = {
    id: id('a0000000'),
    documentId,
    tagId: CLAIM_TAG_ID,
    start: 0,
    end: 4,
    exact: 'Київ',
    prefix: '',
    suffix: ' 🌻 said',
    note: '',
    author: 'analyst',
    createdAt: AT,
    updatedAt: AT,
    attributes,
    entityId: null,
  };
  insertAnnotation(db, annotation);
  return annotation;
}

describe('attribute definitions', () => {
  it('lists the live ones grouped by tag and keeps deleted rows for a restore', () => {
    const db = project();
    expect(listAttributeDefs(db)).toEqual(DEFAULT_ATTRIBUTES);
    setAttributeDefDeleted(db, A.claimKind, LATER, LATER);
    expect(listAttributeDefs(db).map((d) => d.id)).not.toContain(A.claimKind);
    expect(findAttributeDef(db, A.claimKind)).toMatchObject({
      deletedAt: LATER,
      def: { key: 'kind' },
    });
    const mine = {
      ...DEFAULT_ATTRIBUTES[0]!,
      id: id('f0000000'),
      key: 'tone',
      choices: [{ value: 'ironic', label: 'Ironic' }],
    };
    insertAttributeDef(db, mine, 'analyst', AT);
    expect(findAttributeDef(db, mine.id)?.def).toEqual(mine);
  });
});

describe('attribute values on annotations', () => {
  it('writes tag, values and entity link, leaving a deleted annotation’s time alone', () => {
    const db = project();
    const doc = addDocument(db);
    const live = addAnnotation(db, doc);
    const gone = addAnnotation(db, doc, { [A.reliability]: 'C' });
    setAnnotationDeleted(db, gone.id, AT, AT);
    writeAnnotationModel(db, live.id, { attributes: { [A.reliability]: 'B' } }, LATER);
    writeAnnotationModel(db, gone.id, { tagId: CLAIM_TAG_ID, attributes: {} }, LATER);
    expect(findAnnotation(db, live.id)?.annotation).toMatchObject({
      attributes: { [A.reliability]: 'B' },
      entityId: null,
      updatedAt: LATER,
    });
    expect(findAnnotation(db, gone.id)?.annotation).toMatchObject({
      attributes: {},
      updatedAt: AT,
    });
    expect(annotationsWithTags(db, [CLAIM_TAG_ID])).toEqual([
      { id: live.id, tagId: CLAIM_TAG_ID, deleted: false, attributes: { [A.reliability]: 'B' } },
      { id: gone.id, tagId: CLAIM_TAG_ID, deleted: true, attributes: {} },
    ]);
    expect(isLiveAnnotation(db, live.id)).toBe(true);
    expect(isLiveAnnotation(db, gone.id)).toBe(false);
  });

  it('counts a tag’s annotations on live documents, and every row a removal would move', () => {
    const db = project();
    const kept = addDocument(db);
    const dropped = addDocument(db);
    addAnnotation(db, kept);
    addAnnotation(db, kept);
    addAnnotation(db, dropped);
    setAnnotationDeleted(db, addAnnotation(db, kept).id, AT, AT);
    softDeleteDocument(db, dropped, LATER);
    expect(tagUsage(db, CLAIM_TAG_ID)).toEqual({ live: 2, total: 4, documents: 1 });
  });

  it('links only to live entities that were not merged away', () => {
    const db = project();
    const insert = db.prepare(
      'INSERT INTO entities (id, name, merged_into, deleted_at) VALUES (?, ?, ?, ?)',
    );
    const person = id('e0000000');
    const merged = id('e0000000');
    const deleted = id('e0000000');
    insert.run(person, 'Рошан Мамедов', null, null);
    insert.run(merged, 'Rovshan Mammadov', person, null);
    insert.run(deleted, 'Old', null, AT);
    expect([person, merged, deleted].map((e) => isLiveEntity(db, e))).toEqual([true, false, false]);
    const doc = addDocument(db);
    const mention = addAnnotation(db, doc);
    writeAnnotationModel(db, mention.id, { entityId: person }, LATER);
    expect(findAnnotation(db, mention.id)?.annotation.entityId).toBe(person);
    writeAnnotationModel(db, mention.id, { entityId: null }, LATER);
    expect(findAnnotation(db, mention.id)?.annotation.entityId).toBeNull();
  });
});
