/**
 * A project as Gloss schema 2 wrote it, with many rows, so that opening it with today's service
 * runs a migration long enough to be killed in the middle (schema 3 fills document_details from
 * every document's metadata).
 */
import { createHash } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { ROOT_TAGS } from '../../core/codebook';
import { migrate } from '../../db/migrations';
import { articleText, makeRandom } from './random';

/** Writes the project (which must not exist yet); returns what it holds. */
export function writeSchemaTwoProject(
  path: string,
  documents: number,
  seed: number,
): { documents: number; annotations: number } {
  const random = makeRandom(seed);
  const db = new Sqlite(path);
  let annotations = 0;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, 2);
    const insertDocument = db.prepare(
      `INSERT INTO documents (id, title, format, sha256, byte_size, length, text, blocks_json,
         source_name, importer, importer_version, metadata_json)
       VALUES (@id, @title, 'txt', @sha256, @byteSize, @length, @text, @blocks, @name, 'txt',
         '1', @metadata)`,
    );
    // Gloss keeps the original bytes of what it imports (below a size limit) since schema 2.
    const insertOriginal = db.prepare(
      `INSERT INTO document_originals (document_id, sha256, byte_size, bytes)
       VALUES (@id, @sha256, @byteSize, @bytes)`,
    );
    const insertAnnotation = db.prepare(
      `INSERT INTO annotations (id, document_id, tag_id, start, "end", exact, author)
       VALUES (@id, @documentId, @tagId, @start, @end, @exact, 'schema-2')`,
    );
    db.transaction(() => {
      for (let n = 0; n < documents; n++) {
        const text = articleText(random, 150 + random.int(300));
        const length = [...text].length;
        const id = uuidLike(n, 1);
        const bytes = Buffer.from(text, 'utf8');
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        insertDocument.run({
          id,
          title: `Old article ${n}`,
          sha256,
          byteSize: bytes.length,
          length,
          text,
          blocks: JSON.stringify([{ type: 'paragraph', start: 0, end: length }]),
          name: `old-${n}.txt`,
          metadata: JSON.stringify({ byline: `Author ${n % 97}`, siteName: 'Old Outlet' }),
        });
        insertOriginal.run({ id, sha256, byteSize: bytes.length, bytes });
        for (let k = 0; k < 3; k++) {
          const start = random.int(length - 10);
          const end = start + 1 + random.int(8);
          insertAnnotation.run({
            id: uuidLike(n, 2 + k),
            documentId: id,
            tagId: ROOT_TAGS[k % ROOT_TAGS.length]!.id,
            start,
            end,
            exact: [...text].slice(start, end).join(''),
          });
          annotations++;
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { documents, annotations };
}

/** A UUIDv7-shaped id made of two counters: stable and unique within the fixture. */
function uuidLike(n: number, kind: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `01900000-000${kind.toString(16)}-7000-8000-${hex}`;
}
