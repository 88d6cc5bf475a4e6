import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTRIBUTES, DEFAULT_SUBTAGS, ROOT_TAGS } from '../../../core/codebook';
import { GLOSS_APPLICATION_ID } from '../../../db/migrations/001-initial';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  readSchemaVersion,
} from '../../../db/migrations';
import type { Migration } from '../../../db/migrations';
import { listDocumentAnnotations } from '../../../db/annotations';
import { listAttributeDefs } from '../../../db/attributes';
import { findDocument, findLiveDocumentBySha256 } from '../../../db/documents';
import { readSettings } from '../../../db/settings';

const TABLES = ['annotations', 'documents', 'tags'];
/** Tables added by schema 3 that follow schema 1's rules (id key, soft deletes). */
const ANALYST_TABLES = [
  'attribute_defs',
  'entities',
  'entity_aliases',
  'history',
  'memos',
  'relation_types',
  'relations',
];
/**
 * Tables keyed by another row: a document's original and details (schema 2 and 3), a setting's
 * name (schema 2).
 */
const KEYED_TABLES: Record<string, string> = {
  document_originals: 'document_id',
  settings: 'key',
  document_details: 'document_id',
};

/**
 * Derived tables of schema 4: the full-text index and its row map, rebuilt from the tables they
 * index (never merged or synced), so the storage rules for records do not apply to them.
 */
const DERIVED_TABLES = [
  'search_rows',
  'search_text',
  'search_text_config',
  'search_text_content',
  'search_text_data',
  'search_text_docsize',
  'search_text_idx',
];

function freshDb(): Sqlite.Database {
  const db = new Sqlite(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

const tableNames = (db: Sqlite.Database) =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];

describe('the migration registry', () => {
  it('numbers its steps 1, 2, 3… with no gap, the last being the latest version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
  });
});

describe('migration 1 (initial)', () => {
  it('turns an empty database into a Gloss project with the three root tags', () => {
    const db = freshDb();
    expect(migrate(db, 1)).toEqual({ from: 0, to: 1 });
    expect(readSchemaVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(GLOSS_APPLICATION_ID);
    expect(tableNames(db)).toEqual(TABLES);
    const tags = db
      .prepare('SELECT id, parent_id, name, color, hotkey, description, position FROM tags')
      .all();
    expect(tags).toEqual(
      ROOT_TAGS.map((t) => ({
        id: t.id,
        parent_id: null,
        name: t.name,
        color: t.color,
        hotkey: t.hotkey,
        description: t.description,
        position: t.position,
      })),
    );
    expect(tags.map((t) => (t as { hotkey: string }).hotkey)).toEqual(['c', 'e', 'o']);
  });

  it('is a no-op when run again', () => {
    const db = freshDb();
    migrate(db);
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    // The three roots and the default sub-tags, each inserted once.
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(
      ROOT_TAGS.length + DEFAULT_SUBTAGS.length,
    );
  });

  it('follows the storage rules: STRICT, text keys, no AUTOINCREMENT, defaults on NOT NULL', () => {
    const db = freshDb();
    migrate(db);
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number }[];
    for (const table of [...TABLES, ...ANALYST_TABLES]) {
      expect(list.find((t) => t.name === table)?.strict, `${table} is STRICT`).toBe(1);
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const key = columns.filter((c) => c.pk);
      expect(key.map((c) => [c.name, c.type])).toEqual([['id', 'TEXT']]);
      for (const column of columns.filter((c) => c.notnull && !c.pk)) {
        expect(column.dflt_value, `${table}.${column.name} has a DEFAULT`).not.toBeNull();
      }
      expect(
        columns.some((c) => c.name === 'deleted_at'),
        `${table} soft-deletes`,
      ).toBe(true);
    }
    expect(tableNames(db)).not.toContain('sqlite_sequence');
    expect(tableNames(db)).toEqual(
      [...TABLES, ...ANALYST_TABLES, ...Object.keys(KEYED_TABLES), ...DERIVED_TABLES].sort(),
    );
    for (const [table, keyName] of Object.entries(KEYED_TABLES)) {
      expect(list.find((t) => t.name === table)?.strict, `${table} is STRICT`).toBe(1);
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      expect(columns.filter((c) => c.pk).map((c) => [c.name, c.type])).toEqual([[keyName, 'TEXT']]);
      for (const column of columns.filter((c) => c.notnull && !c.pk)) {
        expect(column.dflt_value, `${table}.${column.name} has a DEFAULT`).not.toBeNull();
      }
      // Who and when, on every row.
      expect(
        columns.some((c) => /_at$/.test(c.name)) && columns.some((c) => /_by$/.test(c.name)),
      ).toBe(true);
    }
  });

  it('refuses impossible spans, dangling references, deletions and edits of a text', () => {
    const db = freshDb();
    migrate(db);
    db.prepare("INSERT INTO documents (id, text, length) VALUES ('d1', 'Hello', 5)").run();
    const insert = db.prepare(
      `INSERT INTO annotations (id, document_id, tag_id, start, "end") VALUES (?, ?, ?, ?, ?)`,
    );
    const claim = ROOT_TAGS[0]!.id;
    expect(() => insert.run('a1', 'd1', claim, 3, 3)).toThrow(/CHECK/);
    expect(() => insert.run('a2', 'd1', claim, -1, 2)).toThrow(/CHECK/);
    expect(() => insert.run('a3', 'nope', claim, 0, 2)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('a4', 'd1', 'no-tag', 0, 2)).toThrow(/FOREIGN KEY/);
    insert.run('a5', 'd1', claim, 0, 2);
    expect(() => db.prepare("DELETE FROM annotations WHERE id = 'a5'").run()).toThrow(
      /soft-deleted/,
    );
    expect(() => db.prepare("DELETE FROM documents WHERE id = 'd1'").run()).toThrow(/soft-deleted/);
    expect(() => db.prepare("UPDATE documents SET text = 'Bye' WHERE id = 'd1'").run()).toThrow(
      /never changes/,
    );
    db.prepare(
      "UPDATE documents SET deleted_at = '2025-01-01T00:00:00.000Z' WHERE id = 'd1'",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO tags (id, name, hotkey) VALUES ('t2', 'Dup', 'c')").run(),
    ).toThrow(/UNIQUE/);
  });
});

describe('migration 2 (provenance)', () => {
  const claim = ROOT_TAGS[0]!.id;

  /** A schema-1 project with one document and one annotation, as Gloss 0.1 wrote them. */
  function schemaOneProject(): Sqlite.Database {
    const db = freshDb();
    migrate(db, 1);
    db.prepare(
      `INSERT INTO documents (id, title, format, source_path, sha256, byte_size, length,
         imported_at, imported_by, text, blocks_json)
       VALUES ('d1', 'Old article', 'md', '/cases/old.md', 'aa', 12, 11,
         '2025-01-01T00:00:00.000Z', 'analyst', 'Old article', '[{"kind":"heading","start":0,"end":11,"level":1}]')`,
    ).run();
    db.prepare(
      `INSERT INTO annotations (id, document_id, tag_id, start, "end", exact, suffix, author)
       VALUES ('a1', 'd1', ?, 0, 3, 'Old', ' article', 'analyst')`,
    ).run(claim);
    return db;
  }

  it('keeps schema-1 rows intact and gives them the new columns, defaulted', () => {
    const db = schemaOneProject();
    const before = {
      document: db.prepare('SELECT * FROM documents').get(),
      annotation: db.prepare('SELECT * FROM annotations').get(),
    };
    expect(migrate(db, 2)).toEqual({ from: 1, to: 2 });
    expect(readSchemaVersion(db)).toBe(2);

    expect(db.prepare('SELECT * FROM documents').get()).toEqual({
      ...(before.document as object),
      source_name: '',
      importer: '',
      importer_version: '',
      encoding: null,
      metadata_json: '{}',
      version_of: null,
    });
    expect(db.prepare('SELECT * FROM annotations').get()).toEqual({
      ...(before.annotation as object),
      previous_id: null,
    });
    expect(db.prepare('SELECT count(*) FROM document_originals').pluck().get()).toBe(0);
    expect(readSettings(db)).toEqual({
      maxImportBytes: 200 * 1024 * 1024,
      maxTextChars: 50_000_000,
      keepOriginalBytes: 50 * 1024 * 1024,
      // Issue 6's settings: defaults in code, not stored by any migration.
      backupIntervalMinutes: 10,
      backupsKept: 10,
    });
  });

  it('reads an old document with provenance inferred from what schema 1 recorded', () => {
    const db = schemaOneProject();
    // Today's queries read today's schema: an old project is always migrated all the way first.
    migrate(db);
    expect(findDocument(db, 'd1')).toMatchObject({
      text: 'Old article',
      metadata: {},
      provenance: {
        sourceName: 'old.md',
        sourcePath: '/cases/old.md',
        importer: 'Gloss Markdown',
        importerVersion: '1',
        encoding: null,
        originalKept: false,
      },
    });
    expect(findLiveDocumentBySha256(db, 'aa')?.id).toBe('d1');
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM documents WHERE sha256 = ? AND deleted_at IS NULL`,
      )
      .all('aa') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/documents_live_by_sha256/);
  });

  it('keeps documents and originals immutable, and settings and originals undeletable', () => {
    const db = schemaOneProject();
    migrate(db, 2);
    for (const column of ['importer', 'source_name', 'encoding', 'metadata_json', 'version_of']) {
      expect(() =>
        db.prepare(`UPDATE documents SET ${column} = 'd1' WHERE id = 'd1'`).run(),
      ).toThrow(/never changes/);
    }
    db.prepare("UPDATE documents SET title = 'Renamed' WHERE id = 'd1'").run();
    db.prepare(
      "INSERT INTO document_originals (document_id, sha256, byte_size, bytes) VALUES ('d1', 'aa', 3, x'414243')",
    ).run();
    expect(() => db.prepare("UPDATE document_originals SET sha256 = 'bb'").run()).toThrow(
      /never change/,
    );
    expect(() => db.prepare('DELETE FROM document_originals').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM settings').run()).toThrow(/never deleted/);
    expect(() =>
      db.prepare("INSERT INTO document_originals (document_id) VALUES ('nope')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE annotations SET previous_id = 'nope'").run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});

describe('migration 3 (analyst model)', () => {
  const claim = ROOT_TAGS[0]!.id;
  const entity = ROOT_TAGS[1]!.id;

  /** A schema-2 project: an imported HTML article with metadata, an annotation, a user sub-tag. */
  function schemaTwoProject(): Sqlite.Database {
    const db = freshDb();
    migrate(db, 2);
    db.prepare(
      `INSERT INTO documents (id, title, format, source_path, sha256, byte_size, length,
         imported_at, imported_by, text, blocks_json, source_name, importer, importer_version,
         metadata_json)
       VALUES ('d1', 'Кыiв 🌻', 'html', '/cases/kyiv.html', 'aa', 40, 7,
         '2025-01-01T00:00:00.000Z', 'analyst', 'Кыiв 🌻!', '[]', 'kyiv.html', 'Gloss HTML', '1',
         ?)`,
    ).run(
      JSON.stringify({
        byline: 'Олена Петренко',
        siteName: 'Example News',
        publishedAt: '2024-03-01',
        canonicalUrl: 'https://example.org/kyiv',
        language: 'uk',
      }),
    );
    db.prepare(
      `INSERT INTO annotations (id, document_id, tag_id, start, "end", exact, suffix, note, author)
       VALUES ('a1', 'd1', ?, 0, 4, 'Кыiв', ' 🌻!', 'capital', 'analyst')`,
    ).run(claim);
    // The analyst already gave "p" to a tag of their own: the default Person must not take it.
    db.prepare(
      `INSERT INTO tags (id, parent_id, name, color, hotkey, position)
       VALUES ('t-politician', ?, 'Politician', '#123456', 'p', 0)`,
    ).run(entity);
    return db;
  }

  it('seeds the details of existing documents from their metadata', () => {
    const db = schemaTwoProject();
    expect(migrate(db, 3)).toEqual({ from: 2, to: 3 });
    expect(db.prepare('SELECT * FROM document_details').all()).toEqual([
      expect.objectContaining({
        document_id: 'd1',
        author: 'Олена Петренко',
        outlet: 'Example News',
        published_at: '2024-03-01',
        url: 'https://example.org/kyiv',
        language: 'uk',
        outlet_reliability: null,
      }),
    ]);
    expect(findDocument(db, 'd1')?.details).toEqual({
      author: 'Олена Петренко',
      outlet: 'Example News',
      publishedAt: '2024-03-01',
      url: 'https://example.org/kyiv',
      language: 'uk',
      outletReliability: null,
    });
  });

  it('keeps annotations as they were, with no attribute values and no entity link', () => {
    const db = schemaTwoProject();
    const before = db.prepare('SELECT * FROM annotations').get() as object;
    migrate(db, 3);
    expect(db.prepare('SELECT * FROM annotations').get()).toEqual({
      ...before,
      attributes_json: '{}',
      entity_id: null,
    });
    expect(listDocumentAnnotations(db, 'd1')).toEqual([
      expect.objectContaining({ id: 'a1', exact: 'Кыiв', attributes: {}, entityId: null }),
    ]);
  });

  it('seeds the default codebook, attributes and relation types', () => {
    const db = schemaTwoProject();
    migrate(db, 3);
    const subTags = db
      .prepare('SELECT id, parent_id, name FROM tags WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(DEFAULT_SUBTAGS.map((t) => t.id)));
    expect(subTags).toHaveLength(DEFAULT_SUBTAGS.length);
    expect(listAttributeDefs(db)).toEqual(DEFAULT_ATTRIBUTES);
    expect(db.prepare('SELECT count(*) FROM relation_types WHERE built_in = 1').pluck().get()).toBe(
      6,
    );
  });

  it("leaves a default sub-tag without its hotkey when the analyst's own tag has it", () => {
    const db = schemaTwoProject();
    migrate(db, 3);
    const hotkey = db.prepare('SELECT hotkey FROM tags WHERE id = ?').pluck();
    const person = DEFAULT_SUBTAGS.find((t) => t.name === 'Person')!;
    expect(person.hotkey).toBe('p');
    expect(hotkey.get('t-politician')).toBe('p');
    expect(hotkey.get(person.id)).toBeNull();
    // The other defaults keep theirs.
    const organisation = DEFAULT_SUBTAGS.find((t) => t.name === 'Organisation')!;
    expect(hotkey.get(organisation.id)).toBe(organisation.hotkey);
  });

  it('refuses hard deletes and dangling references in the new tables', () => {
    const db = schemaTwoProject();
    migrate(db, 3);
    expect(() => db.prepare('DELETE FROM attribute_defs').run()).toThrow(/soft-deleted/);
    expect(() => db.prepare("UPDATE annotations SET entity_id = 'nope'").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() =>
      db.prepare("INSERT INTO attribute_defs (id, tag_id, key) VALUES ('x', 'nope', 'k')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO attribute_defs (id, tag_id, key, type) VALUES ('x', ?, 'k', 'colour')",
        )
        .run(claim),
    ).toThrow(/CHECK/);
  });
});

describe('migrate()', () => {
  const createTable = (version: number, table: string): Migration => ({
    version,
    name: table,
    up: (db) => void db.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY) STRICT`),
  });

  it('runs all pending steps in one transaction: a failing step leaves the old version', () => {
    const db = freshDb();
    const steps: Migration[] = [
      createTable(1, 'one'),
      createTable(2, 'two'),
      {
        version: 3,
        name: 'broken',
        up: () => {
          throw new Error('step 3 failed');
        },
      },
    ];
    expect(() => migrate(db, 3, steps)).toThrow('step 3 failed');
    expect(readSchemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    expect(migrate(db, 2, steps)).toEqual({ from: 0, to: 2 });
    expect(tableNames(db)).toEqual(['one', 'two']);
  });

  it('refuses a database from a newer schema without changing it', () => {
    const db = freshDb();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(
      expect.objectContaining({
        code: 'schema_too_new',
        message: expect.stringContaining(
          `newer Gloss (schema ${LATEST_SCHEMA_VERSION + 1}); this version reads up to ` +
            `${LATEST_SCHEMA_VERSION}`,
        ),
      }),
    );
    expect(tableNames(db)).toEqual([]);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('refuses a target it does not know', () => {
    expect(() => migrate(freshDb(), LATEST_SCHEMA_VERSION + 1)).toThrow(RangeError);
  });
});
