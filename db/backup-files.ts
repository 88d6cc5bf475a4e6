/**
 * Where a project's backups live and what they are called: `<project>.backups/`, beside the
 * project file, so the backups travel with a case folder (a project on an external disk or a
 * shared drive keeps its history with it) and the desktop app, browser mode and the CLI all find
 * the same ones. Each backup is a complete, self-contained SQLite file (rollback-journal mode, no
 * -wal beside it) named by its UTC time and why it was made:
 *
 *   case.gloss.backups/backup-2025-01-31T09-15-02-123Z-open.gloss
 *
 * so that names sort by time. Files being written are hidden temporaries (`.backup-….tmp`) that
 * only become backups through an atomic rename; a crash leaves at most a temporary, which the
 * next backup removes.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { BACKUP_NAME_PATTERN, type BackupReason } from '../core/api-safety';

export type { BackupReason } from '../core/api-safety';

/** One backup file of a project. */
export interface BackupFile {
  /** The file name, e.g. `backup-2025-01-31T09-15-02-123Z-open.gloss`: the id of a backup. */
  name: string;
  path: string;
  /** ISO 8601 UTC, from the name. */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

const NAME_PATTERN = BACKUP_NAME_PATTERN;

/** A well-formed backup name: what restore accepts, so no other path can be named through it. */
export function isBackupName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** The backups folder of a project. */
export function backupsFolderOf(projectPath: string): string {
  return `${projectPath}.backups`;
}

/** The file name of a backup made at `at` for `reason`. */
export function backupName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace('.', '-');
  return `backup-${stamp}-${reason}.gloss`;
}

/** A project's backups, newest first. An absent folder means no backups. */
export function listBackupFiles(projectPath: string): BackupFile[] {
  return listBackupsIn(backupsFolderOf(projectPath));
}

/** The backups in a folder, newest first. */
export function listBackupsIn(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const match = NAME_PATTERN.exec(name);
    if (!match) continue;
    const [, day, hours, minutes, seconds, millis, reason] = match;
    const path = join(folder, name);
    let sizeBytes: number;
    try {
      const info = statSync(path);
      if (!info.isFile()) continue;
      sizeBytes = info.size;
    } catch {
      continue; // Rotated away by another process while we listed.
    }
    files.push({
      name,
      path,
      createdAt: `${day}T${hours}:${minutes}:${seconds}.${millis}Z`,
      reason: reason as BackupReason,
      sizeBytes,
    });
  }
  // The names sort by time; the reason only breaks ties within one millisecond.
  return files.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** The backup called `name`, if the project has one. */
export function findBackupFile(projectPath: string, name: string): BackupFile | undefined {
  if (!isBackupName(name)) return undefined;
  return listBackupFiles(projectPath).find((file) => file.name === name);
}

/** Whether the project has ever been backed up: then a file that is not SQLite is damage. */
export function hasBackups(projectPath: string): boolean {
  return listBackupFiles(projectPath).length > 0;
}

/**
 * Deletes the oldest backup files beyond the newest `keep`, and returns the names deleted. A file
 * that cannot be deleted (another process rotated it first) is skipped.
 */
export function rotateBackups(projectPath: string, keep: number): string[] {
  return rotateBackupsIn(backupsFolderOf(projectPath), keep);
}

/** `rotateBackups` for a folder. */
export function rotateBackupsIn(folder: string, keep: number): string[] {
  const deleted: string[] = [];
  for (const file of listBackupsIn(folder).slice(Math.max(1, keep))) {
    try {
      rmSync(file.path, { force: true });
      deleted.push(file.name);
    } catch {
      // Left for the next rotation.
    }
  }
  return deleted;
}

/** The name of this process's temporary file for a backup being written. */
export function temporaryBackupName(at: Date): string {
  return `.backup-${at.getTime()}-${process.pid}.tmp`;
}

/**
 * Removes temporaries left by backups that were interrupted (their process ended: a crash, a
 * kill, a power cut). Temporaries of live processes are theirs to finish.
 */
export function removeStaleTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^\.backup-\d+-(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    // Our own temporaries belong to a backup in progress, which cleans up after itself.
    if (pid === process.pid || isAlive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes a rename in `folder` durable (POSIX); a no-op where folders cannot be opened (Windows). */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes a file and the -journal/-wal/-shm SQLite may have left beside it. */
export function removeWithSideFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm'])
    rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Moves a damaged project out of the way, untouched, with its -wal and -shm (so SQLite would
 * still pair them if someone tries to salvage it): `case.gloss` → `case.gloss.damaged-<time>`.
 * Returns the new path. Only recovery does this, once the analyst chose to restore a backup or
 * to start afresh; merely finding the damage never moves or writes the file.
 */
export function setAsideDamaged(projectPath: string, at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace('.', '-');
  const target = `${projectPath}.damaged-${stamp}`;
  renameSync(projectPath, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${projectPath}${suffix}`))
      renameSync(`${projectPath}${suffix}`, `${target}${suffix}`);
  }
  syncFolder(dirname(projectPath));
  return target;
}
