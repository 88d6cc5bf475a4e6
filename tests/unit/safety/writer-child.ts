/**
 * A second Gloss process for the one-writer tests, bundled by lock.test.ts and run with node:
 *
 *   node writer.mjs write PROJECT DOCUMENT_ID COUNT LABEL
 *     opens the project through the real service and creates COUNT annotations, printing each
 *     acknowledged id on its own line;
 *   node writer.mjs hold PROJECT
 *     opens the project (so it is listed as a holder), takes an EXCLUSIVE transaction on it,
 *     prints "holding", and keeps it until its standard input closes.
 */
import Sqlite from 'better-sqlite3';
import { ROOT_TAGS } from '../../../core/codebook';
import { openService } from '../../../service/service';

const [mode, projectPath, documentId, count, label] = process.argv.slice(2);

async function write(): Promise<void> {
  const service = openService({ projectPath: projectPath!, author: label!, appVersion: '9.9.9' });
  for (let i = 0; i < Number(count); i++) {
    const start = (i * 3) % 1000;
    const created = await service.api.createAnnotation({
      documentId: documentId!,
      tagId: ROOT_TAGS[0]!.id,
      start,
      end: start + 4,
      note: `${label} ${i}`,
    });
    process.stdout.write(`${created.id}\n`);
  }
  service.close();
}

function hold(): void {
  const service = openService({ projectPath: projectPath!, author: 'holder', appVersion: '9.9.9' });
  const db = new Sqlite(projectPath!);
  db.exec('BEGIN EXCLUSIVE');
  db.prepare("UPDATE settings SET updated_by = 'holder' WHERE key = 'maxImportBytes'").run();
  process.stdout.write('holding\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    db.exec('ROLLBACK');
    db.close();
    service.close();
    process.exit(0);
  });
}

if (mode === 'hold') hold();
else
  void write().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
