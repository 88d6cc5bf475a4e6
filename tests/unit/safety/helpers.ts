/** Shared by the safety tests (issue 6): projects with content, waiting, byte-level damage. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { listBackupFiles } from '../../../db/backup';
import { openService, type GlossService } from '../../../service/service';
import { CLAIM, importText, makeTempDir } from '../service/helpers';

export { makeTempDir } from '../db/helpers';

/** A service over `projectPath`, closed when the test finishes (if the test did not close it). */
export function openProject(projectPath: string): GlossService {
  const service = openService({ projectPath, author: 'analyst', appVersion: '9.9.9' });
  onTestFinished(() => service.close());
  return service;
}

/** A project in a new temporary folder with one document and `annotations` annotations on it. */
export async function projectWithAnnotations(
  annotations: number,
  dir: string = makeTempDir(),
): Promise<{ projectPath: string; service: GlossService; documentId: string; ids: string[] }> {
  const projectPath = join(dir, 'case.gloss');
  const service = openProject(projectPath);
  const documentId = await importText(
    service.api,
    'article.txt',
    'Министр заявил 🙂, что 東京 примет делегацию. '.repeat(40),
  );
  const ids = await addAnnotations(service.api, documentId, annotations);
  return { projectPath, service, documentId, ids };
}

/** Adds `count` claims to a document, one call each; returns their ids. */
export async function addAnnotations(
  api: GlossApi,
  documentId: string,
  count: number,
  note = 'checked',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = (i * 7) % 1500;
    const created = await api.createAnnotation({
      documentId,
      tagId: CLAIM,
      start,
      end: start + 5,
      note: `${note} ${i}`,
    });
    ids.push(created.id);
  }
  return ids;
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the project has at least `count` backups. */
export function waitForBackups(projectPath: string, count = 1): Promise<void> {
  return waitUntil(() => listBackupFiles(projectPath).length >= count);
}

/** Live annotation ids and `PRAGMA integrity_check`, read through a separate connection. */
export function inspect(path: string): { ids: string[]; integrity: string; version: number } {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    const ids = db
      .prepare('SELECT id FROM annotations WHERE deleted_at IS NULL ORDER BY id')
      .pluck()
      .all() as string[];
    return {
      ids,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      version: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** The bytes and modification time of a file, to prove it was not written. */
export function fingerprintOf(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

/** Runs the CLI in-process and collects what it prints. */
export async function gloss(argv: string[], cwd: string) {
  const { runCli } = await import('../../../service/cli');
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    cwd,
  });
  return { code, stdout, stderr };
}
