import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { ROOT_TAGS } from '../../../core/codebook';
import type { GlossApi } from '../../../core/api';
import { openService } from '../../../service/service';
import { makeTempDir } from '../db/helpers';

export { makeTempDir } from '../db/helpers';

export const [CLAIM, ENTITY, OPINION] = ROOT_TAGS.map((t) => t.id) as [string, string, string];

/** The shared sample article (beside the clone). */
export { SAMPLE_PATH as SAMPLE } from '../../shared-files';

/** A well-formed id that names nothing. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

/** Base64 of a text's UTF-8 bytes, as importFiles takes file contents. */
export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A service over a new project in a temporary folder, closed when the test finishes. */
export function openTestService(): { api: GlossApi; projectPath: string } {
  const projectPath = join(makeTempDir(), 'case.gloss');
  const service = openService({ projectPath, author: 'analyst', appVersion: '9.9.9' });
  onTestFinished(() => service.close());
  return { api: service.api, projectPath };
}

/** Imports one text file and returns the new document's id. */
export async function importText(api: GlossApi, name: string, text: string): Promise<string> {
  const [outcome] = await api.importFiles({ files: [{ name, data: base64(text) }] });
  if (outcome?.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return outcome.document.id;
}

/** Every row of every table, read through a separate connection: to prove nothing was written. */
export function snapshot(projectPath: string): string {
  const db = new Sqlite(projectPath, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(
      // rowid orders most tables whatever their key is called (settings has `key`); the FTS5
      // index's WITHOUT ROWID shadow tables have none and are scanned in key order anyway.
      tables.map((t) => {
        const withoutRowid = db
          .prepare('SELECT wr FROM pragma_table_list WHERE name = ?')
          .pluck()
          .get(t) as number;
        const order = withoutRowid ? '' : ' ORDER BY rowid';
        return [t, db.prepare(`SELECT * FROM "${t}"${order}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

/** What a promise rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{
  code?: string;
  message: string;
  name?: string;
}> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}
