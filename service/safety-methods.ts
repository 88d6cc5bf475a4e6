/**
 * Backups and restore over an open project (core/api-safety.ts), the per-project safety machinery
 * the service starts on open (backup scheduler, holder registration), and the mapping of SQLite
 * failures to GlossErrors with the project's context.
 */
import { existsSync, renameSync } from 'node:fs';
import type { BackupInfo, BackupList, RestoreResult } from '../core/api-safety';
import { GlossError } from '../core/errors';
import {
  backupsFolderOf,
  checkBackupFile,
  createBackup,
  findBackupFile,
  installStagedRestore,
  listBackupFiles,
  newestGoodBackup,
  removeWithSideFiles,
  stageRestore,
  summarizeBackup,
  type BackupFile,
} from '../db/backup';
import { BUSY_TIMEOUT_MS, openDatabase } from '../db/connection';
import { LATEST_SCHEMA_VERSION, schemaTooNewError } from '../db/migrations';
import { otherHolders, registerHolder } from '../db/project-lock';
import { readSettings } from '../db/settings';
import { describeHolder, glossErrorFromSqlite } from '../db/sqlite-errors';
import { BackupScheduler, type SchedulerOptions } from './backup-scheduler';
import type { ServiceContext } from './context';
import type { Handlers } from './handlers';

interface Safety {
  scheduler: BackupScheduler;
  releaseHolder: () => void;
}

/** The safety machinery of each open context (kept beside it, not in it). */
const safetyOf = new WeakMap<ServiceContext, Safety>();

/**
 * Starts what keeps an open project safe: records this process as one of its holders (for "in
 * use by…" messages), and starts the backup scheduler (the on-open backup, then timed ones).
 * Returns the function that stops both; call it before the database is closed.
 */
export function startSafety(ctx: ServiceContext, options?: SchedulerOptions): () => void {
  const scheduler = new BackupScheduler(ctx, options);
  const releaseHolder = ctx.db.readonly
    ? () => undefined
    : registerHolder(ctx.projectPath, ctx.appVersion);
  safetyOf.set(ctx, { scheduler, releaseHolder });
  scheduler.start();
  return () => {
    scheduler.stop();
    releaseHolder();
    safetyOf.delete(ctx);
  };
}

/** The scheduler of a context (tests wait for its on-open backup). */
export function schedulerOf(ctx: ServiceContext): BackupScheduler | undefined {
  return safetyOf.get(ctx)?.scheduler;
}

/** Any error a method threw, with SQLite's failures turned into GlossErrors about this project. */
export function storageError(error: unknown, ctx: ServiceContext): unknown {
  return (
    glossErrorFromSqlite(error, {
      projectPath: ctx.projectPath,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      otherHolders: () => otherHolders(ctx.projectPath),
    }) ?? error
  );
}

/** A backup file with what the dialog shows about it. */
export function describeBackup(file: BackupFile): BackupInfo {
  return {
    name: file.name,
    createdAt: file.createdAt,
    reason: file.reason,
    sizeBytes: file.sizeBytes,
    ...summarizeBackup(file.path),
  };
}

export function listBackupInfos(projectPath: string): BackupInfo[] {
  return listBackupFiles(projectPath).map(describeBackup);
}

/**
 * The backup to restore: the named one, or the newest that passes its check. Checks it (its
 * pages, and that this Gloss can open its schema) before anything is replaced.
 */
export function chooseBackup(projectPath: string, name: string | undefined): BackupFile {
  const file =
    name === undefined ? newestGoodBackup(projectPath) : findBackupFile(projectPath, name);
  if (!file) {
    throw new GlossError(
      'not_found',
      name === undefined
        ? `There is no good backup of this project in ${backupsFolderOf(projectPath)}.`
        : `There is no backup called ${name} in ${backupsFolderOf(projectPath)}.`,
      { name: name ?? null },
    );
  }
  const problems = checkBackupFile(file.path);
  if (problems.length > 0) {
    throw new GlossError(
      'damaged',
      `The backup ${file.name} is damaged (${problems[0]}), so it was not restored; nothing ` +
        'was changed. Choose an earlier backup.',
      { name: file.name, problems },
    );
  }
  const { schemaVersion } = summarizeBackup(file.path);
  if (schemaVersion !== null && schemaVersion > LATEST_SCHEMA_VERSION) {
    throw schemaTooNewError(schemaVersion);
  }
  return file;
}

/** Refuses to replace the project file while another Gloss has it open. */
function refuseIfOthersHold(projectPath: string): void {
  const others = otherHolders(projectPath);
  if (others.length === 0) return;
  const who = others.map(describeHolder).join('; ');
  throw new GlossError(
    'busy',
    `The project is also open in another Gloss (${who}). Close it there first: a restore ` +
      'replaces the file under it. Nothing was changed.',
    { holders: others.map((h) => ({ pid: h.pid, program: h.program })) },
  );
}

/**
 * Restores a backup over the open project: stages a copy of the backup beside the project,
 * backs up the current state (so the restore itself can be undone), then, in one synchronous
 * step that no other call can interleave with, closes the database, moves the current file out
 * of the way, renames the staged copy into place and opens it (with the usual integrity check).
 * If the restored file does not open, the previous file is put back and reopened.
 */
async function restoreOpenProject(ctx: ServiceContext, name?: string): Promise<RestoreResult> {
  const safety = safetyOf.get(ctx);
  if (!safety) throw new GlossError('internal', 'Backups are not running for this project.');
  if (ctx.db.readonly) {
    throw new GlossError(
      'read_only',
      'This project is read-only here (a read-only disk or folder), so it cannot be replaced ' +
        'by a backup. Copy it to a folder you can write to first.',
    );
  }
  // "The newest" means the newest when the analyst asked, not a backup of the current state
  // that a scheduled backup may add while this call waits for it to finish.
  const wanted = name ?? newestGoodBackup(ctx.projectPath)?.name;
  return safety.scheduler.exclusive(async () => {
    const chosen = chooseBackup(ctx.projectPath, wanted);
    refuseIfOthersHold(ctx.projectPath);
    // Staged before the safety backup: its rotation may delete the backup being restored.
    const restored = describeBackup(chosen);
    const staged = await stageRestore(chosen.path, ctx.projectPath);
    try {
      const safetyBackup = describeBackup(await safetyBackupOf(ctx));
      refuseIfOthersHold(ctx.projectPath);
      swapInto(ctx, staged);
      safety.scheduler.reset();
      return { restored, safetyBackup, setAside: null };
    } finally {
      removeWithSideFiles(staged);
    }
  });
}

/** The backup of the state a restore replaces (already inside the scheduler's queue). */
function safetyBackupOf(ctx: ServiceContext): Promise<BackupFile> {
  return createBackup(ctx.db, ctx.projectPath, {
    reason: 'restore',
    keep: readSettings(ctx.db).backupsKept,
  });
}

/** Closes the project, puts the staged file in its place and opens it; undoes all on failure. */
function swapInto(ctx: ServiceContext, staged: string): void {
  const path = ctx.projectPath;
  const previous = `${path}.replaced-${process.pid}.tmp`;
  ctx.db.close();
  moveWithSideFiles(path, previous);
  try {
    installStagedRestore(staged, path);
    ctx.db = openDatabase(path);
  } catch (error) {
    removeWithSideFiles(path);
    moveWithSideFiles(previous, path);
    ctx.db = openDatabase(path);
    throw error;
  }
  removeWithSideFiles(previous);
}

function moveWithSideFiles(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${from}${suffix}`)) renameSync(`${from}${suffix}`, `${to}${suffix}`);
  }
}

export const safetyHandlers = {
  listBackups: (ctx): BackupList => {
    const scheduler = safetyOf.get(ctx)?.scheduler;
    return {
      folder: backupsFolderOf(ctx.projectPath),
      backups: listBackupInfos(ctx.projectPath),
      lastError: scheduler?.lastError?.message ?? null,
      writable: !ctx.db.readonly,
    };
  },
  createBackup: async (ctx) => {
    const scheduler = safetyOf.get(ctx)?.scheduler;
    if (!scheduler) throw new GlossError('internal', 'Backups are not running for this project.');
    if (ctx.db.readonly) {
      throw new GlossError(
        'read_only',
        'This project is read-only here, and so is its backups folder: nothing was backed up.',
      );
    }
    return describeBackup(await scheduler.backupNow('manual'));
  },
  restoreBackup: (ctx, { name }) => restoreOpenProject(ctx, name),
  startEmptyProject: () => {
    throw new GlossError(
      'conflict',
      'The project is open and sound: there is nothing to start afresh from. Only a damaged ' +
        'project is set aside this way.',
    );
  },
} satisfies Partial<Handlers>;
