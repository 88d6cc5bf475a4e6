import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { nodeBundleOptions } from '../../../scripts/bundle-options.mjs';
import { lockFilePath, otherHolders } from '../../../db/project-lock';
import { glossErrorFromSqlite } from '../../../db/sqlite-errors';
import { rejectionOf } from '../service/helpers';
import { addAnnotations, inspect, openProject, projectWithAnnotations, waitUntil } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let home: string;
let writer: string;

// The child is bundled inside the repository, so its external better-sqlite3 resolves.
beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  home = mkdtempSync(join(ROOT, '.tmp', 'lock-test-'));
  writer = join(home, 'writer.mjs');
  await build({
    entryPoints: [join(ROOT, 'tests/unit/safety/writer-child.ts')],
    outfile: writer,
    ...nodeBundleOptions,
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs the child; resolves with the lines it printed once it exits with 0. */
function runWriter(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(out.split('\n').filter(Boolean))
        : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe('two processes on one project', () => {
  it('never lose or corrupt a write when they write at the same time', async () => {
    const { projectPath, service, documentId, ids } = await projectWithAnnotations(1);
    const [first, second, own] = await Promise.all([
      runWriter(['write', projectPath, documentId, '120', 'first']),
      runWriter(['write', projectPath, documentId, '120', 'second']),
      addAnnotations(service.api, documentId, 60, 'parent'),
    ]);
    const all = [...ids, ...first, ...second, ...own];
    expect(new Set(all).size).toBe(1 + 120 + 120 + 60);
    const listed = await service.api.listAnnotations({ documentId });
    expect(listed.map((a) => a.id).sort()).toEqual([...all].sort());
    expect(inspect(projectPath)).toMatchObject({ integrity: 'ok' });
    // The children removed themselves from the holders when they closed.
    expect(otherHolders(projectPath)).toEqual([]);
  }, 60_000);

  it('tells a writer which Gloss holds the project when it stays busy past the timeout', async () => {
    const { projectPath, service, documentId } = await projectWithAnnotations(1);
    const holder = spawn(process.execPath, [writer, 'hold', projectPath], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    onTestFinished(() => void holder.kill());
    let out = '';
    holder.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitUntil(() => out.includes('holding'));
    expect(otherHolders(projectPath).map((h) => h.pid)).toEqual([holder.pid]);

    const started = Date.now();
    const refused = await rejectionOf(addAnnotations(service.api, documentId, 1));
    const waited = Date.now() - started;
    expect(refused.code).toBe('busy');
    expect(refused.message).toBe(
      `case.gloss is in use by another Gloss (pid ${holder.pid}), which kept it busy for more ` +
        'than 5 seconds, so this change was not saved. Try again when it has finished.',
    );
    expect(waited).toBeGreaterThanOrEqual(4500);
    expect(waited).toBeLessThan(9000);
    // Reading never waits for a writer (WAL).
    expect(await service.api.listAnnotations({ documentId })).toHaveLength(1);

    holder.stdin.end();
    await new Promise((resolve) => holder.once('exit', resolve));
    await addAnnotations(service.api, documentId, 1);
    expect(await service.api.listAnnotations({ documentId })).toHaveLength(2);
  }, 30_000);

  it('lists this process as a holder while open, and prunes holders that died', async () => {
    const { projectPath, service } = await projectWithAnnotations(0);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const recorded = JSON.parse(readFileSync(lockFilePath(projectPath), 'utf8'));
    expect(recorded.holders).toEqual([
      expect.objectContaining({ pid: process.pid, app: 'Gloss 9.9.9' }),
    ]);
    recorded.holders.push({ ...recorded.holders[0], pid: 4194303 }); // no such process
    writeFileSync(lockFilePath(projectPath), JSON.stringify(recorded));
    expect(otherHolders(projectPath)).toEqual([]);
    service.close();
    const { existsSync } = await import('node:fs');
    expect(existsSync(lockFilePath(projectPath))).toBe(false);
    openProject(projectPath).close();
  });
});

describe('SQLite errors in words', () => {
  const failure = (code: string) => Object.assign(new Error(`raw ${code}`), { code });
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_IOERR_WRITE', 'io_error'],
    ['SQLITE_IOERR_FSYNC', 'io_error'],
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
  ])('maps %s to %s', (sqlite, code) => {
    const mapped = glossErrorFromSqlite(failure(sqlite), { projectPath: '/cases/kyiv.gloss' });
    expect(mapped?.code).toBe(code);
    expect(mapped?.message).toContain('kyiv.gloss');
  });

  it('leaves other errors to their caller', () => {
    expect(glossErrorFromSqlite(failure('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(glossErrorFromSqlite(new TypeError('not SQLite'))).toBeUndefined();
  });
});
