/**
 * Disk full and read-only, on real file systems: a tiny tmpfs mounted for each test (we run as
 * root here and in CI). Root ignores file permissions, so "read-only" is a read-only mount, not
 * chmod. Where mounting is not permitted the tests are skipped, and say why.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { migrate } from '../../../db/migrations';
import { openService } from '../../../service/service';
import { rejectionOf } from '../service/helpers';
import {
  addAnnotations,
  inspect,
  makeTempDir,
  openProject,
  projectWithAnnotations,
} from './helpers';

function mount(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
}

function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
}

/** Why mounting is impossible here, or null when it works. */
function mountRefusal(): string | null {
  const dir = makeTempDirOutsideTest();
  try {
    mount(dir, 'size=64k');
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function makeTempDirOutsideTest(): string {
  const dir = join(process.env.TMPDIR ?? '/tmp', `gloss-mount-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const refusal = mountRefusal();
if (refusal) {
  process.stdout.write(
    `disk.test.ts: skipped, mounting a tmpfs is not permitted here (${refusal})\n`,
  );
}

/** A fresh tmpfs of `size` in a temporary folder, unmounted when the test ends. */
function tinyDisk(size: string): string {
  const dir = makeTempDir();
  mount(dir, `size=${size}`);
  onTestFinished(() => {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    } catch {
      // Already unmounted.
    }
  });
  return dir;
}

/** Fills the file system of `dir` with a file until the disk is full; returns its path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(refusal !== null)('a full disk', () => {
  it('fails the write clearly, rolls it back, keeps earlier data, and recovers once space is freed', async () => {
    const dir = tinyDisk('2m');
    const { projectPath, service, documentId, ids } = await projectWithAnnotations(20, dir);
    await service.api.updateSettings({ backupIntervalMinutes: 0 });
    const acknowledged = [...ids];
    const filler = fillDisk(dir);

    let failure: { code?: string; message: string } | undefined;
    for (let i = 0; i < 2000 && !failure; i++) {
      try {
        const [id] = await addAnnotations(service.api, documentId, 1, 'x'.repeat(3000));
        acknowledged.push(id!);
      } catch (error) {
        failure = error as typeof failure;
      }
    }
    expect(failure?.code).toBe('disk_full');
    expect(failure?.message).toBe(
      'The disk holding case.gloss is full, so this change was not saved (nothing was ' +
        'half-saved; your earlier work is intact). Free some space, then try again.',
    );
    // Reading still works; every acknowledged annotation is there, and nothing else.
    const listed = await service.api.listAnnotations({ documentId });
    expect(listed.map((a) => a.id).sort()).toEqual([...acknowledged].sort());
    expect(inspect(projectPath)).toMatchObject({ integrity: 'ok', ids: [...acknowledged].sort() });

    rmSync(filler);
    const [afterwards] = await addAnnotations(service.api, documentId, 1, 'space again');
    acknowledged.push(afterwards!);
    service.close();
    const reopened = openProject(projectPath);
    const again = await reopened.api.listAnnotations({ documentId });
    expect(again.map((a) => a.id).sort()).toEqual([...acknowledged].sort());
    expect(inspect(projectPath).integrity).toBe('ok');
  });

  it('reports a backup that does not fit without harming the project', async () => {
    const dir = tinyDisk('2m');
    const { projectPath, service, documentId, ids } = await projectWithAnnotations(5, dir);
    await service.api.createBackup({});
    const filler = fillDisk(dir);
    const failed = await rejectionOf(service.api.createBackup({}));
    expect(failed.code).toBe('disk_full');
    expect(failed.message).toMatch(
      /^No backup of case\.gloss could be made: the disk holding .* is full\./,
    );
    expect((await service.api.listBackups({})).backups.every((b) => b.sizeBytes > 0)).toBe(true);
    rmSync(filler);
    expect((await service.api.listAnnotations({ documentId })).length).toBe(ids.length);
    expect(inspect(projectPath).integrity).toBe('ok');
  });
});

describe.skipIf(refusal !== null)('a read-only disk', () => {
  it('opens a project read-only: reading works, writes are refused clearly', async () => {
    const dir = tinyDisk('4m');
    const { projectPath, service, documentId, ids } = await projectWithAnnotations(3, dir);
    service.close();
    remount(dir, 'ro');

    const readOnly = openProject(projectPath);
    expect(await readOnly.api.getProjectInfo({})).toMatchObject({ readOnly: true });
    expect((await readOnly.api.listAnnotations({ documentId })).length).toBe(ids.length);
    const refused = await rejectionOf(addAnnotations(readOnly.api, documentId, 1));
    expect(refused.code).toBe('read_only');
    expect(refused.message).toMatch(
      /^case\.gloss is read-only here \(a read-only disk, folder or file\), so this change was not saved\./,
    );
    expect((await readOnly.api.listBackups({})).writable).toBe(false);
    expect((await rejectionOf(readOnly.api.createBackup({}))).code).toBe('read_only');
    readOnly.close();
  });

  // Turning a disk read-only under an open project cannot be staged here: Linux refuses to
  // remount a file system read-only while a file on it is open for writing ("mount point is
  // busy"). The same SQLite errors (SQLITE_READONLY, SQLITE_IOERR) are mapped in one place,
  // db/sqlite-errors.ts, which the tests above go through.

  it('cannot create or upgrade a project there, and says so', () => {
    const dir = tinyDisk('4m');
    const older = join(dir, 'older.gloss');
    const db = new Sqlite(older);
    migrate(db, 2);
    db.close();
    remount(dir, 'ro');
    const create = () =>
      openService({ projectPath: join(dir, 'new.gloss'), author: 'a', appVersion: '1' });
    expect(create).toThrow(/^Cannot create the project .*new\.gloss: its folder is read-only\./);
    const upgrade = () => openService({ projectPath: older, author: 'a', appVersion: '1' });
    expect(upgrade).toThrow(/older\.gloss was made by an older Gloss and must be upgraded/);
  });
});
