import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackupFiles } from '../../../db/backup';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../../db/migrations';
import {
  FIRST_APP_VERSION_BY_SCHEMA,
  REQUIRED_APP_VERSION_KEY,
} from '../../../db/migrations/app-versions';
import { fingerprintOf, makeTempDir, openProject, projectWithAnnotations } from './helpers';

/** Turns a closed project into one written by a future Gloss that needs release `needs`. */
function fromTheFuture(path: string, journal: 'wal' | 'delete', needs?: string): void {
  const db = new Sqlite(path);
  db.pragma(`journal_mode = ${journal}`);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  if (needs) {
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(
      JSON.stringify(needs),
      REQUIRED_APP_VERSION_KEY,
    );
  }
  db.close();
}

function requiredVersionIn(path: string): unknown {
  const db = new Sqlite(path, { readonly: true });
  try {
    const json = db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(REQUIRED_APP_VERSION_KEY) as string;
    return JSON.parse(json);
  } finally {
    db.close();
  }
}

describe('projects from another version of Gloss', () => {
  it.each(['wal', 'delete'] as const)(
    'refuses a project from a newer Gloss (%s journal) naming the version it needs, without a byte written',
    async (journal) => {
      const { projectPath, service } = await projectWithAnnotations(2);
      await service.api.createBackup({});
      service.close();
      fromTheFuture(projectPath, journal, '7.3.0');
      const before = fingerprintOf(projectPath);
      const files = readdirSync(dirname(projectPath)).sort();
      const backups = listBackupFiles(projectPath).length;
      await new Promise((resolve) => setTimeout(resolve, 20)); // so a write would move the mtime

      expect(() => openProject(projectPath)).toThrow(
        `This project was written by a newer Gloss (schema ${LATEST_SCHEMA_VERSION + 1}); this ` +
          `version reads up to ${LATEST_SCHEMA_VERSION}. Install Gloss 7.3.0 or newer to open ` +
          'it; the file was left untouched.',
      );
      expect(fingerprintOf(projectPath)).toEqual(before);
      expect(listBackupFiles(projectPath)).toHaveLength(backups);
      // No lock file, no backup: the only files SQLite may add are an empty -wal and -shm.
      const added = readdirSync(dirname(projectPath)).filter((f) => !files.includes(f));
      expect(added.every((f) => f.endsWith('-wal') || f.endsWith('-shm'))).toBe(true);
      expect(existsSync(`${projectPath}-gloss.lock`)).toBe(false);
    },
  );

  it('asks for "a newer Gloss" when the project does not say which', async () => {
    const { projectPath, service } = await projectWithAnnotations(0);
    service.close();
    fromTheFuture(projectPath, 'delete');
    const db = new Sqlite(projectPath);
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(
      '"not a version"',
      REQUIRED_APP_VERSION_KEY,
    );
    db.close();
    expect(() => openProject(projectPath)).toThrow('Update Gloss to open it');
  });

  it('records the release its schema needs in every project it creates or upgrades', () => {
    const created = join(makeTempDir(), 'new.gloss');
    openProject(created).close();
    expect(requiredVersionIn(created)).toBe(FIRST_APP_VERSION_BY_SCHEMA[LATEST_SCHEMA_VERSION]);

    const older = join(makeTempDir(), 'older.gloss');
    const db = new Sqlite(older);
    migrate(db, 2);
    db.close();
    openProject(older).close();
    expect(requiredVersionIn(older)).toBe(FIRST_APP_VERSION_BY_SCHEMA[LATEST_SCHEMA_VERSION]);
    expect(listBackupFiles(older).map((f) => f.reason)).toContain('migration');
  });

  it('knows the first release of every schema version (add one with each migration)', () => {
    for (const step of MIGRATIONS) {
      expect(FIRST_APP_VERSION_BY_SCHEMA[step.version], `schema ${step.version}`).toMatch(
        /^\d+\.\d+\.\d+$/,
      );
    }
  });
});
