import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBTAGS, ROOT_TAGS } from '../../../core/codebook';
import { openDatabase } from '../../../db/connection';
import { LATEST_SCHEMA_VERSION, readSchemaVersion } from '../../../db/migrations';
import { makeTempDir } from './helpers';

/** Runs `open` and returns what it threw. */
function thrownBy(open: () => unknown): { code?: string; message: string } {
  try {
    open();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the call to throw');
}

/** A project file written by a Gloss whose schema is newer than this one's. */
function newerProject(path: string, journalMode: 'delete' | 'wal'): void {
  const db = new Sqlite(path);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec("CREATE TABLE future (id TEXT PRIMARY KEY) STRICT; INSERT INTO future VALUES ('x')");
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();
}

describe('openDatabase', () => {
  it('creates a new project with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const path = join(makeTempDir(), 'new.gloss');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT gloss_fold('Zürich ЁЛКА')").pluck().get()).toBe('zurich елка');
    db.close();
  });

  it('reopens an existing project and keeps its rows', () => {
    const path = join(makeTempDir(), 'p.gloss');
    openDatabase(path).close();
    const db = openDatabase(path);
    // The three roots and the default sub-tags, once.
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(
      ROOT_TAGS.length + DEFAULT_SUBTAGS.length,
    );
    db.close();
  });

  it('opens an empty (zero-byte) file as a new project', () => {
    const path = join(makeTempDir(), 'empty.gloss');
    writeFileSync(path, '');
    const db = openDatabase(path);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it.each(['delete', 'wal'] as const)(
    'refuses a project from a newer Gloss (%s journal) without writing a byte',
    (journalMode) => {
      const path = join(makeTempDir(), 'future.gloss');
      newerProject(path, journalMode);
      const before = readFileSync(path);
      const error = thrownBy(() => openDatabase(path));
      expect(error.code).toBe('schema_too_new');
      expect(error.message).toContain(
        `This project was written by a newer Gloss (schema ${LATEST_SCHEMA_VERSION + 1}); ` +
          `this version reads up to ${LATEST_SCHEMA_VERSION}.`,
      );
      expect(readFileSync(path).equals(before)).toBe(true);
      if (journalMode === 'delete') expect(existsSync(`${path}-wal`)).toBe(false);
    },
  );

  it('refuses a file that is not SQLite, naming it, without changing it', () => {
    const path = join(makeTempDir(), 'notes.gloss');
    writeFileSync(path, 'These are my notes, not a database.\n');
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toBe(
      'notes.gloss is not a Gloss project: the file is not an SQLite database.',
    );
    expect(readFileSync(path, 'utf8')).toBe('These are my notes, not a database.\n');
  });

  it("refuses another application's SQLite database without changing it", () => {
    const path = join(makeTempDir(), 'browser-history.sqlite');
    const other = new Sqlite(path);
    other.exec('CREATE TABLE visits (url TEXT)');
    other.close();
    const before = readFileSync(path);
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/another application/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a folder given as the project file', () => {
    const dir = makeTempDir();
    expect(thrownBy(() => openDatabase(dir))).toMatchObject({
      code: 'invalid_argument',
      message: `${dir} is a folder, not a Gloss project file.`,
    });
  });

  it('refuses a damaged SQLite file, saying it is damaged, without changing it', () => {
    const path = join(makeTempDir(), 'damaged.gloss');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 7)]);
    writeFileSync(path, bytes);
    const error = thrownBy(() => openDatabase(path));
    // Issue 6: every kind of damage is tested in tests/unit/safety/damage.test.ts.
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^damaged\.gloss is damaged: its header .* is damaged\./);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('says which project cannot be opened when its folder does not exist', () => {
    const path = join(makeTempDir(), 'missing', 'p.gloss');
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(path);
  });
});
