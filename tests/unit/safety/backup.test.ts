import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUP_NAME_PATTERN } from '../../../core/api-safety';
import { backupsFolderOf, listBackupFiles } from '../../../db/backup';
import { openDatabase } from '../../../db/connection';
import { LATEST_SCHEMA_VERSION, migrate } from '../../../db/migrations';
import { writeSettings } from '../../../db/settings';
import { BackupScheduler } from '../../../service/backup-scheduler';
import type { ServiceContext } from '../../../service/context';
import {
  addAnnotations,
  gloss,
  inspect,
  makeTempDir,
  openProject,
  projectWithAnnotations,
  waitForBackups,
  waitUntil,
} from './helpers';

/** What a backup file is: its journal mode, its check, its live annotations. */
function readBackup(path: string) {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return {
      journal: db.pragma('journal_mode', { simple: true }),
      check: db.pragma('quick_check', { simple: true }),
      version: db.pragma('user_version', { simple: true }),
      annotations: db
        .prepare('SELECT count(*) FROM annotations WHERE deleted_at IS NULL')
        .pluck()
        .get(),
    };
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('backs a project up on open into <project>.backups/: one checked file, named by time', async () => {
    const { projectPath, service } = await projectWithAnnotations(3);
    await waitForBackups(projectPath);
    const manual = await service.api.createBackup({});
    expect(manual).toMatchObject({ reason: 'manual', documentCount: 1, annotationCount: 3 });
    expect(manual.name).toMatch(BACKUP_NAME_PATTERN);

    const files = listBackupFiles(projectPath);
    expect(files.map((f) => f.reason)).toEqual(['manual', 'open']);
    expect(files[0]!.path).toBe(join(backupsFolderOf(projectPath), manual.name));
    // Self-contained (no -wal beside it), sound, and holding what the project held.
    expect(readBackup(files[0]!.path)).toEqual({
      journal: 'delete',
      check: 'ok',
      version: LATEST_SCHEMA_VERSION,
      annotations: 3,
    });
    // Only backups in the folder: no temporaries, no -wal or -journal left behind.
    expect(readdirSync(backupsFolderOf(projectPath)).sort()).toEqual(
      files.map((f) => f.name).sort(),
    );
    // Names sort by time, newest first in every listing.
    const listed = await service.api.listBackups({});
    expect(listed.backups.map((b) => b.name)).toEqual(files.map((f) => f.name));
    expect(listed.backups[0]!.createdAt > listed.backups[1]!.createdAt).toBe(true);
  });

  it('backs up on open only when the project changed since its newest backup', async () => {
    const { projectPath, service, documentId } = await projectWithAnnotations(2);
    await service.api.createBackup({}); // waits for the on-open backup too
    service.close();
    const count = listBackupFiles(projectPath).length;

    const unchanged = openProject(projectPath);
    await unchanged.api.listBackups({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listBackupFiles(projectPath)).toHaveLength(count);
    await addAnnotations(unchanged.api, documentId, 1);
    unchanged.close();

    const changed = openProject(projectPath);
    await waitForBackups(projectPath, count + 1);
    const newest = listBackupFiles(projectPath)[0]!;
    expect(newest.reason).toBe('open');
    expect(readBackup(newest.path).annotations).toBe(3);
    changed.close();
  });

  it('keeps the newest K backups and deletes the oldest files', async () => {
    const { projectPath, service } = await projectWithAnnotations(1);
    await service.api.updateSettings({ backupsKept: 3 });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await service.api.createBackup({})).name);
    const kept = listBackupFiles(projectPath).map((f) => f.name);
    expect(kept).toEqual(made.slice(-3).reverse());
    expect(readdirSync(backupsFolderOf(projectPath))).toHaveLength(3);
  });

  it('backs an older project up before migrating it, and the backup is the old schema', async () => {
    const projectPath = join(makeTempDir(), 'old.gloss');
    const old = new Sqlite(projectPath);
    old.pragma('journal_mode = WAL');
    migrate(old, LATEST_SCHEMA_VERSION - 1);
    old.close();

    const db = openDatabase(projectPath);
    db.close();
    const [backup, ...others] = listBackupFiles(projectPath);
    expect(others).toEqual([]);
    expect(backup!.reason).toBe('migration');
    expect(readBackup(backup!.path)).toMatchObject({
      journal: 'delete',
      check: 'ok',
      version: LATEST_SCHEMA_VERSION - 1,
    });
    expect(inspect(projectPath).version).toBe(LATEST_SCHEMA_VERSION);
  });

  it('does not migrate an older project when its backup cannot be made', () => {
    const dir = makeTempDir();
    const projectPath = join(dir, 'old.gloss');
    const old = new Sqlite(projectPath);
    migrate(old, LATEST_SCHEMA_VERSION - 1);
    old.close();
    writeFileSync(backupsFolderOf(projectPath), 'a file where the backups folder should be');

    let error: { code?: string; message: string } | undefined;
    try {
      openDatabase(projectPath).close();
    } catch (thrown) {
      error = thrown as typeof error;
    }
    expect(error?.message).toMatch(
      /^old\.gloss was made by an older Gloss and must be upgraded, which Gloss does only after backing it up; the backup failed: /,
    );
    expect(inspect(projectPath).version).toBe(LATEST_SCHEMA_VERSION - 1);
  });

  it('backs up every N minutes while the project changes, and not while it does not', async () => {
    const projectPath = join(makeTempDir(), 'timed.gloss');
    const ctx: ServiceContext = {
      db: openDatabase(projectPath),
      projectPath,
      author: 'analyst',
      appVersion: '9.9.9',
    };
    try {
      writeSettings(ctx.db, { backupIntervalMinutes: 1 }, 'analyst', new Date().toISOString());
      // One "minute" is 60 ms here.
      const scheduler = new BackupScheduler(ctx, { minuteMs: 60, tickMs: 10, log: () => {} });
      scheduler.start();
      await scheduler.opened;
      const afterOpen = listBackupFiles(projectPath).length;
      expect(afterOpen).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(listBackupFiles(projectPath)).toHaveLength(afterOpen); // no change, no backup

      writeSettings(ctx.db, { backupsKept: 9 }, 'analyst', new Date().toISOString());
      await waitUntil(() => listBackupFiles(projectPath).length === afterOpen + 1, 2000);
      expect(listBackupFiles(projectPath)[0]!.reason).toBe('auto');
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(listBackupFiles(projectPath)).toHaveLength(afterOpen + 1);
      scheduler.stop();
    } finally {
      ctx.db.close();
    }
  });

  it('removes temporaries of interrupted backups and never lists them', async () => {
    const { projectPath, service } = await projectWithAnnotations(1);
    const folder = backupsFolderOf(projectPath);
    mkdirSync(folder, { recursive: true });
    // A temporary of a process that no longer exists (pid 2^22 - 1 is beyond Linux's default).
    writeFileSync(join(folder, '.backup-1700000000000-4194303.tmp'), 'half a backup');
    await service.api.createBackup({});
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(listBackupFiles(projectPath).every((f) => !f.name.endsWith('.tmp'))).toBe(true);
  });

  it('has its interval and count in the project settings, also through `gloss settings`', async () => {
    const dir = makeTempDir();
    const changed = await gloss(
      ['settings', '--backup-every-min', '5', '--keep-backups', '3', '-p', 'c.gloss'],
      dir,
    );
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('backup-every-min  5\nkeep-backups      3\n');
    const service = openProject(join(dir, 'c.gloss'));
    expect(await service.api.getSettings({})).toMatchObject({
      backupIntervalMinutes: 5,
      backupsKept: 3,
    });
    const refused = await gloss(['settings', '--keep-backups', '0', '-p', 'c.gloss'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/updateSettings: backupsKept/);
  });
});
