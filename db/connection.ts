import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Sqlite from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { GlossError } from '../core/errors';
import { foldForSearch } from '../core/fold';
import { GLOSS_APPLICATION_ID } from './migrations/001-initial';
import { LATEST_SCHEMA_VERSION, migrate, readSchemaVersion, schemaTooNewError } from './migrations';

/** An open Gloss project: one better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** Every SQLite file starts with these 16 bytes. */
const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Opens (or creates) the project at `path` and brings its schema up to date.
 *
 * An existing file is first looked at without being written: it must be an SQLite database, a
 * Gloss one (or empty), and not from a newer Gloss. Only then are the pragmas set (switching to
 * WAL rewrites the header, so it must come after the check) and pending migrations run.
 * Throws GlossError: `schema_too_new`, `unsupported_format` for a file that is not a Gloss
 * project, `not_found` when the file cannot be opened.
 */
export function openDatabase(path: string): Database {
  if (fileSize(path) > 0) inspectExistingFile(path);
  const db = connect(path, {});
  try {
    // busy_timeout first, so that the pragmas below wait for another process's lock too.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL: a transaction the analyst saw succeed survives a power cut (DESIGN.md §6).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.function('gloss_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? foldForSearch(text) : text,
    );
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof GlossError) throw error;
    // E.g. a read-only file or folder, or a disk that is full: say which project and why.
    throw new GlossError('internal', `Cannot open the project ${path}: ${describe(error)}`);
  }
}

/** Size of the file in bytes, 0 when it does not exist yet. */
function fileSize(path: string): number {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new GlossError('not_found', `Cannot open the project ${path}: ${describe(error)}`);
  }
  if (info.isDirectory()) {
    throw new GlossError('invalid_argument', `${path} is a folder, not a Gloss project file.`);
  }
  return info.size;
}

/**
 * Refuses, without writing a byte, a file that is not SQLite, another application's database,
 * or a Gloss project from a newer version. Reads through a read-only connection: a read-only
 * connection never checkpoints a WAL into the file when it closes.
 */
function inspectExistingFile(path: string): void {
  const name = basename(path);
  if (readHeader(path) !== SQLITE_MAGIC) {
    throw new GlossError(
      'unsupported_format',
      `${name} is not a Gloss project: the file is not an SQLite database.`,
    );
  }
  const probe = connect(path, { readonly: true, fileMustExist: true });
  try {
    const version = readSchemaVersion(probe);
    if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const hasTables =
      probe.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
    const foreign =
      (applicationId !== 0 && applicationId !== GLOSS_APPLICATION_ID) ||
      (version === 0 && hasTables);
    if (foreign) {
      throw new GlossError(
        'unsupported_format',
        `${name} is not a Gloss project: it is an SQLite database of another application.`,
      );
    }
  } catch (error) {
    if (error instanceof GlossError) throw error;
    throw new GlossError('unsupported_format', `${name} cannot be read: ${describe(error)}`);
  } finally {
    probe.close();
  }
}

function readHeader(path: string): string {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function connect(path: string, options: BetterSqlite3.Options): Database {
  try {
    return new Sqlite(path, options);
  } catch (error) {
    throw new GlossError('not_found', `Cannot open the project ${path}: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
