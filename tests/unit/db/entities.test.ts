import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ATTRIBUTE_IDS, ENTITY_TAG_ID } from '../../../core/codebook';
import { nameKey } from '../../../core/names';
import { insertAnnotation } from '../../../db/annotations';
import { openDatabase } from '../../../db/connection';
import type { Database } from '../../../db/connection';
import { insertDocument } from '../../../db/documents';
import {
  allLiveAliasRows,
  entityIdsByDescription,
  findStoredEntities,
  findStoredEntity,
  insertAlias,
  insertEntity,
  listLiveEntities,
  moveAliases,
  setEntityDeleted,
} from '../../../db/entities';
import {
  attributeRefsTo,
  currentDocuments,
  listMentions,
  relinkAnnotations,
  rewriteAttributeRefs,
} from '../../../db/entity-mentions';
import { makeTempDir } from './helpers';

const AT = '2026-01-01T00:00:00.000Z';
let sequence = 0;
const nextId = (prefix: string) =>
  `${prefix}-0000-7000-8000-${String(++sequence).padStart(12, '0')}`;

function project(): Database {
  return openDatabase(join(makeTempDir(), 'p.gloss'));
}

function entity(db: Database, name: string, aliases: string[] = [], description = ''): string {
  const id = nextId('e0000000');
  insertEntity(
    db,
    { id, name, kind: 'person', description, externalIds: { wikidata: 'Q1' } },
    'me',
    AT,
  );
  for (const alias of [name, ...aliases]) {
    insertAlias(
      db,
      { id: nextId('a0000000'), entityId: id, alias, normalized: nameKey(alias) },
      'me',
      AT,
    );
  }
  return id;
}

function document(db: Database, title: string, versionOf: string | null = null): string {
  const id = nextId('d0000000');
  const text = `${title}\nJeyhun Mammadov spoke.`;
  insertDocument(db, {
    id,
    title,
    text,
    length: Array.from(text).length,
    blocks: [],
    format: 'txt',
    sourcePath: null,
    sha256: id.replace(/-/g, '').padEnd(64, '0'),
    byteSize: text.length,
    importedAt: `2026-01-0${++sequence % 9}T00:00:00.000Z`,
    importedBy: 'me',
    sourceName: `${title}.txt`,
    importer: 'test',
    importerVersion: '1',
    encoding: null,
    metadata: {},
    versionOf,
  });
  return id;
}

function mention(db: Database, documentId: string, entityId: string | null, attributes = {}) {
  const id = nextId('b0000000');
  insertAnnotation(db, {
    id,
    documentId,
    tagId: ENTITY_TAG_ID,
    start: 0,
    end: 3,
    exact: 'Jey',
    prefix: '',
    suffix: 'hun',
    note: '',
    author: 'me',
    createdAt: AT,
    updatedAt: AT,
    attributes,
    entityId,
  });
  return id;
}

describe('the entity registry tables', () => {
  it('read an entity with its aliases (not its name), external ids and live mentions', () => {
    const db = project();
    const id = entity(db, 'Jeyhun Mammadov', ['Ceyhun Mammadov', 'Jeyhun Mammadov']);
    const doc = document(db, 'Article');
    mention(db, doc, id);
    const gone = document(db, 'Deleted article');
    mention(db, gone, id);
    db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(AT, gone);
    expect(findStoredEntity(db, id)).toMatchObject({
      entity: {
        name: 'Jeyhun Mammadov',
        aliases: ['Ceyhun Mammadov'],
        externalIds: { wikidata: 'Q1' },
        mentionCount: 1,
      },
      deletedAt: null,
      mergedInto: null,
    });
    expect(listMentions(db, id).map((m) => m.documentTitle)).toEqual(['Article']);
  });

  it('never deletes a row', () => {
    const db = project();
    const id = entity(db, 'Kyiv');
    expect(() => db.prepare('DELETE FROM entities WHERE id = ?').run(id)).toThrow(/soft-deleted/);
    expect(() => db.prepare('DELETE FROM entity_aliases').run()).toThrow(/soft-deleted/);
  });

  it('lists live entities, and finds any by id in the order asked', () => {
    const db = project();
    const b = entity(db, 'b');
    const a = entity(db, 'A');
    setEntityDeleted(db, b, AT, a, AT);
    expect(listLiveEntities(db).map((s) => s.entity.name)).toEqual(['A']);
    expect(allLiveAliasRows(db).map((r) => r.alias)).toEqual(['A']);
    expect(
      findStoredEntities(db, [b, nextId('ffffffff'), a]).map((s) => [s.entity.name, s.mergedInto]),
    ).toEqual([
      ['b', a],
      ['A', null],
    ]);
  });

  it('finds descriptions ignoring case and accents', () => {
    const db = project();
    const id = entity(db, 'Rada', [], 'Conseil des Azerbaïdjanais d’Ukraine');
    expect(entityIdsByDescription(db, 'azerbaidjanais')).toEqual([id]);
    expect(entityIdsByDescription(db, '')).toEqual([]);
  });

  it('moves only the names and links that are where the caller says', () => {
    const db = project();
    const from = entity(db, 'Ceyhun', ['C.']);
    const to = entity(db, 'Jeyhun');
    const other = entity(db, 'Other');
    const rows = allLiveAliasRows(db);
    const fromRows = rows.filter((r) => r.entityId === from).map((r) => r.id);
    const otherRow = rows.find((r) => r.entityId === other)!.id;
    expect(moveAliases(db, [...fromRows, otherRow], from, to, AT)).toEqual(fromRows);
    const doc = document(db, 'Article');
    const linked = mention(db, doc, from);
    const elsewhere = mention(db, doc, other);
    expect(relinkAnnotations(db, [linked, elsewhere], from, to, AT)).toEqual([linked]);
  });

  it('rewrites entity-typed attribute values naming one entity, and nothing else', () => {
    const db = project();
    const from = entity(db, 'Rovshan');
    const to = entity(db, 'Rovshan Mammadov');
    const doc = document(db, 'Article');
    const attributed = BUILTIN_ATTRIBUTE_IDS.attributedTo;
    const claim = mention(db, doc, null, {
      [attributed]: from,
      [BUILTIN_ATTRIBUTE_IDS.claimKind]: from,
    });
    const refs = attributeRefsTo(db, from);
    // The claim kind is a choice, not an entity: it is not a reference even if its text matches.
    expect(refs).toEqual([{ annotationId: claim, attributeId: attributed }]);
    expect(rewriteAttributeRefs(db, refs, from, to, AT)).toEqual(refs);
    expect(rewriteAttributeRefs(db, refs, from, to, AT)).toEqual([]);
    const row = db.prepare('SELECT attributes_json FROM annotations WHERE id = ?').get(claim) as {
      attributes_json: string;
    };
    expect(JSON.parse(row.attributes_json)).toEqual({
      [attributed]: to,
      [BUILTIN_ATTRIBUTE_IDS.claimKind]: from,
    });
  });

  it('searches current documents only: not deleted ones, not versions replaced by a newer one', () => {
    const db = project();
    const old = document(db, 'Old version');
    document(db, 'New version', old);
    const gone = document(db, 'Deleted');
    db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(AT, gone);
    expect(currentDocuments(db).map((d) => d.title)).toEqual(['New version']);
  });
});
