import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackupFiles } from '../../../db/backup';
import { openDatabase } from '../../../db/connection';
import { startRecoverableService } from '../../../service/recovery-api';
import { openService } from '../../../service/service';
import { fingerprintOf, gloss, inspect, makeTempDir, projectWithAnnotations } from './helpers';

/** A closed project with 150 annotations (enough for interior b-tree pages) and a backup of it. */
async function backedUpProject() {
  const { projectPath, service, ids } = await projectWithAnnotations(150);
  const backup = await service.api.createBackup({});
  service.close();
  return { projectPath, ids, backup };
}

/** The page size and the pages of one b-tree of a project, from SQLite's dbstat table. */
function pagesOf(path: string, table: string, type: 'internal' | 'leaf') {
  const db = new Sqlite(path, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db
      .prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno')
      .pluck()
      .all(table, type) as number[];
    return { pageSize, pages };
  } finally {
    db.close();
  }
}

/** Overwrites bytes of a file at an offset (the damage a failing disk or a bad copy leaves). */
function overwrite(path: string, offset: number, bytes: number[]): void {
  const content = readFileSync(path);
  Buffer.from(bytes).copy(content, offset);
  writeFileSync(path, content);
}

/** Each kind of damage, done to a real project file. */
const DAMAGE: Record<string, { kind: string; damage: (path: string) => void }> = {
  'flipped bytes in the header': {
    kind: 'header',
    // Offsets 16–17 hold the page size: 0x1234 is not a power of two.
    damage: (path) => overwrite(path, 16, [0x12, 0x34]),
  },
  'flipped bytes in the header signature': {
    kind: 'not_sqlite',
    damage: (path) => overwrite(path, 0, [0x51, 0x4c]), // "SQ" → "QL"
  },
  'an interior b-tree page': {
    kind: 'structure',
    damage: (path) => {
      const { pageSize, pages } = pagesOf(path, 'annotations', 'internal');
      expect(pages.length).toBeGreaterThan(0);
      // An interior page's right-most child pointer (offset 8) now points far past the file.
      overwrite(path, (pages[0]! - 1) * pageSize + 8, [0x7f, 0xff, 0xff, 0xf0]);
    },
  },
  'a data (leaf) page': {
    kind: 'structure',
    damage: (path) => {
      const { pageSize, pages } = pagesOf(path, 'annotations', 'leaf');
      // A leaf page's cell pointers (from offset 8) now point outside the page.
      const start = (pages[Math.floor(pages.length / 2)]! - 1) * pageSize;
      overwrite(path, start + 8, [0xff, 0xf0, 0xff, 0xf1, 0xff, 0xf2, 0xff, 0xf3]);
    },
  },
  'a truncated file': {
    kind: 'truncated',
    damage: (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2) + 100),
  },
  'a file that is not SQLite at all': {
    kind: 'not_sqlite',
    damage: (path) => writeFileSync(path, '%PDF-1.7\n'.repeat(500)),
  },
  'a file emptied to zero bytes': {
    kind: 'empty',
    damage: (path) => writeFileSync(path, ''),
  },
};

function openError(path: string): { code?: string; message: string; details?: unknown } {
  try {
    openService({ projectPath: path, author: 'analyst', appVersion: '9.9.9' }).close();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the project not to open');
}

describe.each(Object.entries(DAMAGE))('a project with %s', (_, { kind, damage }) => {
  it('is refused as damaged, untouched, with the newest good backup offered, then restored', async () => {
    const { projectPath, ids, backup } = await backedUpProject();
    damage(projectPath);
    const damagedBytes = fingerprintOf(projectPath);

    const error = openError(projectPath);
    expect(error.code).toBe('damaged');
    expect(error.details).toMatchObject({ kind, backup: { name: backup.name } });
    expect(error.message).toMatch(/^case\.gloss is damaged: .+\. Gloss has not written to it\. /);
    expect(error.message).toContain(`The newest good backup is from `);
    expect(error.message).toContain(`(${backup.name})`);
    // Nothing was written to it, and it is still where it was.
    expect(fingerprintOf(projectPath)).toEqual(damagedBytes);

    // The CLI says the same, and how to restore.
    const dir = dirname(projectPath);
    const refused = await gloss(['export', '--format', 'jsonl', '-p', 'case.gloss'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('case.gloss is damaged: ');
    expect(refused.stderr).toContain(
      `Run \`gloss restore --latest --project ${projectPath}\` to restore it`,
    );

    const restored = await gloss(['restore', '--latest', '-p', 'case.gloss'], dir);
    expect(restored.stderr).toContain(`Restored case.gloss from ${backup.name}`);
    expect(restored.code).toBe(0);
    expect(inspect(projectPath)).toMatchObject({ ids: [...ids].sort(), integrity: 'ok' });
    // The damaged file was kept aside, byte for byte.
    const aside = readdirSync(dir).filter((name) => /^case\.gloss\.damaged-[\dT-]+Z$/.test(name));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!)).equals(damagedBytes.bytes)).toBe(true);
    expect(restored.stderr).toContain(`set aside, untouched, as ${join(dir, aside[0]!)}`);
  });
});

describe('damage without any backup', () => {
  it('is still refused as damaged, saying there is no backup, and can be started afresh', async () => {
    const { projectPath, service } = await projectWithAnnotations(150);
    service.close();
    for (const file of listBackupFiles(projectPath)) writeFileSync(file.path, '');
    const { rmSync } = await import('node:fs');
    rmSync(`${projectPath}.backups`, { recursive: true });
    DAMAGE['an interior b-tree page']!.damage(projectPath);
    const bytes = fingerprintOf(projectPath).bytes;

    const error = openError(projectPath);
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('There is no backup of it to restore.');

    const recoverable = await startRecoverableService(projectPath, async () => {
      const opened = openService({ projectPath, author: 'analyst', appVersion: '9.9.9' });
      return { api: opened.api, close: async () => opened.close() };
    });
    expect(recoverable.damaged()?.code).toBe('damaged');
    await expect(recoverable.api.getProjectInfo({})).rejects.toMatchObject({ code: 'damaged' });
    expect((await recoverable.api.listBackups({})).backups).toEqual([]);
    const fresh = await recoverable.api.startEmptyProject({});
    expect(readFileSync(fresh.setAside!).equals(bytes)).toBe(true);
    expect(await recoverable.api.listDocuments({})).toEqual([]);
    expect((await recoverable.api.getProjectInfo({})).projectPath).toBe(projectPath);
    await recoverable.close();
  });

  it('keeps the old answers for files that never were a project', () => {
    const dir = makeTempDir();
    const notes = join(dir, 'notes.gloss');
    writeFileSync(notes, 'These are my notes, not a database.\n');
    expect(openError(notes)).toMatchObject({ code: 'unsupported_format' });
    expect(readFileSync(notes, 'utf8')).toBe('These are my notes, not a database.\n');
    const empty = join(dir, 'empty.gloss');
    writeFileSync(empty, '');
    openDatabase(empty).close(); // a new project
    expect(inspect(empty).integrity).toBe('ok');
    expect(existsSync(`${empty}.damaged`)).toBe(false);
    expect(basename(empty)).toBe('empty.gloss');
  });
});
