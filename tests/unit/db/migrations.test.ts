import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT_TAGS } from '../../../core/codebook';
import { GLOSS_APPLICATION_ID } from '../../../db/migrations/001-initial';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  readSchemaVersion,
} from '../../../db/migrations';
import type { Migration } from '../../../db/migrations';

const TABLES = ['annotations', 'documents', 'tags'];

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
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(3);
  });

  it('follows the storage rules: STRICT, text keys, no AUTOINCREMENT, defaults on NOT NULL', () => {
    const db = freshDb();
    migrate(db);
    const list = db.prepare('PRAGMA table_list').all() as { name: string; strict: number }[];
    for (const table of TABLES) {
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
