import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { GlossError } from '../core/errors';
import { foldForSearch } from '../core/fold';
import { createBackupSync, hasBackups, newestGoodBackup } from './backup';
import {
  inspectHeader,
  isDamageError,
  QUICK_CHECK_ON_OPEN_LIMIT,
  quickCheck,
  structureDamage,
  unreadableDamage,
  type Damage,
} from './integrity';
import { GLOSS_APPLICATION_ID } from './migrations/001-initial';
import { firstAppVersionFor, REQUIRED_APP_VERSION_KEY } from './migrations/app-versions';
import { LATEST_SCHEMA_VERSION, migrate, readSchemaVersion, schemaTooNewError } from './migrations';
import { otherHolders } from './project-lock';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { glossErrorFromSqlite, sqliteCodeOf } from './sqlite-errors';

/** An open Gloss project: one better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** How long a write waits for another process's write lock before it fails as `busy`. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (or creates) the project at `path` and brings its schema up to date.
 *
 * An existing file is first looked at without being written: it must be an SQLite database
 * (db/integrity.ts checks its header, and its pages when it is not too large), a Gloss one (or
 * empty), and not from a newer Gloss. Only then are the pragmas set (switching to WAL rewrites
 * the header, so it must come after the check), a backup taken if the schema is older, and the
 * pending migrations run. A project on a read-only disk or folder opens read-only
 * (`db.readonly`): it can be read, and every write fails as `read_only`.
 *
 * Throws GlossError: `damaged` (what is wrong, and the newest good backup in `details`),
 * `schema_too_new` (with the Gloss version needed), `unsupported_format` for a file that is not a
 * Gloss project, `read_only` for a project that cannot be created or upgraded where it is,
 * `busy` when another process holds it, `not_found` when the file cannot be opened.
 */
export function openDatabase(path: string): Database {
  const size = fileSize(path);
  const exists = size > 0 || existsSync(path);
  if (size > 0 || (exists && hasBackups(path))) inspectExistingFile(path, size);
  const writable = canWriteAt(path);
  if (!writable && !exists) {
    throw new GlossError(
      'read_only',
      `Cannot create the project ${path}: its folder is read-only. Choose a folder you can ` +
        'write to.',
    );
  }
  const db = writable ? connect(path, {}) : openReadOnly(path);
  try {
    // busy_timeout first, so that the pragmas below wait for another process's lock too.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (writable) {
      db.pragma('journal_mode = WAL');
      // FULL: a transaction the analyst saw succeed survives a power cut (DESIGN.md §6).
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.function('gloss_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? foldForSearch(text) : text,
    );
    if (writable) upgrade(db, path);
    else if (readSchemaVersion(db) < LATEST_SCHEMA_VERSION) throw cannotUpgradeReadOnly(path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof GlossError) throw error;
    const mapped = glossErrorFromSqlite(error, {
      projectPath: path,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      otherHolders: () => otherHolders(path),
    });
    if (mapped) throw mapped;
    // E.g. a folder that vanished: say which project and why.
    throw new GlossError('internal', `Cannot open the project ${path}: ${describe(error)}`);
  }
}

/**
 * Takes a backup before an older project is migrated (DESIGN.md: "opening an older project
 * migrates it after a backup"), then migrates and records the Gloss release the new schema
 * needs. Without a backup there is no migration: the project stays as it was.
 */
function upgrade(db: Database, path: string): void {
  const from = readSchemaVersion(db);
  if (from > 0 && from < LATEST_SCHEMA_VERSION) {
    try {
      createBackupSync(db, path, { reason: 'migration', keep: keptBackups(db) });
    } catch (error) {
      const cause = error instanceof GlossError ? error : undefined;
      throw new GlossError(
        cause?.code ?? 'io_error',
        `${basename(path)} was made by an older Gloss and must be upgraded, which Gloss does ` +
          `only after backing it up; the backup failed: ${cause?.message ?? describe(error)}`,
      );
    }
  }
  const result = migrate(db);
  if (result.to > result.from) recordRequiredAppVersion(db);
}

function keptBackups(db: Database): number {
  try {
    return readSettings(db).backupsKept;
  } catch {
    return DEFAULT_SETTINGS.backupsKept; // Schema 1 has no settings table yet.
  }
}

/** Writes which Gloss release the schema needs, for older releases to quote when they refuse. */
function recordRequiredAppVersion(db: Database): void {
  const needed = firstAppVersionFor(LATEST_SCHEMA_VERSION);
  if (!needed) return;
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'gloss')
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  ).run(REQUIRED_APP_VERSION_KEY, JSON.stringify(needed), new Date().toISOString());
}

function cannotUpgradeReadOnly(path: string): GlossError {
  return new GlossError(
    'read_only',
    `${basename(path)} was made by an older Gloss and must be upgraded before this version can ` +
      'open it, but it is on a read-only disk or folder. Copy it to a folder you can write to.',
  );
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
 * Whether SQLite may write here: the file (if any) and its folder (for the -wal and -shm). Only
 * a refusal (read-only disk, permissions) counts; a missing folder is for `connect` to report.
 */
function canWriteAt(path: string): boolean {
  const targets = existsSync(path) ? [path, dirname(path)] : [dirname(path)];
  for (const target of targets) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return false;
    }
  }
  return true;
}

/**
 * Refuses, without writing a byte to it, a file that is damaged, not SQLite, another
 * application's database, or a Gloss project from a newer version. Reads through a read-only
 * connection: a read-only connection never checkpoints a WAL into the file when it closes.
 */
function inspectExistingFile(path: string, size: number): void {
  const name = basename(path);
  const header = inspectHeader(path, size);
  if (!header.ok) {
    const { damage } = header;
    // A file that was never a project (no backups: Gloss never opened it) is a wrong choice,
    // not damage; an empty one is a new project.
    if (!hasBackups(path)) {
      if (damage.kind === 'empty') return;
      if (damage.kind === 'not_sqlite') {
        throw new GlossError(
          'unsupported_format',
          `${name} is not a Gloss project: the file is not an SQLite database.`,
        );
      }
    }
    throw damagedError(path, damage);
  }
  let probe: Database;
  try {
    probe = openReadOnly(path);
  } catch (error) {
    if (isDamageError(error)) throw damagedError(path, unreadableDamage(error));
    throw new GlossError('unsupported_format', `${name} cannot be read: ${describe(error)}`);
  }
  try {
    const version = readSchemaVersion(probe);
    if (version > LATEST_SCHEMA_VERSION) {
      throw schemaTooNewError(version, LATEST_SCHEMA_VERSION, requiredAppVersion(probe));
    }
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
    if (size + walSize(path) <= QUICK_CHECK_ON_OPEN_LIMIT) {
      const problems = quickCheck(probe);
      if (problems.length > 0) throw damagedError(path, structureDamage(problems));
    }
  } catch (error) {
    if (error instanceof GlossError) throw error;
    if (isDamageError(error)) throw damagedError(path, unreadableDamage(error));
    throw new GlossError('unsupported_format', `${name} cannot be read: ${describe(error)}`);
  } finally {
    probe.close();
  }
}

/** The Gloss release a (newer) project says it needs, if it says. */
function requiredAppVersion(db: Database): string | undefined {
  try {
    const json = db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(REQUIRED_APP_VERSION_KEY) as string | undefined;
    const value: unknown = json === undefined ? undefined : JSON.parse(json);
    return typeof value === 'string' && /^\d+\.\d+\.\d+[\w.-]*$/.test(value) ? value : undefined;
  } catch {
    return undefined; // No settings table in that schema, or not one we understand.
  }
}

/**
 * The error for a damaged project: what is wrong, that nothing was written, and the newest
 * backup that passes its check (in `details.backup`, for the recovery screen and the CLI).
 */
export function damagedError(path: string, damage: Damage): GlossError {
  const backup = newestGoodBackup(path);
  const offer = backup
    ? `The newest good backup is from ${readableTime(backup.createdAt)} (${backup.name}). ` +
      'Restoring it sets the damaged file aside, untouched, for a specialist to look at.'
    : 'There is no backup of it to restore. Starting afresh sets the damaged file aside, ' +
      'untouched, for a specialist to look at.';
  return new GlossError(
    'damaged',
    `${basename(path)} is damaged: ${damage.summary}. Gloss has not written to it. ${offer}`,
    {
      kind: damage.kind,
      projectPath: path,
      backup: backup ? { name: backup.name, createdAt: backup.createdAt } : null,
      ...(damage.problems ? { problems: damage.problems } : {}),
    },
  );
}

/** "2025-01-31 09:15 UTC": the same in every door's log and message. */
export function readableTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function walSize(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * A read-only connection. A WAL project on a read-only disk that was closed cleanly has no -shm,
 * and SQLite cannot create one there, so it cannot be opened through the file: Gloss then reads
 * a snapshot of it into memory (read-only too), with the header marked as not WAL, in memory
 * only.
 */
function openReadOnly(path: string): Database {
  let db: Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    db.pragma('schema_version'); // Reads the header and the WAL index now, not at first query.
    return db;
  } catch (error) {
    db?.close();
    if (sqliteCodeOf(error) !== 'SQLITE_CANTOPEN' || canWriteAt(path)) throw error;
  }
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  return new Sqlite(bytes, { readonly: true });
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
