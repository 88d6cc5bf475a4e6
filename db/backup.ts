/**
 * Making, checking and restoring backups of a project (see db/backup-files.ts for where they
 * live). Every backup is written to a temporary file, switched to rollback-journal mode so it is
 * one self-contained file, checked with `quick_check`, and only then renamed into place: a
 * backup either exists and is sound, or does not exist.
 *
 * Two ways of copying, both SQLite's own consistent snapshots, never a file copy (which could
 * catch a half-written page or miss what is still in the -wal):
 * - `createBackup` uses the online backup API (better-sqlite3's `db.backup`), which copies pages
 *   in small steps between which the service keeps answering calls;
 * - `createBackupSync` uses `VACUUM INTO`, for the one place that cannot wait: the backup before
 *   a migration, taken inside the synchronous open of the project.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { GlossError } from '../core/errors';
import {
  backupName,
  backupsFolderOf,
  listBackupFiles,
  listBackupsIn,
  removeStaleTemporaries,
  removeWithSideFiles,
  rotateBackupsIn,
  syncFolder,
  temporaryBackupName,
  type BackupFile,
  type BackupReason,
} from './backup-files';
import { quickCheck } from './integrity';
import { glossErrorFromSqlite } from './sqlite-errors';

export * from './backup-files';

export interface BackupOptions {
  reason: BackupReason;
  /** How many backups to keep: older ones are deleted once this one is in place. */
  keep: number;
  /** Where to put it; the project's backups folder (`<project>.backups`) by default. */
  folder?: string;
}

/** Backs up the open project with the online backup API. */
export async function createBackup(
  db: BetterSqlite3.Database,
  projectPath: string,
  options: BackupOptions,
): Promise<BackupFile> {
  const folder = prepareFolder(projectPath, options.folder);
  const at = new Date();
  const temporary = join(folder, temporaryBackupName(at));
  try {
    await db.backup(temporary);
    return placeBackup(temporary, projectPath, at, options);
  } catch (error) {
    removeWithSideFiles(temporary);
    throw backupFailure(error, projectPath);
  }
}

/** Backs up the open project with `VACUUM INTO`, synchronously (before a migration). */
export function createBackupSync(
  db: BetterSqlite3.Database,
  projectPath: string,
  options: BackupOptions,
): BackupFile {
  const folder = prepareFolder(projectPath, options.folder);
  const at = new Date();
  const temporary = join(folder, temporaryBackupName(at));
  try {
    db.prepare('VACUUM INTO ?').run(temporary);
    return placeBackup(temporary, projectPath, at, options);
  } catch (error) {
    removeWithSideFiles(temporary);
    throw backupFailure(error, projectPath);
  }
}

function prepareFolder(projectPath: string, folder = backupsFolderOf(projectPath)): string {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw backupFailure(error, projectPath);
  }
  removeStaleTemporaries(folder);
  return folder;
}

/** Makes the copy self-contained, checks it, renames it into place and rotates old backups. */
function placeBackup(
  temporary: string,
  projectPath: string,
  at: Date,
  options: BackupOptions,
): BackupFile {
  const copy = new Sqlite(temporary, { fileMustExist: true });
  let problems: string[];
  try {
    // The copy inherits WAL mode from the project; a backup must be one file, so switch it.
    copy.pragma('journal_mode = DELETE');
    problems = quickCheck(copy);
  } finally {
    copy.close();
  }
  if (problems.length > 0) {
    throw new GlossError(
      'damaged',
      `The backup of ${basename(projectPath)} failed its check (${problems[0]}), so it was not ` +
        'kept. The project itself is probably damaged: restore an earlier backup.',
      { problems },
    );
  }
  const folder = dirname(temporary);
  // Two backups within one millisecond (a manual one right after an automatic one) get
  // distinct names rather than one replacing the other.
  let stamp = at.getTime();
  const taken = new Set(listBackupsIn(folder).map((file) => file.name));
  while (taken.has(backupName(new Date(stamp), options.reason))) stamp += 1;
  const name = backupName(new Date(stamp), options.reason);
  const path = join(folder, name);
  renameSync(temporary, path);
  syncFolder(folder);
  rotateBackupsIn(folder, options.keep);
  const placed = listBackupsIn(folder).find((file) => file.name === name);
  if (!placed)
    throw new GlossError('io_error', `The backup ${name} vanished right after it was made.`);
  return placed;
}

/**
 * Backs up a project file that this process does not have open (a tool, the crash-safety
 * harness) into `folder`, keeping every backup there; returns the backup's path.
 */
export async function backupProject(
  projectPath: string,
  folder: string = backupsFolderOf(projectPath),
): Promise<string> {
  const db = new Sqlite(projectPath, { readonly: true, fileMustExist: true });
  try {
    const made = await createBackup(db, projectPath, {
      reason: 'manual',
      keep: Number.MAX_SAFE_INTEGER,
      folder,
    });
    return made.path;
  } finally {
    db.close();
  }
}

/** The GlossError for a backup that could not be written. */
export function backupFailure(error: unknown, projectPath: string): GlossError {
  if (error instanceof GlossError) return error;
  const folder = backupsFolderOf(projectPath);
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const mapped = glossErrorFromSqlite(error, { projectPath });
  const reason = error instanceof Error ? error.message : String(error);
  if (errno === 'ENOSPC' || mapped?.code === 'disk_full') {
    return new GlossError(
      'disk_full',
      `No backup of ${basename(projectPath)} could be made: the disk holding ${folder} is full. ` +
        'The project itself is unchanged. Free some space.',
    );
  }
  if (
    errno === 'EROFS' ||
    errno === 'EACCES' ||
    errno === 'EPERM' ||
    mapped?.code === 'read_only'
  ) {
    return new GlossError(
      'read_only',
      `No backup of ${basename(projectPath)} could be made: Gloss may not write to ${folder} ` +
        `(${reason}). The project itself is unchanged.`,
    );
  }
  return new GlossError(
    'io_error',
    `No backup of ${basename(projectPath)} could be made (${reason}). The project itself is ` +
      'unchanged.',
  );
}

/** What the restore dialog shows about a backup, read from the backup itself. */
export interface BackupSummary {
  schemaVersion: number | null;
  documentCount: number | null;
  annotationCount: number | null;
}

/** Counts a backup's live documents and annotations; nulls when it cannot be read. */
export function summarizeBackup(path: string): BackupSummary {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    const count = (sql: string): number | null => {
      try {
        return db!.prepare(sql).pluck().get() as number;
      } catch {
        return null; // A table this schema version does not have.
      }
    };
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      documentCount: count('SELECT count(*) FROM documents WHERE deleted_at IS NULL'),
      annotationCount: count(
        `SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id
         WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL`,
      ),
    };
  } catch {
    return { schemaVersion: null, documentCount: null, annotationCount: null };
  } finally {
    db?.close();
  }
}

/** The problems quick_check finds in a backup file, or a reason it cannot be read at all. */
export function checkBackupFile(path: string): string[] {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    return quickCheck(db);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

/** The newest backup that passes its check, or undefined. */
export function newestGoodBackup(projectPath: string): BackupFile | undefined {
  return listBackupFiles(projectPath).find((file) => checkBackupFile(file.path).length === 0);
}

/**
 * Copies a backup (with the backup API) to a temporary file beside the project, ready to be
 * renamed over it. Returns the temporary's path; the caller renames or removes it.
 */
export async function stageRestore(backupPath: string, projectPath: string): Promise<string> {
  const temporary = join(
    dirname(projectPath),
    `.${basename(projectPath)}.restoring-${process.pid}.tmp`,
  );
  removeWithSideFiles(temporary);
  const source = new Sqlite(backupPath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(temporary);
  } catch (error) {
    removeWithSideFiles(temporary);
    throw backupFailure(error, projectPath);
  } finally {
    source.close();
  }
  return temporary;
}

/** Renames a staged restore over the project path and makes the rename durable. */
export function installStagedRestore(staged: string, projectPath: string): void {
  renameSync(staged, projectPath);
  syncFolder(dirname(projectPath));
}

/**
 * A cheap summary of a project's content that changes whenever a row is added, changed or
 * soft-deleted: per table, the row count and the latest created/updated/deleted time (rows are
 * never deleted, and every write in Gloss stamps one of those), plus the schema version. Two
 * databases with the same fingerprint are taken to hold the same data, so an unchanged project
 * is not backed up again on every open.
 */
export function contentFingerprint(db: BetterSqlite3.Database): string {
  const tables = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       ORDER BY name`,
    )
    .all() as { name: string; sql: string | null }[];
  const virtual = tables.filter((t) => /^CREATE VIRTUAL/i.test(t.sql ?? '')).map((t) => t.name);
  const parts: unknown[] = [db.pragma('user_version', { simple: true })];
  for (const { name } of tables) {
    // Full-text indexes and their shadow tables are derived from the tables they index.
    if (virtual.some((v) => name === v || name.startsWith(`${v}_`))) continue;
    const columns = (db.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name);
    const stamps = ['created_at', 'updated_at', 'deleted_at', 'imported_at'].filter((c) =>
      columns.includes(c),
    );
    // Not max(rowid): VACUUM INTO renumbers the rowids of tables keyed by text.
    const aggregates = ['count(*)', ...stamps.map((c) => `max("${c}")`)];
    parts.push(
      name,
      db
        .prepare(`SELECT ${aggregates.join(', ')} FROM "${name}"`)
        .raw()
        .get(),
    );
  }
  return JSON.stringify(parts);
}

/** The fingerprint of a backup file, or null when it cannot be read. */
export function backupFingerprint(path: string): string | null {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    return contentFingerprint(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
